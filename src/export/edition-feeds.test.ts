/**
 * The static export writes each edition's feeds — its summary feeds and its TV feeds — with the
 * bytes the live routes serve, and rewrites only the feeds of the edition a story edit touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createSection, setArticleVideo, updateArticle } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import { createList } from '../fronts/index.js';
import { createEntity } from '../knowledge/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addEdition, EDITION_AR, EDITION_ES, type Fixture, seedFixture } from '../test/fixtures.js';
import { exportStatic } from './export.js';
import { PageRefs, staticPage } from './paths.js';

const FILES = ['rss.xml', 'atom.xml', 'feed.json', 'roku.json', 'roku-search.json', 'video.xml'];

describe.each(testDialects())('edition feeds in the static export on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let out: string;
  let esStory: ArticleRow;
  let arStory: ArticleRow;
  const run = () => exportStatic(env.ctx, env.app, out, { workers: 0 });
  const feedFiles = (code: string, files = FILES) => files.map((f) => `feeds/edition/${code}/${f}`);

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    const now = env.ctx.now().toISOString();
    const es = await addEdition(env.ctx, EDITION_ES);
    const ar = await addEdition(env.ctx, EDITION_AR);
    const mundo = await createSection(env.ctx.db, { slug: 'mundo', name: 'Mundo', editionId: es.id }, now);
    const economy = await createSection(
      env.ctx.db,
      { slug: 'economy', name: 'اقتصاد', editionId: ar.id },
      now,
    );
    await fx.publish({ headline: 'Port strike ends' }, 3);
    esStory = await fx.publish({ headline: 'Termina la huelga', sectionId: mundo.id, tags: ['Huelga'] }, 2);
    const esOlder = await fx.publish({ headline: 'Llega el invierno', sectionId: mundo.id }, 4);
    arStory = await fx.publish({ headline: 'انتهاء الإضراب', sectionId: economy.id }, 1);
    await setArticleVideo(
      env.ctx.db,
      esStory.id,
      { sourceUrl: 'https://media.example.com/huelga/master.m3u8', durationSeconds: 120, quality: 'HD' },
      now,
    );
    // A topic: an entity confirmed on the Spanish story.
    const port = await createEntity(env.ctx.db, { type: 'place', name: 'Valencia' }, now);
    await env.ctx.db
      .insertInto('article_entities')
      .values({
        article_id: esStory.id,
        key: `e:${port.id}`,
        entity_id: port.id,
        name: port.name,
        type: port.type,
        state: 'confirmed',
        mentions: 1,
        first_offset: 0,
        snippet: '',
        decided_by: 'test',
        decided_at: now,
        updated_at: now,
      })
      .execute();
    // The Spanish home is curated: its older story leads.
    await createList(
      env.ctx.db,
      {
        slug: 'es-portada',
        front: `home@${es.id}`,
        definition: {
          source: { kind: 'latest' },
          pins: [{ articleId: esOlder.id, slot: 1 }],
          limit: 5,
          variant: 'lead',
        },
      },
      { id: null, email: 'desk@example.com', label: 'test', now },
    );
    // One instant for the export and the live answers: an empty TV feed is dated "now".
    env.setNow(env.ctx.now());
    out = path.join(env.dir, 'mirror');
    await run();
  }, 120_000);
  afterAll(() => env?.close());

  const host = () => new URL(env.ctx.config.site.url).host;

  it("writes every edition's feeds byte-identical to the live routes", async () => {
    const urls = [
      ...feedFiles('es'),
      ...feedFiles('ar').slice(0, 3),
      'feed.xml',
      'feeds/all/atom.xml',
      'feeds/section/es/mundo/rss.xml',
    ].map((rel) => `/${rel}`);
    for (const url of urls) {
      const live = await env.app.inject({ url, headers: { host: host() } });
      expect(live.statusCode, url).toBe(200);
      expect(fs.readFileSync(path.join(out, url.slice(1)), 'utf8'), url).toBe(live.body);
    }
    // Each in its edition's language, with its own stories only.
    const rss = fs.readFileSync(path.join(out, 'feeds/edition/es/rss.xml'), 'utf8');
    expect(rss).toContain('<language>es</language>');
    expect(rss).toContain('Termina la huelga');
    expect(rss).not.toContain('Port strike ends');
    expect(fs.readFileSync(path.join(out, 'feeds/edition/ar/rss.xml'), 'utf8')).toContain(arStory.headline);
    expect(fs.readFileSync(path.join(out, 'feed.xml'), 'utf8')).not.toContain('Termina la huelga');
    expect(fs.readFileSync(path.join(out, 'feeds/edition/es/roku.json'), 'utf8')).toContain(
      'Termina la huelga',
    );
  });

  it("writes the edition's tag, author, corrections and live pages and their feeds as the live site serves them", async () => {
    const topics = fs.readdirSync(path.join(out, 'es/topics'));
    expect(topics).toHaveLength(1);
    for (const url of [
      '/es/tag/huelga',
      '/es/author/anna-kovalenko',
      `/es/topics/${topics[0]}`,
      '/es/corrections',
      '/es/live',
    ]) {
      const live = await env.app.inject({ url, headers: { host: host() } });
      expect(live.statusCode, url).toBe(200);
      const file = fs.readFileSync(path.join(out, url.slice(1), 'index.html'), 'utf8');
      // No alert: the live page keeps its banner slot, which the mirror drops (no static host fills it).
      const unfilled = live.body.replace(/<!--# include virtual="\/alerts\/banner\.html[^"]*" -->/, '');
      expect(file, url).toBe(staticPage(unfilled, new PageRefs()));
    }
    // Listing the edition's stories only, in its language.
    const tag = cheerio.load(fs.readFileSync(path.join(out, 'es/author/anna-kovalenko/index.html'), 'utf8'));
    expect(tag('html').attr('lang')).toBe('es');
    expect(tag('main').text()).toContain('Termina la huelga');
    expect(tag('main').text()).not.toContain('Port strike ends');
    // An edition with no story of the tag has no page for it.
    expect(fs.existsSync(path.join(out, 'ar/tag/huelga'))).toBe(false);
    for (const url of [
      '/feeds/edition/es/tag/huelga/rss.xml',
      '/feeds/edition/es/author/anna-kovalenko/atom.xml',
    ]) {
      const live = await env.app.inject({ url, headers: { host: host() } });
      expect(live.statusCode, url).toBe(200);
      expect(fs.readFileSync(path.join(out, url.slice(1)), 'utf8'), url).toBe(live.body);
    }
  });

  it("writes the edition's curated home", () => {
    const $ = cheerio.load(fs.readFileSync(path.join(out, 'es/index.html'), 'utf8'));
    expect($('main .card-headline').first().text()).toBe('Llega el invierno');
  });

  it("rewrites only the feeds of the edited story's edition", async () => {
    const again = await run();
    expect(again.writtenPaths.filter((f) => f.startsWith('feeds/') || f.endsWith('.xml'))).toEqual([]);
    // Nor any edition's page (its tag, author, corrections and live pages are drawn again, unchanged).
    expect(again.writtenPaths.filter((f) => f.startsWith('es/') || f.startsWith('ar/'))).toEqual([]);
    const input = await articleInputOf(env.ctx.db, esStory);
    await updateArticle(
      env.ctx.db,
      esStory.id,
      { ...input, headline: 'Termina la huelga del puerto' },
      { now: env.ctx.now().toISOString(), expectedVersion: esStory.version, timeZone: 'UTC' },
    );
    const after = await run();
    const feeds = after.writtenPaths.filter(
      (f) => f.startsWith('feeds/edition/') || f.startsWith('feeds/video'),
    );
    // Its edition's feeds, and those of its tag, author and topic in its edition.
    const own = ['tag/huelga', 'author/anna-kovalenko', 'topic/valencia'].flatMap((p) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `feeds/edition/es/${p}/${f}`),
    );
    expect(feeds.sort()).toEqual([...feedFiles('es'), ...own].sort());
    for (const f of [...feedFiles('ar'), 'feed.xml', 'feeds/roku.json'])
      expect(after.writtenPaths).not.toContain(f);
    expect(fs.readFileSync(path.join(out, 'feeds/edition/es/roku.json'), 'utf8')).toContain(
      'Termina la huelga del puerto',
    );
  });
});

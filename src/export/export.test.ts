import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEACON_PIXEL } from '../audience/index.js';
import { articleInputOf, raiseAlert, updateArticle, withdrawAlert } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import { PAGE_SIZE } from '../site/index.js';
import { createList, saveList } from '../fronts/index.js';
import { createEntity } from '../knowledge/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { BatchRenderer, loadSiteData } from './batch.js';
import { exportStatic } from './export.js';
import { FeedRenderer } from './feeds.js';
import { renderPage } from './render.js';
import { STATE_FILE } from './state.js';
import { staticServer } from './static-server.js';
import { inventoryOf } from './urls.js';

const ALLOWED_EXTERNAL = new Set(['news.example.com', 'mirror.example.org', 'apps.example.com']);

/** Follow every href, src and srcset from `/`; return what was fetched and what was broken. */
async function crawl(origin: string) {
  const seen = new Set<string>();
  const broken: string[] = [];
  const external = new Set<string>();
  const queue = ['/'];
  let redirects = 0;
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(origin + url, { redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) redirects++;
    if (res.status !== 200) {
      broken.push(`${url} → ${res.status}`);
      continue;
    }
    const type = res.headers.get('content-type') ?? '';
    const body = await res.text();
    if (!type.includes('text/html')) continue;
    const $ = cheerio.load(body);
    const refs: string[] = [];
    $('[href]').each((_, el) => void refs.push($(el).attr('href')!));
    $('[src]').each((_, el) => void refs.push($(el).attr('src')!));
    $('[srcset]').each((_, el) => {
      for (const c of $(el).attr('srcset')!.split(',')) refs.push(c.trim().split(/\s+/)[0]!);
    });
    for (const ref of refs) {
      const abs = new URL(ref, origin + url);
      if (abs.origin === origin) {
        queue.push(abs.pathname + abs.search);
      } else if (abs.protocol === 'http:' || abs.protocol === 'https:') {
        external.add(abs.host);
      }
    }
  }
  return { seen, broken, external, redirects };
}

describe.each(testDialects())('static export on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let out: string;
  const stories: ArticleRow[] = [];
  // Small sites render and write in this thread; `workers` forces the worker threads large sites
  // on many cores use, `writeThread` the write thread beside this one (page-output.ts).
  const run = (workers?: number, writeThread?: boolean) =>
    exportStatic(env.ctx, env.app, out, { workers, writeThread });

  beforeAll(async () => {
    env = await testEnv(dialect, {
      SITE_ALTERNATE_URLS: 'https://mirror.example.org',
      SITE_APP_LINKS: 'Phone app|https://apps.example.com/masthead',
    });
    fx = await seedFixture(env.ctx, env.dir);
    out = path.join(env.dir, 'mirror');
    // 23 stories in Russia: its section front (and News, Politics) has two pages.
    for (let i = 0; i < 23; i++) {
      stories.push(
        await fx.publish(
          { headline: `Russia story ${i}`, slug: `russia-${i}`, tags: i % 2 ? ['Budget'] : [] },
          30 - i,
        ),
      );
    }
    stories.push(
      await fx.publish(
        {
          headline: 'Cup final',
          slug: 'cup-final',
          sectionId: fx.sections.sports,
          authorIds: [fx.authors.daniel],
        },
        1,
      ),
    );
    // Topics: confirmed entities on a few stories (topic pages, Topics lines, related stories).
    const now = env.ctx.now().toISOString();
    const person = await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamkhani' }, now);
    const place = await createEntity(
      env.ctx.db,
      { type: 'place', name: 'Vilnius', wikidataQid: 'Q216', description: 'Capital of Lithuania' },
      now,
    );
    const confirm = (articleId: number, e: typeof person, mentions: number) =>
      env.ctx.db
        .insertInto('article_entities')
        .values({
          article_id: articleId,
          key: `e:${e.id}`,
          entity_id: e.id,
          name: e.name,
          type: e.type,
          state: 'confirmed',
          mentions,
          first_offset: 0,
          snippet: '',
          decided_by: 'test',
          decided_at: now,
          updated_at: now,
        })
        .execute();
    for (let i = 0; i < 4; i++) await confirm(stories[i]!.id, person, i + 1);
    for (let i = 2; i < 7; i++) await confirm(stories[i]!.id, place, 1);
  }, 60_000);
  afterAll(() => env?.close());

  it('writes every page, and a plain static server resolves every link in it', async () => {
    const summary = await run(0, true);
    expect(summary.pages).toBeGreaterThan(stories.length);
    expect(summary.removed).toBe(0);
    for (const file of [
      'index.html',
      'news/index.html',
      'news/politics/russia/index.html',
      'news/politics/russia/page/2/index.html',
      'sports/index.html',
      'tag/budget/index.html',
      'author/anna-kovalenko/index.html',
      'author/daniel-reyes/index.html',
      'topics/ali-shamkhani/index.html',
      'topics/vilnius/index.html',
      'feeds/topic/vilnius/rss.xml',
      `${stories[0]!.path!.slice(1)}/index.html`,
      'mirrors.json',
      'robots.txt',
      'assets/logo.png',
      '404.html',
      STATE_FILE,
    ]) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
    // Each story page's view beacon: the pixel, written by the export (no app request, no view).
    for (const s of stories)
      expect(fs.readFileSync(path.join(out, `views/${s.id}.gif`))).toEqual(BEACON_PIXEL);
    const server = await staticServer(out);
    try {
      const { seen, broken, external, redirects } = await crawl(server.origin);
      expect(broken).toEqual([]);
      expect(redirects).toBe(0);
      // Every story, both pages of the paginated fronts, and the images were reached by links.
      for (const s of stories) expect(seen.has(`${s.path}/`), s.path!).toBe(true);
      expect(seen.has('/news/politics/russia/page/2/')).toBe(true);
      // Topic pages, reached from the stories' Topics lines.
      expect(seen.has('/topics/ali-shamkhani/')).toBe(true);
      expect([...seen].some((u) => /^\/media\/\d+\/\d+\.webp$/.test(u))).toBe(true);
      expect([...seen].some((u) => /^\/media\/\d+\/\d+\.jpg$/.test(u))).toBe(true);
      // No link leads back to where the export was made (the app's own host or a loopback
      // port); absolute links name only the configured addresses and apps.
      for (const host of external) expect(ALLOWED_EXTERNAL.has(host), host).toBe(true);
      const all = fs
        .readdirSync(out, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.html'));
      for (const f of all) {
        const html = fs.readFileSync(path.join(out, f), 'utf8');
        // (Canonical links keep the live primary URL, ?page=N included: that is the page's name.)
        expect(html, f).not.toMatch(/localhost|127\.0\.0\.1|(?:href|src)="\/[^"]*\?/);
      }
    } finally {
      await server.close();
    }
  });

  it('serves the same page as the live site, with static-friendly links', async () => {
    const live = await env.app.inject({ url: stories[3]!.path! });
    const file = fs.readFileSync(path.join(out, stories[3]!.path!.slice(1), 'index.html'), 'utf8');
    const $live = cheerio.load(live.body);
    const $file = cheerio.load(file);
    expect($file('h1').text()).toBe($live('h1').text());
    expect($file('link[rel=canonical]').attr('href')).toBe($live('link[rel=canonical]').attr('href'));
    expect($file('.story-body').html()).toBe($live('.story-body').html());
    expect($file('.breadcrumbs a').first().attr('href')).toBe('/news/');
    const front = fs.readFileSync(path.join(out, 'news/politics/russia/index.html'), 'utf8');
    expect(cheerio.load(front)('.pager a[rel=next]').attr('href')).toBe('/news/politics/russia/page/2/');
  });

  it('renders every page from bulk-loaded data byte-identical to the live page builders', async () => {
    const batch = new BatchRenderer(env.ctx, await loadSiteData(env.ctx));
    const { urls } = inventoryOf(batch.data, PAGE_SIZE);
    await batch.loadArticles(urls.filter((u) => u.kind === 'article').map((u) => u.url));
    let compared = 0;
    expect(urls).toContainEqual({ url: '/topics/vilnius', kind: 'topic' });
    for (const { url, kind } of urls) {
      // The page builder draws these in the export too (pages.ts).
      if (kind === 'home' || kind === 'topic') continue;
      const [p = '/', q] = url.split('?');
      const page = q ? Number(q.replace('page=', '')) : 1;
      const fromBatch = kind === 'article' ? await batch.articlePage(p) : batch.listPage(p, page);
      const live = await renderPage(env.ctx, url);
      expect(fromBatch && 'html' in fromBatch ? fromBatch.html : null, url).toBe(live.body);
      compared++;
    }
    expect(compared).toBeGreaterThan(stories.length + 8);
    // The story pages compared carry Topics lines and related stories, as the live ones do.
    const shared = cheerio.load((await renderPage(env.ctx, stories[3]!.path!)).body as string);
    expect(shared('.story-topics a').length).toBe(2);
    expect(shared('aside.related a').length).toBeGreaterThan(0);
  });

  it('renders every summary feed from bulk-loaded data byte-identical to the feed routes', async () => {
    const data = await loadSiteData(env.ctx);
    const feeds = new FeedRenderer(env.ctx, data);
    await feeds.load();
    const scopes = [
      '/feeds/all',
      ...[...data.base.tree.byPath.keys()].map((p) => `/feeds/section/${p}`),
      ...[...data.byTag.keys()].map((id) => `/feeds/tag/${data.tags.get(id)!.slug}`),
      ...[...data.byAuthor.keys()].map((id) => `/feeds/author/${data.authors.get(id)!.slug}`),
      ...[...data.byTopic.keys()].map((id) => `/feeds/topic/${data.topics.get(id)!.slug}`),
    ];
    expect(scopes).toContain('/feeds/topic/ali-shamkhani');
    const feedUrls = ['/feed.xml', '/atom.xml', '/feed.json'];
    for (const scope of scopes)
      for (const f of ['rss.xml', 'atom.xml', 'feed.json']) feedUrls.push(`${scope}/${f}`);
    const host = new URL(env.ctx.config.site.url).host;
    for (const url of feedUrls) {
      const live = await env.app.inject({ url, headers: { host } });
      expect(live.statusCode, url).toBe(200);
      expect(await feeds.render(url), url).toBe(live.body);
    }
    expect(feedUrls.length).toBeGreaterThan(20);
    // Full-content feeds and unknown scopes are left to the app.
    expect(await feeds.render('/feeds/all/rss-full.xml')).toBeNull();
    expect(await feeds.render('/feeds/tag/no-such-tag/rss.xml')).toBeNull();
  });

  it('rewrites only what changed, and removes stories that left the site', async () => {
    // Worker threads write exactly what this thread wrote: nothing changes.
    const again = await run(2);
    expect(again.written).toBe(0);
    expect(again.skipped).toBeGreaterThan(30);

    // Publish one story: its page, its section fronts, tag, author and the home page change;
    // the archive of other sections does not.
    const fresh = await fx.publish(
      { headline: 'Late goal', slug: 'late-goal', sectionId: fx.sections.sports, tags: ['Football'] },
      0.5,
    );
    const after = await run(2);
    const written = new Set(after.writtenPaths);
    for (const file of [
      `${fresh.path!.slice(1)}/index.html`,
      'index.html',
      'sports/index.html',
      'tag/football/index.html',
      'author/anna-kovalenko/index.html',
    ]) {
      expect(written.has(file), file).toBe(true);
    }
    for (const file of [
      `${stories[0]!.path!.slice(1)}/index.html`,
      'news/politics/russia/page/2/index.html',
    ]) {
      expect(written.has(file), file).toBe(false);
    }
    // Of the story pages, only the new one and its Sports neighbour ("More in Sports") change.
    const storyPages = after.writtenPaths.filter((f) => /\/\d{4}\/\d{2}\/\d{2}\//.test(f));
    expect(storyPages.sort()).toEqual(
      [`${fresh.path!.slice(1)}/index.html`, `${stories[23]!.path!.slice(1)}/index.html`].sort(),
    );

    // Unpublish one: its page is removed, pages that listed it are rewritten.
    const gone = stories[22]!;
    const input = await articleInputOf(env.ctx.db, gone);
    await updateArticle(
      env.ctx.db,
      gone.id,
      { ...input, status: 'unpublished' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: gone.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    const removed = await run(0, true);
    expect(removed.removedPaths).toContain(`${gone.path!.slice(1)}/index.html`);
    expect(fs.existsSync(path.join(out, gone.path!.slice(1)))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'news/politics/russia/index.html'), 'utf8')).not.toContain(
      gone.path!,
    );
    const server = await staticServer(out);
    try {
      expect((await crawl(server.origin)).broken).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('renders nothing whose inputs did not change, and again everything showing a change', async () => {
    // Unchanged: no page but the home page (always made) and no summary feed is even rendered.
    const again = await run();
    expect(again.written).toBe(0);
    expect(again.reused).toBeGreaterThanOrEqual(again.pages - 1 + 3);

    /** Files of the mirror whose text contains `needle` (pages and feeds that show it). */
    const showing = (needle: string) =>
      fs
        .readdirSync(out, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(html|xml|json)$/.test(f) && !f.startsWith('.'))
        .filter((f) => fs.readFileSync(path.join(out, f), 'utf8').includes(needle));
    /** Every file showing `needle` was written; nothing else was but sitemaps (dates). */
    const expectWrittenExactly = (summary: { writtenPaths: string[] }, needle: string) => {
      const shown = showing(needle);
      const written = new Set(summary.writtenPaths);
      for (const f of shown) expect(written.has(f), f).toBe(true);
      for (const f of written) expect(shown.includes(f) || f.includes('sitemap'), f).toBe(true);
      return shown;
    };

    // A story's headline changes: its page, the fronts, tag and author pages listing it, the
    // neighbours whose "More in" shows it, and the feeds carrying it; in worker threads too.
    const story = stories[21]!;
    const input = await articleInputOf(env.ctx.db, story);
    await updateArticle(
      env.ctx.db,
      story.id,
      { ...input, headline: 'Russia story renamed' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: story.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    const edited = await run(2);
    const shown = expectWrittenExactly(edited, 'Russia story renamed');
    for (const file of [
      `${story.path!.slice(1)}/index.html`,
      `${stories[20]!.path!.slice(1)}/index.html`,
      'news/politics/russia/index.html',
      'tag/budget/index.html',
      'author/anna-kovalenko/index.html',
      'feeds/all/rss.xml',
      'feeds/section/news/politics/russia/atom.xml',
      'feeds/tag/budget/feed.json',
    ]) {
      expect(shown, file).toContain(file);
    }
    expect(edited.reused).toBeGreaterThan(edited.pages / 2);

    // Files deleted from the mirror by hand are made again, though nothing else changed.
    const lost = [`${stories[5]!.path!.slice(1)}/index.html`, 'feeds/tag/budget/rss.xml', 'robots.txt'];
    for (const rel of lost) fs.rmSync(path.join(out, rel));
    const restored = await run(0, true);
    expect(restored.writtenPaths.sort()).toEqual([...lost].sort());
    for (const rel of lost) expect(fs.existsSync(path.join(out, rel)), rel).toBe(true);

    // A tag is renamed: every page and feed naming it, and nothing else.
    await env.ctx.db.updateTable('tags').set({ name: 'State budget' }).where('slug', '=', 'budget').execute();
    const renamed = await run(0, true);
    expect(expectWrittenExactly(renamed, 'State budget')).toContain(`${story.path!.slice(1)}/index.html`);
    expect(renamed.writtenPaths).toContain('tag/budget/index.html');

    // Inputs unknown (as after an upgrade of the code): every page and feed is rendered again,
    // and written only where its bytes differ from the file in the mirror: nowhere.
    const statePath = path.join(out, STATE_FILE);
    const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { inputs: Record<string, string> };
    for (const rel of Object.keys(state.inputs)) state.inputs[rel] = 'unknown';
    fs.writeFileSync(statePath, JSON.stringify(state));
    const rendered = await run();
    expect(rendered.reused).toBe(0);
    expect(rendered.written).toBe(0);
    // The same through the write thread: it reads each page back and finds the same bytes.
    for (const rel of Object.keys(state.inputs)) state.inputs[rel] = 'unknown';
    fs.writeFileSync(statePath, JSON.stringify(state));
    const threaded = await run(0, true);
    expect(threaded.reused).toBe(0);
    expect(threaded.written).toBe(0);
    expect(threaded.skipped).toBe(rendered.skipped);
  }, 60_000);

  it("fails the export with the file system's error, from this thread or the write thread", async () => {
    // A file where a section's folder must go: no page of that section can be written.
    const blocker = path.join(out, 'sports');
    fs.rmSync(blocker, { recursive: true });
    fs.writeFileSync(blocker, 'in the way');
    // Nothing known of the last export: every page is rendered and written.
    fs.writeFileSync(path.join(out, STATE_FILE), '{}');
    try {
      for (const writeThread of [false, true]) {
        await expect(run(0, writeThread), String(writeThread)).rejects.toThrow(/sports/);
      }
    } finally {
      fs.rmSync(blocker);
    }
    await run(0, true);
    expect(fs.existsSync(path.join(out, 'sports/index.html'))).toBe(true);
  }, 60_000);
  it('puts the breaking-news banner into every exported page, and /alerts.json beside them', async () => {
    const by = { id: null, email: 'test', label: 'test', now: env.ctx.now().toISOString() };
    const expiresAt = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const alert = await raiseAlert(
      env.ctx.db,
      { text: 'Ferry services suspended', link: stories[0]!.path, level: 'live', expiresAt },
      by,
    );
    const summary = await run(2);
    // Every page shows the banner: the site fingerprint names it, so none was skipped.
    expect(summary.reused).toBe(0);
    for (const file of [
      'index.html',
      `${stories[3]!.path!.slice(1)}/index.html`,
      'sports/index.html',
      '404.html',
    ]) {
      const $ = cheerio.load(fs.readFileSync(path.join(out, file), 'utf8'));
      expect($('.alert-banner').text(), file).toContain('Ferry services suspended');
    }
    const json = JSON.parse(fs.readFileSync(path.join(out, 'alerts.json'), 'utf8'));
    expect(json.alerts.map((a: { text: string }) => a.text)).toEqual(['Ferry services suspended']);
    await withdrawAlert(env.ctx.db, alert.id, by);
    await run(0, true);
    const $home = cheerio.load(fs.readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect($home('.alert-banner')).toHaveLength(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'alerts.json'), 'utf8'))).toEqual({ alerts: [] });
  }, 60_000);
  it('exports the curated home page and section fronts, and draws them again when a list changes', async () => {
    const by = { id: null, email: 'test', label: 'test', now: env.ctx.now().toISOString() };
    const pick = stories[5]!;
    const list = (articleId: number) => ({
      source: { kind: 'manual' as const },
      pins: [{ articleId }],
      variant: 'lead' as const,
    });
    await createList(env.ctx.db, { slug: 'home-pick', front: 'home', definition: list(pick.id) }, by);
    await createList(
      env.ctx.db,
      { slug: 'sports-pick', front: `section:${fx.sections.sports}`, definition: list(pick.id) },
      by,
    );
    await run(0);
    const read = (file: string) => cheerio.load(fs.readFileSync(path.join(out, file), 'utf8'));
    const lead = ($: cheerio.CheerioAPI, slug: string) => $(`[data-list=${slug}] .card-headline`).text();
    expect(lead(read('index.html'), 'home-pick')).toBe(pick.headline);
    expect(lead(read('sports/index.html'), 'sports-pick')).toBe(pick.headline);
    // What the live page shows (links differ: the export rewrites them for static hosting).
    const live = cheerio.load((await env.app.inject({ method: 'GET', url: '/sports' })).body);
    expect(live('[data-list=sports-pick]').text()).toBe(
      read('sports/index.html')('[data-list=sports-pick]').text(),
    );
    const other = stories[6]!;
    await saveList(env.ctx.db, 'sports-pick', { version: 1, title: '', definition: list(other.id) }, by);
    await run(0);
    expect(lead(read('sports/index.html'), 'sports-pick')).toBe(other.headline);
  }, 60_000);
});

/**
 * `export static DIR --edition CODE`: an edition on a host of its own exported alone, as its own
 * site (home at `/`), with the bytes a request on its host gets; the site's export keeps none
 * of its pages, and a wrong code is refused before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addEdition, EDITION_AR, EDITION_ES, seedFixture } from '../test/fixtures.js';
import { exportStatic } from './export.js';
import { PageRefs, staticPage } from './paths.js';

const HOST = 'es.example.com';

describe.each(testDialects())('a host edition in the static export on %s', (dialect) => {
  let env: TestEnv;
  let siteOut: string;
  let esOut: string;
  let stories: ArticleRow[];

  beforeAll(async () => {
    env = await testEnv(dialect);
    const fx = await seedFixture(env.ctx, env.dir);
    const now = env.ctx.now().toISOString();
    const es = await addEdition(env.ctx, { ...EDITION_ES, prefix: null, host: HOST });
    await addEdition(env.ctx, EDITION_AR);
    const mundo = await createSection(env.ctx.db, { slug: 'mundo', name: 'Mundo', editionId: es.id }, now);
    await fx.publish({ headline: 'Port strike ends' }, 3);
    stories = [
      await fx.publish({ headline: 'Termina la huelga', sectionId: mundo.id, tags: ['Huelga'] }, 2),
      await fx.publish({ headline: 'Llega el invierno', sectionId: mundo.id }, 4),
    ];
    siteOut = path.join(env.dir, 'site');
    esOut = path.join(env.dir, 'es');
    await exportStatic(env.ctx, env.app, siteOut, { workers: 0 });
  }, 120_000);
  afterAll(() => env?.close());

  const file = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

  it('writes the edition as its own site, each page the bytes its host serves', async () => {
    const summary = await exportStatic(env.ctx, env.app, esOut, { workers: 0, edition: 'es' });
    expect(summary.pages).toBeGreaterThan(3);
    const storyPath = stories[0]?.path as string;
    expect(storyPath.startsWith('/mundo/')).toBe(true);
    for (const url of ['/', '/mundo', storyPath, '/tag/huelga', '/corrections']) {
      const live = await env.app.inject({ url, headers: { host: HOST } });
      expect(live.statusCode, url).toBe(200);
      const rel = url === '/' ? 'index.html' : `${url.slice(1)}/index.html`;
      // No alert: the live page keeps its banner slot, which the mirror drops (no static host fills it).
      const unfilled = live.body.replace(/<!--# include virtual="\/alerts\/banner\.html[^"]*" -->/, '');
      expect(file(esOut, rel), url).toBe(staticPage(unfilled, new PageRefs()));
    }
    expect(file(esOut, 'index.html')).toContain('Termina la huelga');
    expect(file(esOut, 'index.html')).not.toContain('Port strike ends');
    // Its feeds and files come from the app on its host, their links naming it.
    const feed = await env.app.inject({ url: '/feeds/edition/es/rss.xml', headers: { host: HOST } });
    expect(file(esOut, 'feeds/edition/es/rss.xml')).toBe(feed.body);
    expect(feed.body).toContain(`https://${HOST}/mundo/`);
    const robots = await env.app.inject({ url: '/robots.txt', headers: { host: HOST } });
    expect(file(esOut, 'robots.txt')).toBe(robots.body);
    // No page of the site's or of another edition's.
    expect(fs.existsSync(path.join(esOut, 'ar'))).toBe(false);
  });

  it("leaves the edition's pages out of the site's export", () => {
    expect(fs.existsSync(path.join(siteOut, 'mundo'))).toBe(false);
    expect(fs.existsSync(path.join(siteOut, String(stories[0]?.path).slice(1)))).toBe(false);
    expect(file(siteOut, 'index.html')).not.toContain('Termina la huelga');
    expect(fs.existsSync(path.join(siteOut, 'ar', 'index.html'))).toBe(true);
  });

  it('writes nothing on a second run', async () => {
    const again = await exportStatic(env.ctx, env.app, esOut, { workers: 0, edition: 'es' });
    expect(again.writtenPaths).toEqual([]);
    expect(again.removed).toBe(0);
  });

  it('refuses an edition that is not on a host of its own, writing nothing', async () => {
    for (const code of ['ar', 'en', 'xx', '']) {
      const dir = path.join(env.dir, `bad-${code || 'empty'}`);
      await expect(exportStatic(env.ctx, env.app, dir, { workers: 0, edition: code })).rejects.toThrow(
        /--edition/,
      );
      expect(fs.existsSync(dir)).toBe(false);
    }
  });
});

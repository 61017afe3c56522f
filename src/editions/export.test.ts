import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection, raiseAlert } from '../content/index.js';
import { exportStatic } from '../export/index.js';
import { PageRefs, staticPage } from '../export/paths.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { paragraphs, seedFixture } from '../test/fixtures.js';
import { createEdition } from './index.js';

/** The static export writes every edition: its home, sections and stories in its own language. */
describe.each(testDialects())('static export of editions on %s', (dialect) => {
  let env: TestEnv;
  let out: string;
  let storyPath: string;
  let arId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    const fx = await seedFixture(env.ctx, env.dir);
    const at = env.ctx.now().toISOString();
    const ar = await createEdition(
      env.ctx.db,
      env.ctx.config.site,
      { code: 'ar', language: 'ar', name: 'الأخبار', timeZone: 'Asia/Dubai', prefix: 'ar' },
      at,
    );
    const economy = await createSection(
      env.ctx.db,
      { slug: 'economy', name: 'اقتصاد', editionId: ar.id },
      at,
    );
    const source = await fx.publish({ headline: 'Port strike ends', sectionId: fx.sections.world });
    const story = await createArticle(
      env.ctx.db,
      {
        slug: 'port-strike-ends',
        headline: 'انتهاء إضراب الميناء',
        body: paragraphs('عاد العمال إلى الميناء.'),
        sectionId: economy.id,
        status: 'published',
        firstPublishedAt: new Date(Date.parse(at) - 3_600_000).toISOString(),
      },
      { now: at, timeZone: 'UTC' },
    );
    await env.ctx.db
      .updateTable('articles')
      .set({ translation_group_id: source.id })
      .where('id', 'in', [source.id, story.id])
      .execute();
    storyPath = story.path as string;
    arId = ar.id;
    out = path.join(env.dir, 'mirror');
    await exportStatic(env.ctx, env.app, out);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  const page = (rel: string) => cheerio.load(fs.readFileSync(path.join(out, rel, 'index.html'), 'utf8'));

  it('writes the edition’s home and sections in its language and direction', () => {
    const home = page('ar');
    expect(home('html').attr('lang')).toBe('ar');
    expect(home('html').attr('dir')).toBe('rtl');
    expect(
      home('.site-nav a')
        .map((_, a) => home(a).text())
        .get(),
    ).toEqual(['اقتصاد']);
    expect(page('ar/economy')('h1').text()).toBe('اقتصاد');
    // The site's own home stays English, without the other edition's sections.
    const en = page('');
    expect(en('html').attr('lang')).toBe('en');
    expect(
      en('.site-nav a')
        .map((_, a) => en(a).text())
        .get(),
    ).not.toContain('اقتصاد');
  });

  it('writes translated stories with the alternates the live site serves', async () => {
    const exported = page(storyPath.slice(1));
    expect(exported('html').attr('lang')).toBe('ar');
    expect(exported('link[rel="alternate"][hreflang]').length).toBe(3);
    const live = cheerio.load((await env.app.inject({ method: 'GET', url: storyPath })).body);
    expect(exported('link[hreflang]').toString()).toBe(live('link[hreflang]').toString());
    expect(exported('.language-switcher a').attr('hreflang')).toBe('en');
  });

  it("fills each edition's banner slot as the live site does: its own alerts and everyone's", async () => {
    const now = env.ctx.now().toISOString();
    const by = { id: null, email: 'test', label: 'test', now };
    const expiresAt = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    await raiseAlert(env.ctx.db, { text: 'Storm warning', level: 'breaking', expiresAt }, by);
    await raiseAlert(env.ctx.db, { text: 'تحذير من العاصفة', level: 'live', expiresAt, editionId: arId }, by);
    env.ctx.cache.banner.invalidate(['alerts']);
    const summary = await exportStatic(env.ctx, env.app, out);
    // A new alert names a new banner in the site fingerprint: no page is kept as it was.
    expect(summary.reused).toBe(0);
    const host = new URL(env.ctx.config.site.url).host;
    for (const [rel, shown, hidden] of [
      ['ar', ['Storm warning', 'تحذير من العاصفة'], []],
      ['ar/economy', ['Storm warning', 'تحذير من العاصفة'], []],
      [storyPath.slice(1), ['Storm warning', 'تحذير من العاصفة'], []],
      ['', ['Storm warning'], ['تحذير من العاصفة']],
    ] as const) {
      const file = fs.readFileSync(path.join(out, rel, 'index.html'), 'utf8');
      const banner = cheerio.load(file)('.alert-banner').text();
      for (const text of shown) expect(banner, rel).toContain(text);
      for (const text of hidden) expect(banner, rel).not.toContain(text);
      // The bytes the live site serves now, its links made static.
      const live = await env.app.inject({ url: `/${rel}`, headers: { host } });
      expect(file, rel).toBe(staticPage(live.body, new PageRefs()));
    }
  });
});

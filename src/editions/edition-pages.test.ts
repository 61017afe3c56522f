import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, raiseAlert, tagSlug } from '../content/index.js';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { liveWords } from '../site/live-coverage.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/**
 * Tag, author, topic, corrections and live pages of the demo's prefixed editions (/es/, /ar/):
 * each in its edition's frame and words, listing its stories only, linked from its stories,
 * with its own feeds; the default edition's addresses unchanged.
 */
describe.each(testDialects())('an edition’s tag, author, corrections and live pages on %s', (dialect) => {
  let env: TestEnv;
  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { res, $: cheerio.load(res.body), cache: res.headers['x-cache'] };
  };
  const storyLinks = ($: cheerio.CheerioAPI) =>
    $('.list .card-headline a, .list a.card-link, .list h2 a, .list h3 a')
      .map((_, a) => $(a).attr('href') ?? '')
      .get()
      .filter((h) => /\/\d{4}\/\d{2}\/\d{2}\//.test(h));

  beforeAll(async () => {
    env = await testEnv(dialect);
    await seedDemoIfEmpty(env.ctx);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('gives Arabic tag names a Latin slug, and the demo’s Arabic stories their tags', async () => {
    expect(tagSlug('المناخ')).toBe('lmnkh');
    expect(tagSlug('Путин')).toBe('putin');
    // A Latin name keeps exactly the slug it always had.
    expect(tagSlug('Unión Europea')).toBe('union-europea');
    const tag = await env.ctx.db
      .selectFrom('tags')
      .selectAll()
      .where('name', '=', 'المناخ')
      .executeTakeFirstOrThrow();
    expect(tag.slug).toBe('lmnkh');
  });

  it('serves an Arabic tag page in the Arabic frame, with Arabic stories only, linked from them', async () => {
    const { res, $ } = await get('/ar/tag/lmnkh');
    expect(res.statusCode).toBe(200);
    expect($('html').attr('lang')).toBe('ar');
    expect($('html').attr('dir')).toBe('rtl');
    expect($('h1').text()).toContain('المناخ');
    const links = storyLinks($);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const l of links) expect(l.startsWith('/ar/')).toBe(true);
    expect($('link[rel="canonical"]').attr('href')).toBe('https://news.example.com/ar/tag/lmnkh');
    expect(
      $('link[type="application/rss+xml"]')
        .map((_, l) => $(l).attr('href'))
        .get(),
    ).toContain('/feeds/edition/ar/tag/lmnkh/rss.xml');
    // A story of the edition links its tags and bylines to the edition's pages.
    const story = await get(links[0] as string);
    const tagHrefs = story
      .$('.story-tags a')
      .map((_, a) => story.$(a).attr('href'))
      .get();
    expect(tagHrefs.length).toBeGreaterThan(0);
    for (const h of tagHrefs) expect(h).toMatch(/^\/ar\/tag\/[a-z0-9-]+$/);
    const bylines = story
      .$('a[href*="/author/"]')
      .map((_, a) => story.$(a).attr('href'))
      .get();
    expect(bylines.length).toBeGreaterThan(0);
    for (const h of bylines) expect(h).toMatch(/^\/ar\/author\//);
  });

  it('lists each edition’s tag and author pages in the pages sitemap, under its prefix', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/sitemaps/pages-1.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<loc>https://news.example.com/ar/tag/lmnkh</loc>');
    expect(res.body).toContain('<loc>https://news.example.com/es/tag/clima</loc>');
    // The default edition has no story about them: its (empty) pages are not offered.
    expect(res.body).not.toContain('<loc>https://news.example.com/tag/lmnkh</loc>');
    expect(res.body).not.toContain('<loc>https://news.example.com/tag/clima</loc>');
  });

  it('lists an author’s stories per edition, and keeps the default edition’s address', async () => {
    const row = await env.ctx.db
      .selectFrom('authors')
      .innerJoin('article_authors', 'article_authors.author_id', 'authors.id')
      .innerJoin('articles', 'articles.id', 'article_authors.article_id')
      .select('authors.slug')
      .where('articles.edition_id', '!=', 1)
      .where('articles.path', 'like', '/es/%')
      .executeTakeFirstOrThrow();
    const es = await get(`/es/author/${row.slug}`);
    expect(es.res.statusCode).toBe(200);
    expect(es.$('html').attr('lang')).toBe('es');
    const esLinks = storyLinks(es.$);
    expect(esLinks.length).toBeGreaterThan(0);
    for (const l of esLinks) expect(l.startsWith('/es/')).toBe(true);
    const en = await get(`/author/${row.slug}`);
    expect(en.res.statusCode).toBe(200);
    expect(en.$('html').attr('lang')).toBe('en');
    for (const l of storyLinks(en.$)) expect(l.startsWith('/es/') || l.startsWith('/ar/')).toBe(false);
    // Its feed in the edition lists the edition's stories, in its language.
    const feed = await env.app.inject({ method: 'GET', url: `/feeds/edition/es/author/${row.slug}/rss.xml` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('<language>es</language>');
    const items = [...feed.body.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => m[1] as string).slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i).toContain('/es/');
    expect(
      (await env.app.inject({ method: 'GET', url: '/feeds/edition/xx/tag/clima/rss.xml' })).statusCode,
    ).toBe(404);
  });

  it('serves corrections and live pages in each edition’s frame and words', async () => {
    const ar = await get('/ar/corrections');
    expect(ar.res.statusCode).toBe(200);
    expect(ar.$('html').attr('dir')).toBe('rtl');
    expect(ar.$('h1').text()).toBe('التصحيحات');
    expect(ar.$('title').text()).toContain('ماستهد بالعربية');
    const live = await get('/es/live');
    expect(live.res.statusCode).toBe(200);
    expect(live.$('html').attr('lang')).toBe('es');
    expect(live.$('h1').text()).toBe('En directo');
    expect(live.$('link[rel="canonical"]').attr('href')).toBe('https://news.example.com/es/live');
    const enLive = await get('/live');
    expect(enLive.$('h1').text()).toBe('Live');
    // A first segment that is no edition's prefix is no edition's page.
    expect((await get('/xx/corrections')).res.statusCode).toBe(404);
    expect((await get('/xx/tag/clima')).res.statusCode).toBe(404);
  });

  it('drops an edition’s cached tag page when a story of the edition joins the tag', async () => {
    const url = '/es/tag/clima';
    await get(url);
    expect((await get(url)).cache).toBe('HIT');
    const section = await env.ctx.db
      .selectFrom('sections')
      .select('id')
      .where('path', 'like', 'es/%')
      .executeTakeFirstOrThrow();
    const now = env.ctx.now().toISOString();
    await createArticle(
      env.ctx.db,
      {
        slug: 'ola-de-calor',
        headline: 'Una ola de calor récord',
        dek: '',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Calor.' }] }] },
        sectionId: section.id,
        authorIds: [],
        tags: ['Clima'],
        status: 'published',
        firstPublishedAt: now,
      },
      { by: 'test', timeZone: 'Europe/Madrid', now },
    );
    const after = await get(url);
    expect(after.cache).not.toBe('HIT');
    expect(after.res.body).toContain('Una ola de calor récord');
  });

  it('says the live script’s words in the edition’s language, one form per plural category', () => {
    const ar = JSON.parse(liveWords('ar')) as { updates: Record<string, string>; ended: string };
    expect(Object.keys(ar.updates).sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(ar.updates.few).toContain('{n}');
    expect(ar.ended).toBe('انتهت هذه التغطية المباشرة.');
    const ru = JSON.parse(liveWords('ru')) as { updates: Record<string, string> };
    expect(ru.updates.few).toBe('{n} новых обновления');
    expect(JSON.parse(liveWords('en')).updates).toEqual({ one: '{n} new update', other: '{n} new updates' });
  });

  it('shows each edition only its own alerts and everyone’s, in its words; /alerts.json says whose', async () => {
    const now = env.ctx.now();
    const by = { id: null, email: 'desk@example.com', label: 'test', now: now.toISOString() };
    const expiresAt = new Date(now.getTime() + 3_600_000).toISOString();
    const ar = await env.ctx.db
      .selectFrom('editions')
      .select('id')
      .where('code', '=', 'ar')
      .executeTakeFirstOrThrow();
    await raiseAlert(env.ctx.db, { text: 'فيضانات في ميناء دبي', expiresAt, editionId: ar.id }, by);
    await raiseAlert(env.ctx.db, { text: 'Storm warning for the coast', expiresAt, level: 'developing' }, by);
    await expect(
      raiseAlert(env.ctx.db, { text: 'Nowhere', expiresAt, editionId: 9999 }, by),
    ).rejects.toMatchObject({ status: 400 });
    const arPage = await get('/ar');
    const arBanner = arPage.$('.alert-banner');
    expect(arBanner.text()).toContain('فيضانات في ميناء دبي');
    expect(arBanner.text()).toContain('Storm warning for the coast');
    expect(arBanner.find('.alert-breaking .alert-level').first().text()).toBe('عاجل');
    expect(arBanner.attr('aria-label')).toBe('أخبار عاجلة');
    // The demo's English alert is the default edition's alone.
    expect(arBanner.text()).not.toContain('River levels');
    expect((await get('/')).$('.alert-banner').text()).toContain('River levels');
    for (const url of ['/', '/es', '/es/tag/clima']) {
      const page = await get(url);
      expect(page.$('.alert-banner').text(), url).toContain('Storm warning for the coast');
      expect(page.$('.alert-banner').text(), url).not.toContain('فيضانات');
    }
    expect((await get('/es')).$('.alert-banner .alert-developing .alert-level').text()).toBe('En desarrollo');
    const banner = await env.app.inject({ method: 'GET', url: '/alerts/banner.html?edition=ar' });
    expect(banner.body).toContain('فيضانات');
    const json = async (url: string) => {
      const res = await env.app.inject({ method: 'GET', url });
      return {
        status: res.statusCode,
        alerts: (res.json() as { alerts: { text: string; edition: string | null }[] }).alerts,
      };
    };
    const all = await json('/alerts.json');
    expect(all.alerts.find((a) => a.text.startsWith('فيضانات'))?.edition).toBe('ar');
    expect(all.alerts.find((a) => a.text.startsWith('Storm'))?.edition).toBeNull();
    const es = await json('/alerts.json?edition=es');
    expect(es.alerts.some((a) => a.text.startsWith('Storm'))).toBe(true);
    expect(es.alerts.some((a) => a.text.startsWith('فيضانات'))).toBe(false);
    expect((await env.app.inject({ method: 'GET', url: '/alerts.json?edition=zz' })).statusCode).toBe(400);
  });
});

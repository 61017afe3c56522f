import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { CATALOGUES, en, type MessageKey } from '../site/i18n/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/**
 * A crawl of the demo newsroom's editions, as a reader and a search engine see them: from each
 * edition's home, every page its links reach on the same address. Every hreflang pair must
 * point both ways; no English theme word may show in the Spanish or Arabic pages.
 */
describe.each(testDialects())('the demo newsroom’s editions, crawled, on %s', (dialect) => {
  let env: TestEnv;
  const pages = new Map<string, string>();
  const SITE = 'https://news.example.com';

  beforeAll(async () => {
    env = await testEnv(dialect);
    await seedDemoIfEmpty(env.ctx);
    // Breadth first from the three homes; links leaving the edition's prefix are followed only
    // for the English translations the alternates name (each page is fetched once).
    // The editions' corrections and live pages are linked from no story of the demo: start there too.
    const queue = ['/', '/es', '/ar', '/es/corrections', '/ar/corrections', '/es/live', '/ar/live'];
    const inEdition = (p: string) =>
      p === '/es' || p === '/ar' || p.startsWith('/es/') || p.startsWith('/ar/');
    while (queue.length && pages.size < 400) {
      const path = queue.shift() as string;
      if (pages.has(path)) continue;
      const res = await env.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(200);
      pages.set(path, res.body);
      const $ = cheerio.load(res.body);
      const next = new Set<string>();
      if (inEdition(path)) {
        $('a[href^="/"]').each((_, a) => {
          const href = ($(a).attr('href') ?? '').split('#')[0]?.split('?')[0] ?? '';
          if (inEdition(href)) next.add(href);
        });
      }
      $('link[rel="alternate"][hreflang]').each((_, l) => {
        const href = $(l).attr('href') ?? '';
        if (href.startsWith(SITE)) next.add(href.slice(SITE.length));
      });
      for (const p of next) if (!pages.has(p)) queue.push(p);
    }
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  const alternatesOf = (html: string) => {
    const $ = cheerio.load(html);
    return $('link[rel="alternate"][hreflang]')
      .map((_, l) => ({ hreflang: $(l).attr('hreflang') ?? '', href: $(l).attr('href') ?? '' }))
      .get();
  };

  it('reaches both editions’ homes, sections and stories, each in its language and direction', () => {
    const es = [...pages.keys()].filter((p) => p.startsWith('/es/'));
    const ar = [...pages.keys()].filter((p) => p.startsWith('/ar/'));
    expect(es.filter((p) => /\/\d{4}\/\d{2}\/\d{2}\//.test(p)).length).toBeGreaterThanOrEqual(8);
    expect(ar.filter((p) => /\/\d{4}\/\d{2}\/\d{2}\//.test(p)).length).toBeGreaterThanOrEqual(8);
    // Their tag and author pages, reached from their stories' links.
    for (const kind of ['tag', 'author']) {
      expect(
        es.some((p) => p.startsWith(`/es/${kind}/`)),
        kind,
      ).toBe(true);
      expect(
        ar.some((p) => p.startsWith(`/ar/${kind}/`)),
        kind,
      ).toBe(true);
    }
    for (const [path, html] of pages) {
      const $ = cheerio.load(html);
      const lang = path.startsWith('/es') ? 'es' : path.startsWith('/ar') ? 'ar' : 'en';
      expect($('html').attr('lang'), path).toBe(lang);
      expect($('html').attr('dir'), path).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    }
  });

  it('finds hreflang alternates on translated stories, every pair pointing both ways', () => {
    let pairs = 0;
    for (const [path, html] of pages) {
      const alternates = alternatesOf(html);
      if (!alternates.length) continue;
      const self = `${SITE}${path}`;
      // Itself among them, and one x-default, the same on every page of the group.
      expect(
        alternates.map((a) => a.href),
        path,
      ).toContain(self);
      expect(
        alternates.filter((a) => a.hreflang === 'x-default'),
        path,
      ).toHaveLength(1);
      for (const a of alternates) {
        if (a.href === self || a.hreflang === 'x-default') continue;
        const other = pages.get(a.href.slice(SITE.length));
        expect(other, `${path} → ${a.href}`).toBeDefined();
        const back = alternatesOf(other as string);
        expect(
          back.map((b) => b.href),
          `${a.href} does not point back to ${path}`,
        ).toContain(self);
        expect(back.find((b) => b.hreflang === 'x-default')?.href).toBe(
          alternates.find((b) => b.hreflang === 'x-default')?.href,
        );
        pairs++;
      }
      // The switcher offers exactly the other languages (only existing translations).
      const $ = cheerio.load(html);
      const offered = $('.language-switcher a')
        .map((_, a) => $(a).attr('hreflang'))
        .get()
        .sort();
      const others = alternates
        .filter((a) => a.href !== self && a.hreflang !== 'x-default')
        .map((a) => a.hreflang)
        .sort();
      expect(offered, path).toEqual(others);
    }
    // Two Spanish and two Arabic translations of three English stories: 3 groups, 10 directed pairs.
    expect(pairs).toBe(10);
  });

  it('shows no English theme words in the Spanish and Arabic editions', () => {
    // The English text of every message a language translates differently, as it would show:
    // a message's text up to its first argument, when that part is a phrase of its own.
    const phrases = (lang: string) =>
      (Object.keys(en) as MessageKey[])
        .filter((k) => CATALOGUES[lang]?.[k] !== en[k])
        .map((k) => en[k].split('{')[0]?.replace(/[←→·]/g, '').trim() ?? '')
        .filter((p) => p.length >= 4);
    const checked: Record<string, number> = { es: 0, ar: 0 };
    for (const [path, html] of pages) {
      const lang = path.startsWith('/es') ? 'es' : path.startsWith('/ar') ? 'ar' : null;
      if (!lang) continue;
      const $ = cheerio.load(html);
      $('script, style').remove();
      // The breaking-news banner holds the newsroom's words (its labels are checked in
      // edition-pages.test.ts), not the theme's.
      $('.alert-slot').remove();
      // So do the live streams' titles and descriptions (streams are not per edition): the
      // Live page's own words and its players' stay checked.
      $('.live-stream h2')
        .contents()
        .filter((_, n) => n.type === 'text')
        .remove();
      $('.live-stream > p').remove();
      $('.live-stream [aria-label]').removeAttr('aria-label');
      // What a reader or a screen reader meets: each text node, labels, placeholders, the title.
      const texts: string[] = [];
      $('body *')
        .contents()
        .each((_, n) => {
          if (n.type === 'text') texts.push(n.data);
        });
      const shown = [
        ...texts,
        ...$('[aria-label], [placeholder], [alt]')
          .map((_, e) => [$(e).attr('aria-label'), $(e).attr('placeholder'), $(e).attr('alt')].join(' '))
          .get(),
        $('title').text(),
        $('meta[name="description"]').attr('content') ?? '',
      ].join('\n');
      const english = phrases(lang).filter((p) =>
        new RegExp(`(^|[^\\p{L}])${p}([^\\p{L}]|$)`, 'u').test(shown),
      );
      expect(english, path).toEqual([]);
      checked[lang] = (checked[lang] ?? 0) + 1;
    }
    expect(checked.es).toBeGreaterThan(10);
    expect(checked.ar).toBeGreaterThan(10);
  });

  it('gives each edition its feed, its stories in the Content API, its language in the news sitemap', async () => {
    const feed = await env.app.inject({ method: 'GET', url: '/feeds/edition/es/rss.xml' });
    expect(feed.statusCode).toBe(200);
    const rss = cheerio.load(feed.body, { xml: true });
    expect(rss('channel > language').text()).toBe('es');
    expect(rss('item > link').length).toBeGreaterThanOrEqual(8);
    rss('item > link').each((_, l) => {
      expect(rss(l).text()).toMatch(/^https:\/\/news\.example\.com\/es\//);
    });
    // The site's own feed is the default edition's alone.
    const site = cheerio.load((await env.app.inject({ method: 'GET', url: '/feed.xml' })).body, {
      xml: true,
    });
    site('item > link').each((_, l) => {
      expect(site(l).text()).not.toMatch(/\/(es|ar)\//);
    });
    expect((await env.app.inject({ method: 'GET', url: '/feeds/edition/xx/rss.xml' })).statusCode).toBe(404);

    const api = await env.app.inject({ method: 'GET', url: '/api/content/v1/articles?edition=ar&limit=100' });
    expect(api.statusCode).toBe(200);
    const items = api.json().data as { url: string }[];
    expect(items.length).toBe(10);
    for (const a of items) expect(a.url).toMatch(/\/ar\//);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/content/v1/articles?edition=zz' })).statusCode,
    ).toBe(404);
    const id = (items[0] as unknown as { id: number }).id;
    const ninjs = await env.app.inject({ method: 'GET', url: `/api/content/v1/articles/${id}?format=ninjs` });
    expect(ninjs.json().language).toBe('ar');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/content/v1/articles?edition=<b>' })).statusCode,
    ).toBe(400);

    const news = cheerio.load((await env.app.inject({ method: 'GET', url: '/sitemap-news.xml' })).body, {
      xml: true,
    });
    const languageOf = (path: string) =>
      news('url')
        .filter((_, u) => news(u).find('loc').text().includes(path))
        .map((_, u) => news(u).find('news\\:language').text())
        .get();
    expect(new Set(languageOf('/es/'))).toEqual(new Set(['es']));
    expect(new Set(languageOf('/ar/'))).toEqual(new Set(['ar']));

    // The article sitemap names each translation group's alternates, x-default included.
    const sitemap = (await env.app.inject({ method: 'GET', url: '/sitemaps/articles-1.xml' })).body;
    const $ = cheerio.load(sitemap, { xml: true });
    const train = $('url').filter((_, u) =>
      $(u).find('loc').text().endsWith('/night-train-prague-ljubljana'),
    );
    const links = train
      .find('xhtml\\:link')
      .map((_, l) => `${$(l).attr('hreflang')} ${$(l).attr('href')?.replace(SITE, '')}`)
      .get()
      .sort();
    expect(links).toHaveLength(4);
    expect(links.map((l) => l.split(' ')[0])).toEqual(['ar', 'en', 'es', 'x-default']);
    const mirrors = (await env.app.inject({ method: 'GET', url: '/mirrors.json' })).json();
    expect(mirrors.editions.map((e: { url: string; direction: string }) => [e.url, e.direction])).toEqual([
      [`${SITE}/`, 'ltr'],
      [`${SITE}/es`, 'ltr'],
      [`${SITE}/ar`, 'rtl'],
    ]);
    const pages = (await env.app.inject({ method: 'GET', url: '/sitemaps/pages-1.xml' })).body;
    expect(pages).toContain(`<loc>${SITE}/es</loc>`);
    expect(pages).toContain(`<loc>${SITE}/ar/economy</loc>`);
  });

  it('gives each edition its TV feeds, in its language; the site’s are the default edition’s', async () => {
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    type Roku = {
      providerName: string;
      language: string;
      shortFormVideos: { content: { videos: unknown[] } }[];
    };
    const own = (await get('/feeds/edition/es/roku.json')).json() as Roku;
    expect(own.language).toBe('es');
    const site = (await get('/feeds/roku.json')).json() as Roku;
    expect(site.language).toBe('en');
    expect(site.shortFormVideos.length).toBeGreaterThan(0);
    expect(JSON.stringify(site)).not.toMatch(/news\.example\.com\/(es|ar)\//);
    expect(JSON.stringify(own)).not.toMatch(/news\.example\.com\/(?!es\/)[a-z-]+\/20\d\d\//);
    const mrss = await get('/feeds/edition/ar/video.xml');
    expect(mrss.statusCode).toBe(200);
    expect(mrss.body).toContain('/feeds/edition/ar/video.xml');
    expect((await get('/feeds/edition/ar/roku-search.json')).statusCode).toBe(200);
    for (const url of ['/feeds/edition/xx/roku.json', '/feeds/edition/default/video.xml'])
      expect((await get(url)).statusCode, url).toBe(404);
  });
});

import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, updateArticle } from '../content/articles.js';
import { updateSection } from '../content/sections.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

describe.each(testDialects())('public site on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { res, $: cheerio.load(res.body) };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(() => env?.close());

  it('shows the home page with top stories and a block per top-level section', async () => {
    await fx.publish({ headline: 'Duma passes the budget', tags: ['Budget'] }, 3);
    await fx.publish({ headline: 'Cup final goes to extra time', sectionId: fx.sections.sports }, 2);
    const { res, $ } = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect($('.top-stories .card-headline').first().text()).toBe('Cup final goes to extra time');
    expect(
      $('.site-nav a')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['News', 'Sports']);
    expect($('link[rel=canonical]').attr('href')).toBe('https://news.example.com/');
    // Scripts from this site only (the search suggestions), never inline or third-party.
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('renders an article with breadcrumbs, byline, times, lead image and JSON-LD', async () => {
    const article = await fx.publish(
      {
        headline: 'Regional assembly rejects the governor’s budget',
        dek: 'Deputies voted 31 to 12 against the draft.',
        slug: 'assembly-rejects-budget',
        authorIds: [fx.authors.anna, fx.authors.daniel],
        tags: ['Budget', 'Local government'],
        leadCaption: 'The assembly building in Kaluga.',
        leadCredit: 'Photo: Jana Veselá',
        leadFilePhoto: true,
        dateline: 'Kaluga',
      },
      5,
    );
    expect(article.path).toMatch(/^\/news\/politics\/russia\/\d{4}\/\d{2}\/\d{2}\/assembly-rejects-budget$/);
    const { res, $ } = await get(article.path!);
    expect(res.statusCode).toBe(200);
    expect($('h1.headline').text()).toBe('Regional assembly rejects the governor’s budget');
    const crumbs = $('.story .breadcrumbs a');
    expect(crumbs.map((_, a) => $(a).text()).get()).toEqual(['News', 'Politics', 'Russia']);
    expect(crumbs.map((_, a) => $(a).attr('href')).get()).toEqual([
      '/news',
      '/news/politics',
      '/news/politics/russia',
    ]);
    expect(
      $('.byline a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/author/anna-kovalenko', '/author/daniel-reyes']);
    expect($('.dateline').text()).toContain('Kaluga');
    // Times carry the newsroom's offset (Prague: +01:00 in winter, +02:00 in summer).
    expect($('.times time').first().attr('datetime')).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/,
    );
    const lead = $('figure.lead-image');
    expect(lead.find('img').attr('width')).toBe('1600');
    expect(lead.find('img').attr('height')).toBe('900');
    expect(lead.find('source[type="image/webp"]').attr('srcset')).toContain('.webp 640w');
    expect(lead.find('figcaption').text()).toContain('The assembly building in Kaluga.');
    expect(lead.find('.file-photo').text()).toContain('(file photo)');
    expect(lead.find('.credit').text()).toContain('Photo: Jana Veselá');
    expect(
      $('.story-tags a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/tag/budget', '/tag/local-government']);
    expect($('.more .block-title').text()).toContain('More in Russia');
    expect($('.more .card-headline').text()).toContain('Duma passes the budget');

    const ld = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get() as Record<string, unknown>[];
    const news = ld.find((d) => d['@type'] === 'NewsArticle') as Record<string, any>;
    const url = `https://news.example.com${article.path}`;
    expect(news.headline).toBe('Regional assembly rejects the governor’s budget');
    expect(news.datePublished).toBe(article.first_published_at);
    expect(news.dateModified).toBeTruthy();
    expect(news.author.map((a: { name: string }) => a.name)).toEqual(['Anna Kovalenko', 'Daniel Reyes']);
    expect(news.image[0]).toMatch(/^https:\/\/news\.example\.com\/media\/\d+\/1280\.jpg$/);
    expect(news.publisher.logo.url).toBe('https://news.example.com/assets/logo.png');
    expect(news.articleSection).toBe('Russia');
    expect(news.mainEntityOfPage['@id']).toBe(url);
    const crumbsLd = ld.find((d) => d['@type'] === 'BreadcrumbList') as Record<string, any>;
    expect(crumbsLd.itemListElement.map((i: { name: string }) => i.name)).toEqual([
      'News',
      'Politics',
      'Russia',
    ]);
    expect($('link[rel=canonical]').attr('href')).toBe(url);
    expect($('meta[property="og:url"]').attr('content')).toBe(url);
    expect($('meta[property="og:image"]').attr('content')).toContain('https://news.example.com/media/');
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
    expect($('meta[name=description]').attr('content')).toBe('Deputies voted 31 to 12 against the draft.');
  });

  it('renders hostile text inert in headline, dek, caption and JSON-LD', async () => {
    const evil = '</script><script>alert(1)</script>"onerror="alert(2)';
    const article = await fx.publish({
      headline: `Evil ${evil}`,
      dek: `Dek ${evil}`,
      leadCaption: `<img src=x onerror=alert(3)> ${evil}`,
      leadCredit: evil,
      tags: [`Tag ${evil}`],
      seoTitle: null,
    });
    const { res, $ } = await get(article.path!);
    expect(res.statusCode).toBe(200);
    // The only other script is our own search-suggestions file.
    expect($('script:not([type="application/ld+json"]):not([src="/assets/search.js"])').length).toBe(0);
    expect($('img[src=x]').length).toBe(0);
    const attrs = $('*')
      .map((_, el) => Object.keys((el as unknown as { attribs: object }).attribs))
      .get()
      .flat();
    expect(attrs.filter((a) => a.startsWith('on'))).toEqual([]);
    expect($('h1.headline').text()).toBe(`Evil ${evil}`);
    expect($('figure.lead-image figcaption').text()).toContain('<img src=x onerror=alert(3)>');
    const ld = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get() as { headline?: string }[];
    expect(ld.find((d) => d.headline)?.headline).toBe(`Evil ${evil}`.slice(0, 110));
  });

  it('lists a section with its descendants, newest first, paginated', async () => {
    for (let i = 0; i < 23; i++)
      await fx.publish({ headline: `World story ${i}`, sectionId: fx.sections.world }, 100 - i);
    const { res, $ } = await get('/news');
    expect(res.statusCode).toBe(200);
    expect($('h1').text()).toBe('News');
    const headlines = $('.list .card-headline')
      .map((_, h) => $(h).text())
      .get();
    expect(headlines).toHaveLength(20);
    expect(headlines).toContain('Duma passes the budget'); // from News → Politics → Russia
    const times = $('.list time')
      .map((_, t) => $(t).attr('datetime'))
      .get();
    expect([...times].sort().reverse()).toEqual(times);
    expect($('.pager a[rel=next]').attr('href')).toBe('/news?page=2');

    const page2 = await get('/news?page=2');
    expect(page2.res.statusCode).toBe(200);
    expect(page2.$('.pager a[rel=prev]').attr('href')).toBe('/news');
    expect(page2.$('link[rel=canonical]').attr('href')).toBe('https://news.example.com/news?page=2');
    const total = (await get('/news?page=2')).$('.list .card').length + 20;
    expect(total).toBeGreaterThan(20);
    for (const bad of [
      '/news?page=3',
      '/news?page=0',
      '/news?page=-1',
      '/news?page=abc',
      '/news?page=1.5',
      '/news?page=99999999',
    ]) {
      expect((await get(bad)).res.statusCode, bad).toBe(404);
    }
    const world = await get('/news/world');
    expect(
      world
        .$('.breadcrumbs a')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['News', 'World']);
    expect(world.$('.list .card-headline').first().text()).toBe('World story 22');
  });

  it('keeps old URLs working with a 301 after a slug change', async () => {
    const article = await fx.publish({ headline: 'Early headline', slug: 'early-headline' });
    const input = await articleInputOf(env.ctx.db, article);
    const moved = await updateArticle(
      env.ctx.db,
      article.id,
      { ...input, slug: 'better-headline', headline: 'Better headline' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: article.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    expect(moved.path).not.toBe(article.path);
    const old = await env.app.inject({ method: 'GET', url: article.path! });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(moved.path);
    const again = await updateArticle(
      env.ctx.db,
      article.id,
      { ...input, slug: 'best-headline' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: moved.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    // No chains: the first URL goes straight to the newest one.
    expect((await env.app.inject({ method: 'GET', url: article.path! })).headers.location).toBe(again.path);
    expect((await env.app.inject({ method: 'GET', url: moved.path! })).headers.location).toBe(again.path);
    expect((await get(again.path!)).res.statusCode).toBe(200);
  });

  it('answers 410 for an unpublished story and 404 for drafts and future stories', async () => {
    const article = await fx.publish({ headline: 'Withdrawn story' });
    const input = await articleInputOf(env.ctx.db, article);
    await updateArticle(
      env.ctx.db,
      article.id,
      { ...input, status: 'unpublished' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: article.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    const { res, $ } = await get(article.path!);
    expect(res.statusCode).toBe(410);
    expect($('h1').text()).toContain('no longer available');
    expect($('meta[name=robots]').attr('content')).toBe('noindex');

    const future = await fx.publish({ headline: 'From the future' }, -5);
    expect((await get(future.path!)).res.statusCode).toBe(404);
    expect((await get('/')).$('.card-headline').text()).not.toContain('From the future');
    env.setNow(new Date(Date.now() + 6 * 3_600_000));
    expect((await get(future.path!)).res.statusCode).toBe(200);
    env.setNow(new Date());
  });

  it('shows author and tag pages', async () => {
    const author = await get('/author/daniel-reyes');
    expect(author.res.statusCode).toBe(200);
    expect(author.$('h1').text()).toBe('Daniel Reyes');
    expect(author.$('.list .card-headline').text()).toContain('Regional assembly rejects');
    const tag = await get('/tag/budget');
    expect(tag.res.statusCode).toBe(200);
    expect(tag.$('h1').text()).toBe('Budget');
    expect(tag.$('.list .card').length).toBe(2);
    expect((await get('/tag/nope')).res.statusCode).toBe(404);
    expect((await get('/author/nope')).res.statusCode).toBe(404);
    expect((await get('/author/daniel-reyes?page=2')).res.statusCode).toBe(404);
  });

  it('marks the section being read in the header, page after page, and follows a rename', async () => {
    // The header and footer are made once per variant (theme/layout.tsx): each page must still
    // get its own, whatever was rendered before it.
    const current = ($: cheerio.CheerioAPI) => $('.site-nav a[aria-current=page]').text();
    for (const [url, section] of [
      ['/sports', 'Sports'],
      ['/', ''],
      ['/news', 'News'],
      ['/sports?page=1', 'Sports'],
      ['/news/politics', 'News'],
    ] as const) {
      const { $ } = await get(url);
      expect(current($), url).toBe(section);
      expect($('.footer-nav a').length, url).toBe(2);
    }
    await updateSection(env.ctx.db, fx.sections.sports, { name: 'Sport' }, env.ctx.now().toISOString());
    const { $ } = await get('/sports');
    expect(current($)).toBe('Sport');
    expect($('.footer-nav a').last().text()).toBe('Sport');
    await updateSection(env.ctx.db, fx.sections.sports, { name: 'Sports' }, env.ctx.now().toISOString());
  });

  it('answers unknown and malformed paths with 404, never 500', async () => {
    const paths = [
      '/nope',
      '/news/nope',
      '/news/politics/russia/2020/01/01/nothing',
      '/%E0%A4%A',
      '/news/%00',
      '/news/../../etc/passwd',
      '/NEWS',
      `/${'a/'.repeat(400)}`,
      '/news/politics/russia/9999/99/99/x',
      '/tag/%ZZ',
      '/tag/%00',
      '/author/a%00b',
      '/old%00path',
      '/author/<script>',
      '/assets/../../package.json',
      '/media/1/99.webp',
      '/media/abc/640.webp',
      '/media/99999999999/640.webp',
      '/news?page=1&page=2',
    ];
    for (const p of paths) {
      const res = await env.app.inject({ method: 'GET', url: p });
      expect([400, 404], `${p} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.body).not.toContain('<script>alert');
    }
    const { $ } = await get('/nope');
    expect($('h1').text()).toContain('could not find');
  });

  it('serves image renditions made from the original', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/media/${fx.image}/640.webp` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.rawPayload.subarray(8, 12).toString()).toBe('WEBP');
  });
});

import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

const ajv = new Ajv({ allErrors: true });
// ajv-formats is CommonJS: under NodeNext its callable is the default export's default.
(formats as unknown as { default: (a: Ajv) => void }).default(ajv);
const link = { type: 'string', pattern: '^https://news\\.example\\.com/' };
const validateApi = ajv.compile({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'query', 'sort', 'page', 'limit', 'total', 'pages'],
  properties: {
    query: { type: 'string' },
    sort: { enum: ['relevance', 'date'] },
    page: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1 },
    total: { type: 'integer', minimum: 0 },
    pages: { type: 'integer', minimum: 0 },
    data: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'slug',
          'headline',
          'dek',
          'url',
          'path',
          'section',
          'authors',
          'publishedAt',
          'highlight',
        ],
        properties: {
          id: { type: 'integer' },
          slug: { type: 'string' },
          headline: { type: 'string' },
          dek: { type: 'string' },
          url: link,
          path: { type: 'string', pattern: '^/' },
          section: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'name', 'path', 'url'],
                properties: {
                  id: { type: 'integer' },
                  name: { type: 'string' },
                  path: { type: 'string' },
                  url: link,
                },
              },
            ],
          },
          authors: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'slug', 'name', 'url'],
              properties: {
                id: { type: 'integer' },
                slug: { type: 'string' },
                name: { type: 'string' },
                url: link,
              },
            },
          },
          publishedAt: { type: 'string', format: 'date-time' },
          highlight: {
            type: 'object',
            additionalProperties: false,
            required: ['headline', 'snippet'],
            properties: { headline: { type: 'string' }, snippet: { type: 'string' } },
          },
        },
      },
    },
  },
});

describe.each(testDialects())('search pages and API on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { res, $: cheerio.load(res.body) };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    for (let i = 1; i <= 23; i++) {
      await fx.publish(
        {
          headline: `Ferry timetable change number ${i}`,
          body: paragraphs(`The ferry to the island changes its timetable, part ${i}.`),
          sectionId: i % 2 ? fx.sections.world : fx.sections.russia,
          tags: i === 7 ? ['Islands'] : [],
          authorIds: [i % 3 ? fx.authors.anna : fx.authors.daniel],
        },
        i,
      );
    }
    await fx.publish({ headline: 'Glacier <b>melts</b> faster', body: paragraphs('Ice & snow <script>.') });
    await createArticle(
      env.ctx.db,
      { headline: 'Secret ferry draft', body: paragraphs('ferry'), sectionId: fx.sections.world },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone },
    );
  });
  afterAll(() => env?.close());

  it('puts a search form in the header of every page, and allows only our own script', async () => {
    const { res, $ } = await get('/');
    const form = $('header.site-header form[role=search]');
    expect(form.attr('action')).toBe('/search');
    expect(form.find('input[name=q]').attr('type')).toBe('search');
    expect($('script[src]').attr('src')).toBe('/assets/search.js');
    const directives = String(res.headers['content-security-policy']).split('; ');
    expect(directives.filter((d) => d.startsWith('script-src'))).toEqual(["script-src 'self'"]);
    const js = await env.app.inject({ method: 'GET', url: '/assets/search.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('/search/suggest?q=');
    expect(js.body).not.toContain('innerHTML');
  });

  it('renders results with count, highlights, filters and pages, without JavaScript', async () => {
    const { res, $ } = await get('/search?q=ferry');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect($('meta[name=robots]').attr('content')).toBe('noindex');
    expect($('.search-count').text()).toContain('23 stories found');
    expect($('.search-result')).toHaveLength(20);
    expect($('.search-result .card-headline a').first().attr('href')).toMatch(/^\/news\//);
    expect($('.search-result .card-headline mark').first().text()).toBe('Ferry');
    expect($('.search-result').text()).not.toContain('Secret ferry draft');
    expect($('#search-q').attr('value')).toBe('ferry');
    expect($('select[name=section] option').length).toBeGreaterThan(4);
    const next = $('.pager a[rel=next]').attr('href');
    expect(next).toBe('/search?q=ferry&page=2');
    const page2 = await get(next!);
    expect(page2.$('.search-result')).toHaveLength(3);
  });

  it('filters by section path (with descendants), author, tag and dates, and sorts by date', async () => {
    const count = async (qs: string) => {
      const { res, $ } = await get(`/search?q=ferry${qs}`);
      expect(res.statusCode, qs).toBe(200);
      const text = $('.search-count').text();
      return text.startsWith('No stories') ? 0 : Number(text.split(' ')[0]);
    };
    expect(await count('&section=news/world')).toBe(12);
    expect(await count('&section=news')).toBe(23);
    expect(await count('&section=sports')).toBe(0);
    expect(await count('&author=daniel-reyes')).toBe(7);
    expect(await count('&tag=islands')).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(await count(`&from=2001-01-01&to=${today}`)).toBeGreaterThan(0);
    expect(await count('&to=2001-01-01')).toBe(0);
    const { $ } = await get('/search?q=ferry&sort=date');
    expect($('.search-result .card-headline').first().text()).toBe('Ferry timetable change number 1');
  });

  it('refuses malformed filters with a 400 page, and survives hostile text', async () => {
    for (const qs of [
      'section=../etc',
      'author=<x>',
      'from=2026-02-30',
      'sort=best',
      'page=0',
      'from=2026-02-02&to=2026-01-01',
      'tag=nope',
    ]) {
      const { res, $ } = await get(`/search?q=ferry&${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect($('.search-error').text()).toContain('could not be run');
    }
    const evil = '"><script>alert(1)</script>';
    const { res, $ } = await get(`/search?q=${encodeURIComponent(evil)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect($('h1').text()).toContain(evil);
    const long = await get(`/search?q=${'x'.repeat(10_000)}`);
    expect(long.res.statusCode).toBe(200);
    const glacier = await get('/search?q=glacier');
    expect(glacier.$('.search-result .card-headline a').html()).toBe(
      '<mark>Glacier</mark> &lt;b&gt;melts&lt;/b&gt; faster',
    );
  });

  it('suggests public headlines as you type', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/search/suggest?q=ferry%20timet' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.suggestions).toHaveLength(6);
    for (const s of body.suggestions) {
      expect(s.headline).toMatch(/^Ferry timetable/);
      expect(s.url).toMatch(/^\/news\//);
    }
    const none = await env.app.inject({ method: 'GET', url: '/search/suggest?q[a]=1' });
    expect(none.json()).toEqual({ query: '', suggestions: [] });
  });

  it('answers GET /api/content/v1/search with allow-listed fields and absolute URLs', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/content/v1/search?q=ferry&limit=5&page=2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(validateApi(body), JSON.stringify(validateApi.errors)).toBe(true);
    expect(body).toMatchObject({ total: 23, page: 2, limit: 5, pages: 5 });
    expect(body.data).toHaveLength(5);
    expect(body.data[0].highlight.headline).toContain('<mark>Ferry</mark>');
    expect(body.data.map((d: { headline: string }) => d.headline)).not.toContain('Secret ferry draft');
    const bad = await env.app.inject({ method: 'GET', url: '/api/content/v1/search?q=ferry&limit=500' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_request', details: [{ path: 'limit' }] });
    const unknownParam = await env.app.inject({
      method: 'GET',
      url: '/api/content/v1/search?q=ferry&colour=red',
    });
    expect(unknownParam.statusCode).toBe(400);
    const unknownTag = await env.app.inject({
      method: 'GET',
      url: '/api/content/v1/search?q=ferry&tag=no-such-tag',
    });
    expect(unknownTag.statusCode).toBe(404);
    expect(unknownTag.json().error.code).toBe('not_found');
    const hostile = await env.app.inject({
      method: 'GET',
      url: `/api/content/v1/search?q=${encodeURIComponent('")(*-- OR 1=1; 😀 שלום')}`,
    });
    expect(hostile.statusCode).toBe(200);
    expect(validateApi(hostile.json())).toBe(true);
  });
});

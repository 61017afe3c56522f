import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createArticle, updateArticle } from '../../content/index.js';
import type { ArticleRow } from '../../db/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';
import ninjsSchema from './ninjs-2.schema.json' with { type: 'json' };
import { API_ROUTES } from './openapi.js';

const NASTY = 'Tom & Jerry <b>"live"</b> it\'s </script> 😀';
const API = '/api/content/v1';

function makeAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
  return ajv;
}

describe.each(testDialects())('Content API on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let nasty: ArticleRow;
  let cup: ArticleRow;
  let future: ArticleRow;
  let withdrawn: ArticleRow;
  let draft: ArticleRow;
  const ajv = makeAjv();
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url: `${API}${url}`, headers });
  const json = async (url: string, status = 200) => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return JSON.parse(res.body);
  };
  const valid = (schema: string, value: unknown) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`);
    if (!validate) throw new Error(`no schema ${schema}`);
    const ok = validate(value);
    expect(ok, JSON.stringify(validate.errors)).toBe(true);
  };

  beforeAll(async () => {
    env = await testEnv(dialect, { CONTENT_API_RATE_LIMIT: '100000' });
    fx = await seedFixture(env.ctx, env.dir);
    await fx.publish({ headline: 'Oldest story', tags: ['Archive'] }, 30);
    nasty = await fx.publish(
      {
        headline: NASTY,
        dek: 'A dek & more',
        slug: 'tom-and-jerry',
        authorIds: [fx.authors.anna, fx.authors.daniel],
        tags: ['Budget'],
        dateline: 'Kaluga',
        leadCaption: 'Caption <i>',
        leadCredit: 'Photo: Jana',
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: NASTY }] },
            { type: 'image', attrs: { mediaId: fx.image, caption: 'Body image' } },
          ],
        },
      },
      3,
    );
    cup = await fx.publish(
      { headline: 'Cup final', sectionId: fx.sections.sports, authorIds: [fx.authors.daniel] },
      2,
    );
    future = await fx.publish({ headline: 'Future story', tags: ['Secret plans'] }, -5);
    withdrawn = await fx.publish({ headline: 'Withdrawn story' }, 4);
    await updateArticle(
      env.ctx.db,
      withdrawn.id,
      { ...(await articleInputOf(env.ctx.db, withdrawn)), status: 'unpublished' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: withdrawn.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    draft = await createArticle(
      env.ctx.db,
      {
        headline: 'Draft story',
        body: paragraphs('x'),
        sectionId: fx.sections.russia,
        status: 'draft',
        tags: ['Draft tag'],
      },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone },
    );
    const doc = await json('/openapi.json');
    ajv.addSchema(doc, 'openapi');
  });
  afterAll(() => env?.close());

  it('lists public stories newest first, matching the documented schema', async () => {
    const body = await json('/articles');
    valid('ListArticlesResponse', body);
    expect(body.data.map((a: any) => a.headline)).toEqual(['Cup final', NASTY, 'Oldest story']);
    expect(body.nextCursor).toBeNull();
    const a = body.data[1];
    expect(a.id).toBe(nasty.id);
    expect(a.url).toBe(`https://news.example.com${nasty.path}`);
    expect(a.section).toEqual({
      id: fx.sections.russia,
      name: 'Russia',
      path: 'news/politics/russia',
      url: 'https://news.example.com/news/politics/russia',
    });
    expect(a.authors.map((x: any) => x.slug)).toEqual(['anna-kovalenko', 'daniel-reyes']);
    expect(a.tags).toEqual([
      { id: expect.any(Number), slug: 'budget', name: 'Budget', url: 'https://news.example.com/tag/budget' },
    ]);
    expect(a.leadImage.caption).toBe('Caption <i>');
    expect(a.leadImage.renditions.at(-1).url).toMatch(/\/media\/\d+\/1600\.jpg$/);
    expect(a.bodyHtml).toBeUndefined();
    expect(a.publishedAt).toBe(nasty.first_published_at);
    for (const h of [future, withdrawn, draft]) expect(JSON.stringify(body)).not.toContain(h.headline);
  });

  it('pages with an opaque cursor without gaps or repeats', async () => {
    for (let i = 0; i < 4; i++)
      await fx.publish({ headline: `Filler ${i}`, sectionId: fx.sections.world }, 10 + i);
    const all = (await json('/articles?limit=100')).data.map((a: any) => a.id);
    expect(all).toHaveLength(7);
    for (const limit of [1, 2, 3, 7]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { data: { id: number }[]; nextCursor: string | null } = await json(
          `/articles?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.data.length).toBeLessThanOrEqual(limit);
        seen.push(...page.data.map((a) => a.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen, `limit ${limit}`).toEqual(all);
      expect(pages).toBe(Math.ceil(7 / limit));
    }
  });

  it('filters by section with descendants, tag, author and updated_since', async () => {
    const heads = async (q: string) => (await json(`/articles?${q}`)).data.map((a: any) => a.headline);
    expect(await heads('section=news/politics')).toEqual([NASTY, 'Oldest story']);
    expect(await heads('section=sports')).toEqual(['Cup final']);
    expect(await heads('tag=budget')).toEqual([NASTY]);
    expect(await heads('author=daniel-reyes')).toEqual(['Cup final', NASTY]);
    expect(await heads('section=news&author=anna-kovalenko&tag=budget')).toEqual([NASTY]);
    // updated_since walks oldest change first, for syncing.
    const since = new Date(Date.now() - 3.5 * 3_600_000).toISOString();
    expect(await heads(`updated_since=${encodeURIComponent(since)}`)).toEqual([NASTY, 'Cup final']);
    const page = await json(`/articles?updated_since=${encodeURIComponent(since)}&limit=1`);
    expect(page.data[0].headline).toBe(NASTY);
    const next = await json(
      `/articles?updated_since=${encodeURIComponent(since)}&limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.data.map((a: any) => a.headline)).toEqual(['Cup final']);
    expect(next.nextCursor).toBeNull();
    // A cursor of one order is refused by the other.
    const err = await json(`/articles?limit=1&cursor=${page.nextCursor}`, 400);
    expect(err.error.details[0].path).toBe('cursor');
    // One detail shape for both APIs: `field`; `path` repeats it for v1 clients (docs/decisions.md).
    expect(err.error.details[0].field).toBe('cursor');
    for (const q of ['section=nowhere', 'tag=no-such-tag', 'author=nobody'])
      expect((await json(`/articles?${q}`, 404)).error.code).toBe('not_found');
  });

  it('selects fields, with bodies as HTML, text and the typed document', async () => {
    const slim = await json('/articles?fields=headline,url&limit=1');
    expect(Object.keys(slim.data[0]).sort()).toEqual(['headline', 'id', 'url']);
    const one = await json(`/articles/${nasty.id}`);
    valid('GetArticleResponse', one);
    const a = one.data;
    expect(a.headline).toBe(NASTY);
    expect(a.dateline).toBe('Kaluga');
    const $ = cheerio.load(a.bodyHtml);
    expect($('p').first().text()).toBe(NASTY);
    expect($('script').length).toBe(0);
    expect($('figure img').attr('src')).toMatch(/^https:\/\/news\.example\.com\/media\/\d+\/1280\.jpg$/);
    expect(a.bodyText).toContain(NASTY);
    expect(a.bodyDocument.type).toBe('doc');
    expect(a.bodyDocument.content[0].content[0].text).toBe(NASTY);
    const bodies = await json(`/articles/${nasty.id}?fields=bodyDocument`);
    expect(Object.keys(bodies.data).sort()).toEqual(['bodyDocument', 'id']);
  });

  it('finds a story by slug and never shows a hidden one', async () => {
    expect((await json('/articles/by-slug/tom-and-jerry')).data.id).toBe(nasty.id);
    for (const h of [future, withdrawn, draft]) {
      expect((await json(`/articles/${h.id}`, 404)).error.code).toBe('not_found');
      expect((await json(`/articles/by-slug/${h.slug}`, 404)).error.code).toBe('not_found');
      expect((await get(`/articles/${h.id}?format=ninjs`)).statusCode).toBe(404);
    }
    expect((await json('/articles/999999', 404)).error).toEqual({
      code: 'not_found',
      message: 'No such article',
      details: [],
    });
  });

  it('answers bad parameters with 400 and a JSON error naming them, never echoing input', async () => {
    const cases = [
      '/articles?limit=0',
      '/articles?limit=101',
      '/articles?limit=ten',
      '/articles?cursor=%3Cscript%3E',
      '/articles?cursor=eyJvIjoicHVibGlzaGVkIn0',
      '/articles?updated_since=yesterday',
      '/articles?section=%3Cscript%3E',
      '/articles?tag=a&tag=b',
      '/articles?fields=headline,password',
      '/articles?fields=',
      '/articles?sort=asc',
      '/articles?%3Cscript%3E=1',
      '/articles/abc',
      '/articles/0',
      '/articles/1?format=xml',
      `/articles/${nasty.id}?format=ninjs&fields=headline`,
      '/articles/by-slug/%3Cscript%3E',
      '/tags?limit=100000',
      '/tags?cursor=zzz',
    ];
    for (const url of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      const body = JSON.parse(res.body);
      valid('Error', body);
      expect(body.error.code).toBe('bad_request');
      expect(body.error.details.length, url).toBeGreaterThan(0);
      expect(res.body).not.toContain('<script');
    }
    const missing = await get('/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
    const post = await env.app.inject({ method: 'POST', url: `${API}/articles`, payload: {} });
    expect(post.statusCode).toBe(404);
    expect(JSON.parse(post.body).error.code).toBe('not_found');
  });

  it('serves the section tree, tags of public stories and authors', async () => {
    const sections = await json('/sections');
    valid('ListSectionsResponse', sections);
    expect(sections.data.map((s: any) => s.path)).toEqual(['news', 'sports']);
    expect(sections.data[0].children.map((s: any) => s.path)).toEqual(['news/politics', 'news/world']);
    expect(sections.data[0].children[0].children[0].name).toBe('Russia');
    const tags = await json('/tags');
    valid('ListTagsResponse', tags);
    // Tags used only on hidden stories are not revealed.
    expect(tags.data.map((t: any) => t.slug)).toEqual(['archive', 'budget']);
    const first = await json('/tags?limit=1');
    expect(first.data.map((t: any) => t.slug)).toEqual(['archive']);
    const second = await json(`/tags?limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((t: any) => t.slug)).toEqual(['budget']);
    expect(second.nextCursor).toBeNull();
    const authors = await json('/authors');
    valid('ListAuthorsResponse', authors);
    expect(authors.data.map((a: any) => a.name)).toEqual(['Anna Kovalenko', 'Daniel Reyes']);
  });

  it('serves a story as IPTC ninjs 2.1 that validates against the schema', async () => {
    const validate = makeAjv().compile(ninjsSchema);
    const doc = await json(`/articles/${nasty.id}?format=ninjs`);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.uri).toBe(`https://news.example.com/api/content/v1/articles/${nasty.id}`);
    expect(doc.type).toBe('text');
    expect(doc.headlines[0]).toEqual({ role: 'main', value: NASTY });
    expect(doc.by).toBe('Anna Kovalenko, Daniel Reyes');
    expect(doc.located).toBe('Kaluga');
    expect(doc.firstcreated).toBe(nasty.first_published_at);
    const html = doc.bodies.find((b: any) => b.contenttype === 'text/html');
    expect(cheerio.load(html.value)('p').first().text()).toBe(NASTY);
    expect(doc.subjects.map((s: any) => s.name)).toEqual(['News', 'Politics', 'Russia', 'Budget']);
    expect(doc.associations[0].type).toBe('picture');
    expect(doc.associations[0].descriptions[0].value).toBe('Caption <i>');
    expect(doc.renditions[0].href).toBe(`https://news.example.com${nasty.path}`);
    const bySlug = await json('/articles/by-slug/tom-and-jerry?format=ninjs');
    expect(validate(bySlug)).toBe(true);
    // The schema is strict: an unknown property or a missing uri fails.
    expect(validate({ ...doc, headline: 'x' })).toBe(false);
    const { uri: _u, ...noUri } = doc;
    expect(validate(noUri)).toBe(false);
  });

  it('answers conditional requests with 304', async () => {
    const first = await get(`/articles/${cup.id}`);
    const again = await get(`/articles/${cup.id}`, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('allows browser apps through CORS on the API only', async () => {
    const res = await get('/articles?limit=1', { origin: 'https://app.example' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('RateLimit-Remaining');
    const preflight = await env.app.inject({
      method: 'OPTIONS',
      url: `${API}/articles`,
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const site = await env.app.inject({
      method: 'GET',
      url: '/',
      headers: { origin: 'https://app.example' },
    });
    expect(site.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const doc = await json('/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe('https://news.example.com/api/content/v1');
    expect(Object.keys(doc.paths).sort()).toEqual([...API_ROUTES.map((r) => r.path), '/openapi.json'].sort());
    const list = doc.paths['/articles'].get.parameters.map((p: any) => p.name);
    expect(list).toEqual([
      'section',
      'tag',
      'author',
      'edition',
      'updated_since',
      'cursor',
      'limit',
      'fields',
    ]);
    // Every reference resolves to a component schema that compiles.
    const refs = new Set<string>();
    JSON.stringify(doc, (k, v) => {
      if (k === '$ref') refs.add(v);
      return v;
    });
    for (const ref of refs) expect(ajv.getSchema(`openapi${ref}`), ref).toBeTypeOf('function');
    // Every documented path answers (with real parameters filled in).
    for (const path of Object.keys(doc.paths)) {
      const url = path
        .replace('{id}', String(nasty.id))
        .replace('/lists/{slug}', '/lists/home-top') // a front's list: the home page's default
        .replace('{slug}', 'tom-and-jerry');
      expect((await get(url)).statusCode, url).toBe(200);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articleInputOf,
  createArticle,
  moveStory,
  renameTag,
  updateArticle,
  updateAuthor,
  updateSection,
} from '../../content/index.js';
import { addTestUser } from '../../test/admin.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';
import { createApiKey } from './keys.js';
import { apiCacheKey } from './routes.js';

const API = '/api/content/v1';

describe('the API cache key', () => {
  it('is the path and every parameter, sorted, under a prefix no page address has', () => {
    expect(apiCacheKey('/api/content/v1/articles')).toBe('api /api/content/v1/articles');
    expect(apiCacheKey('/api/content/v1/articles?limit=2&section=news')).toBe(
      apiCacheKey('/api/content/v1/articles?section=news&limit=2'),
    );
    expect(apiCacheKey('/api/content/v1/articles?limit=2')).not.toBe(
      apiCacheKey('/api/content/v1/articles?limit=3'),
    );
    expect(apiCacheKey(`/api/content/v1/articles?q=${'x'.repeat(3000)}`)).toBeNull();
  });
});

describe.each(testDialects())('Content API answers through the page cache (%s)', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let key: string;
  let storyId: number;
  let deskId: number;
  const get = async (path: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url: `${API}${path}`, headers: { 'x-api-key': key, ...headers } });

  beforeAll(async () => {
    env = await testEnv(dialect, { CONTENT_API_PUBLIC: 'false' });
    fx = await seedFixture(env.ctx, env.dir);
    storyId = (await fx.publish({ headline: 'Harbour pier closes', tags: ['Harbour'] })).id;
    key = (await createApiKey(env.ctx.db, { name: 'App', rateLimit: 1000 }, env.ctx.now())).key;
    deskId = (await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk', role: 'editor' })).id;
  });
  afterAll(() => env.close());

  it('keeps an answer for every key, after the key check', async () => {
    const first = await get('/articles?limit=5&section=news');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const again = await get('/articles?section=news&limit=5');
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['ratelimit-remaining']).toBeDefined();
    // A cached answer still needs a key: the page cache's fast path never answers the API.
    const anonymous = await env.app.inject({ method: 'GET', url: `${API}/articles?limit=5&section=news` });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await get('/articles?limit=5&section=news', { 'x-api-key': 'mh_wrong' });
    expect(wrong.statusCode).toBe(401);
    // Conditional and compressed, from the stored copy.
    const notModified = await get('/articles?limit=5&section=news', {
      'if-none-match': String(first.headers.etag),
    });
    expect(notModified.statusCode).toBe(304);
    const gz = await get('/articles?limit=5&section=news', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('drops an answer when what it shows changes', async () => {
    const cached = async (path: string) => {
      await get(path);
      return (await get(path)).headers['x-cache'];
    };
    const body = async (path: string) => (await get(path)).json();
    const list = '/articles?limit=5';
    const one = `/articles/${storyId}`;
    expect(await cached(list)).toBe('HIT');
    expect(await cached(one)).toBe('HIT');
    expect(await cached('/sections')).toBe('HIT');
    expect(await cached('/tags')).toBe('HIT');
    expect(await cached('/authors')).toBe('HIT');

    // A new story: the list changes.
    const newer = await fx.publish({ headline: 'Ferry timetable changes' }, 0.5);
    expect((await body(list)).data[0].headline).toBe('Ferry timetable changes');
    // The story edited: its page and the list.
    const row = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', storyId)
      .executeTakeFirstOrThrow();
    await updateArticle(
      env.ctx.db,
      storyId,
      { ...(await articleInputOf(env.ctx.db, row)), headline: 'Harbour pier closes for good' },
      {
        expectedVersion: row.version,
        timeZone: env.ctx.config.site.timeZone,
        now: env.ctx.now().toISOString(),
      },
    );
    expect((await body(one)).data.headline).toBe('Harbour pier closes for good');
    expect((await body(list)).data.map((d: { headline: string }) => d.headline)).toContain(
      'Harbour pier closes for good',
    );
    // A section renamed: every answer that names it.
    await updateSection(
      env.ctx.db,
      fx.sections.russia,
      { name: 'Russia and Ukraine' },
      env.ctx.now().toISOString(),
    );
    expect((await body(one)).data.section.name).toBe('Russia and Ukraine');
    expect(JSON.stringify(await body('/sections'))).toContain('Russia and Ukraine');
    // A tag renamed, a byline edited.
    const harbour = await env.ctx.db
      .selectFrom('tags')
      .selectAll()
      .where('slug', '=', 'harbour')
      .executeTakeFirstOrThrow();
    await renameTag(env.ctx.db, harbour.id, { name: 'Harbours' });
    expect(JSON.stringify(await body('/tags'))).toContain('Harbours');
    expect(JSON.stringify(await body(one))).toContain('Harbours');
    await updateAuthor(env.ctx.db, fx.authors.anna, { name: 'Anna K. Kovalenko' }, env.ctx.now());
    expect(JSON.stringify(await body('/authors'))).toContain('Anna K. Kovalenko');
    expect(JSON.stringify(await body(one))).toContain('Anna K. Kovalenko');
    // Unpublished: gone from the list, 404 on its own.
    const current = await env.ctx.db
      .selectFrom('articles')
      .select('version')
      .where('id', '=', newer.id)
      .executeTakeFirstOrThrow();
    expect(await cached(`/articles/${newer.id}`)).toBe('HIT');
    await moveStory(
      env.ctx.db,
      newer.id,
      { action: 'unpublish', version: current.version },
      {
        id: deskId,
        email: 'desk@example.com',
        label: 'Desk',
        timeZone: env.ctx.config.site.timeZone,
        now: env.ctx.now().toISOString(),
      },
    );
    expect((await get(`/articles/${newer.id}`)).statusCode).toBe(404);
    expect((await body(list)).data.map((d: { id: number }) => d.id)).not.toContain(newer.id);
    // A draft never shows.
    await createArticle(
      env.ctx.db,
      {
        headline: 'Draft only',
        body: paragraphs('Not public.'),
        sectionId: fx.sections.news,
        status: 'draft',
      },
      { timeZone: env.ctx.config.site.timeZone, now: env.ctx.now().toISOString() },
    );
    expect((await body(list)).data.map((d: { headline: string }) => d.headline)).not.toContain('Draft only');
  });
});

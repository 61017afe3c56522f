import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createContext } from '../../context.js';
import { withoutDiskSync } from '../../db/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, seedFixture } from '../../test/fixtures.js';
import { createApiKey, hashKey, listApiKeys, revokeApiKey } from './keys.js';
import { hitRateLimit } from './rate-limit.js';
import { contentApiRoutes } from './routes.js';

const API = '/api/content/v1';

describe.each(testDialects())('Content API keys and rate limits on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const get = (headers: Record<string, string> = {}, app = env.app) =>
    app.inject({ method: 'GET', url: `${API}/articles?limit=1`, headers });

  beforeAll(async () => {
    // Anonymous callers get 3 requests a minute here.
    env = await testEnv(dialect, { CONTENT_API_RATE_LIMIT: '3' });
    fx = await seedFixture(env.ctx, env.dir);
    await fx.publish({ headline: 'A story' });
  });
  afterAll(() => env?.close());

  it('creates keys shown once and stored only as a hash; lists and revokes them', async () => {
    const { key, info } = await createApiKey(env.ctx.db, { name: 'Phone app', rateLimit: 5 }, env.ctx.now());
    expect(key).toMatch(/^mh_[\w-]{43}$/);
    expect(info).toMatchObject({
      name: 'Phone app',
      prefix: key.slice(0, 10),
      rateLimit: 5,
      revokedAt: null,
    });
    const row = await env.ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', info.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect((await listApiKeys(env.ctx.db)).map((k) => k.name)).toContain('Phone app');
    await expect(createApiKey(env.ctx.db, { name: '  ' }, env.ctx.now())).rejects.toThrow(/name/);
    await expect(createApiKey(env.ctx.db, { name: 'x', rateLimit: 0 }, env.ctx.now())).rejects.toThrow(
      /rate/,
    );

    expect((await get({ authorization: `Bearer ${key}` })).statusCode).toBe(200);
    expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
    const used = await listApiKeys(env.ctx.db);
    expect(used.find((k) => k.id === info.id)?.lastUsedAt).not.toBeNull();

    expect(await revokeApiKey(env.ctx.db, info.id, env.ctx.now())).toBe(true);
    expect(await revokeApiKey(env.ctx.db, info.id, env.ctx.now())).toBe(false);
    const refused = await get({ authorization: `Bearer ${key}` });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('Bearer');
    expect(JSON.parse(refused.body).error.code).toBe('unauthorized');
  });

  it('refuses unknown keys and other authorization schemes', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: 'Bearer mh_not-a-real-key' },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { 'x-api-key': 'nonsense' },
    ];
    for (const headers of attempts) {
      const res = await get(headers);
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    }
  });

  it('limits anonymous callers per address and keys per key, with 429 and Retry-After', async () => {
    env.setNow(new Date('2031-01-01T10:00:05Z'));
    try {
      for (let i = 0; i < 3; i++) {
        const res = await get();
        expect(res.statusCode).toBe(200);
        expect(res.headers['ratelimit-remaining']).toBe(String(2 - i));
      }
      const limited = await get();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('55');
      expect(JSON.parse(limited.body).error.code).toBe('rate_limited');
      // A key has its own budget.
      const { key } = await createApiKey(env.ctx.db, { name: 'Partner', rateLimit: 2 }, env.ctx.now());
      expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
      expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
      expect((await get({ 'x-api-key': key })).statusCode).toBe(429);
      // The next minute starts afresh.
      env.setNow(new Date('2031-01-01T10:01:00Z'));
      expect((await get()).statusCode).toBe(200);
      expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
    } finally {
      env.setNow(new Date());
    }
  });

  it('shares one limit between app processes on the same database', async () => {
    const other = await createContext(env.ctx.config, { now: () => new Date('2031-02-01T09:00:10Z') });
    const otherApp = await buildApp(other);
    env.setNow(new Date('2031-02-01T09:00:20Z'));
    try {
      expect((await get({}, env.app)).statusCode).toBe(200);
      expect((await get({}, otherApp)).statusCode).toBe(200);
      expect((await get({}, env.app)).statusCode).toBe(200);
      expect((await get({}, otherApp)).statusCode).toBe(429);
    } finally {
      env.setNow(new Date());
      await otherApp.close();
      await other.close();
    }
  });

  it('gives routes other domains add under the prefix the same keys, limits and CORS', async () => {
    const app = Fastify();
    await contentApiRoutes(app, env.ctx, [
      (api) => {
        api.get('/extra', async () => ({ ok: true }));
      },
    ]);
    try {
      const { key } = await createApiKey(env.ctx.db, { name: 'Extension check' }, env.ctx.now());
      const res = await app.inject({
        method: 'GET',
        url: `${API}/extra`,
        headers: { 'x-api-key': key, origin: 'https://a.example' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['ratelimit-limit']).toBe('600');
      expect(
        (await app.inject({ method: 'GET', url: `${API}/extra`, headers: { 'x-api-key': 'mh_bad' } }))
          .statusCode,
      ).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('counts concurrent hits exactly', async () => {
    const at = new Date('2031-03-01T00:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 25 }, () => hitRateLimit(env.ctx.db, 'test:concurrent', 20, at)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.map((r) => r.remaining).sort((a, b) => a - b)[0]).toBe(0);
  });

  it('counts without waiting for the disk, and leaves every other write fully synced', async () => {
    const durability = async (db = env.ctx.db) =>
      dialect === 'sqlite'
        ? String((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0]?.synchronous)
        : String(
            (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db)).rows[0]
              ?.synchronous_commit,
          );
    const synced = dialect === 'sqlite' ? '2' : 'on'; // SQLite's FULL is 2
    expect(await durability()).toBe(synced);
    // Inside the counting write, and nowhere else, the commit does not wait for the disk.
    const seen = await withoutDiskSync(env.ctx.db, (db) => durability(db));
    expect(seen).toBe(dialect === 'sqlite' ? '0' : 'off');
    const at = new Date('2031-03-02T00:00:00Z');
    expect((await hitRateLimit(env.ctx.db, 'test:durability', 5, at)).remaining).toBe(4);
    expect(await durability()).toBe(synced);
    // A failing write inside restores the setting as well.
    await expect(
      withoutDiskSync(env.ctx.db, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await durability()).toBe(synced);
  });
});

describe.each(testDialects())('a private Content API on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect, { CONTENT_API_PUBLIC: 'false' });
  });
  afterAll(() => env?.close());

  it('requires a key, but still serves the OpenAPI document', async () => {
    const anon = await env.app.inject({ method: 'GET', url: `${API}/sections` });
    expect(anon.statusCode).toBe(401);
    expect(JSON.parse(anon.body).error.message).toBe('An API key is required');
    const { key } = await createApiKey(env.ctx.db, { name: 'App' }, env.ctx.now());
    const keyed = await env.app.inject({
      method: 'GET',
      url: `${API}/sections`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(keyed.statusCode).toBe(200);
    const doc = await env.app.inject({ method: 'GET', url: `${API}/openapi.json` });
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body).security).not.toContainEqual({});
  });
});

/**
 * The app's side of nginx in front (cache/origin.ts), without nginx: which answers it tells nginx
 * to keep, the tag index on disk, and deletion by tag from any node sharing the directory.
 * src/cache/nginx.test.ts runs the same with real nginx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { redisTestPrefix, redisTestUrl } from '../test/redis.js';
import { createCacheLayer, onContentChange } from './index.js';
import { deleteRenderedBefore, ORIGIN_KEY_HEADER, originCache, RENDERED_AT_HEADER } from './origin.js';

describe('the tag index nginx files are deleted by', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-origin-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A file where nginx would keep the answer for `key`, as nginx names it. */
  const keep = (file: string, renderedAt?: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const head = renderedAt === undefined ? '' : `${RENDERED_AT_HEADER}: ${renderedAt}\r\n`;
    fs.writeFileSync(file, `\u0005binary header\nKEY: k\nHTTP/1.1 200 OK\r\n${head}\r\n<html>`);
  };

  it("deletes on one node what another node's render noted, and again without complaint", async () => {
    const opts = { dir: path.join(dir, 'cache'), tagsDir: path.join(dir, 'tags'), recheckMs: 0 };
    const a = originCache(opts);
    const b = originCache(opts);
    const story = a.fileOf('gzip:/news/2026/12/01/harbour');
    const front = a.fileOf('gzip:/');
    expect(story).toMatch(/cache\/[0-9a-f]\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    keep(story);
    keep(front);
    await a.record('gzip:/news/2026/12/01/harbour', ['article:1', 'section:2']);
    await a.record('gzip:/', ['article:1', 'article:2', 'home']);
    expect(await b.invalidate(['article:2'])).toBe(1);
    expect(fs.existsSync(front)).toBe(false);
    expect(fs.existsSync(story)).toBe(true);
    expect(await b.invalidate(['article:1', 'no-such-tag'])).toBe(2); // the front's note is listed, its file is gone
    expect(fs.existsSync(story)).toBe(false);
    expect(await a.invalidate(['article:1'])).toBe(0);
    // The `site` tag lists everything kept (a lost Redis channel empties all).
    keep(story);
    await a.record('gzip:/news/2026/12/01/harbour', ['article:1']);
    await a.record('odd tag/../x', ['tag with spaces/..']);
    expect(fs.readdirSync(opts.tagsDir).every((n) => !n.includes('/') && !n.startsWith('.'))).toBe(true);
    // Three: the front's `site` note outlived its file (deleted through `article:2`); harmless.
    expect(await b.invalidate(['site'])).toBe(3);
    expect(fs.readdirSync(opts.tagsDir)).not.toContain('site');
    expect(fs.existsSync(story)).toBe(false);
  });

  it('deletes again, later, only the copies rendered before the change', async () => {
    const at = 1_000_000;
    const old = path.join(dir, 'late', 'old');
    const fresh = path.join(dir, 'late', 'fresh');
    const unmarked = path.join(dir, 'late', 'unmarked');
    keep(old, at - 1);
    keep(fresh, at + 1);
    keep(unmarked);
    await deleteRenderedBefore([old, fresh, unmarked, path.join(dir, 'late', 'gone')], at);
    expect([fs.existsSync(old), fs.existsSync(fresh), fs.existsSync(unmarked)]).toEqual([false, true, false]);
  });
});

describe.each(testDialects())('what the app tells nginx to keep, on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let storyPath: string;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-origin-app-'));
    env = await testEnv(dialect, { ORIGIN_CACHE_DIR: path.join(dir, 'cache') });
    fx = await seedFixture(env.ctx, env.dir);
    storyPath = (await fx.publish({ headline: 'Lighthouse keeper retires' })).path as string;
  });
  afterAll(async () => {
    await env.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    env.app.inject({ method: 'GET', url, headers, remoteAddress });

  it('public answers asked for by nginx, rendered (never from memory) and noted under their tags', async () => {
    await get(storyPath);
    expect((await get(storyPath)).headers['x-cache']).toBe('HIT'); // the app holds it now
    // An answer rendered across any change it shows is rightly kept nowhere (the epoch check).
    // Changes announced meanwhile (by anything in this process) are collected: a render they
    // overlapped is asked for once more, and a refusal without one fails, naming what was heard.
    const heard: string[][] = [];
    const stop = onContentChange((tags) => heard.push(tags));
    const originGet = async (url: string) => {
      const before = heard.length;
      const res = await get(url, { [ORIGIN_KEY_HEADER]: `gzip:${url}` });
      if (res.headers['x-accel-expires'] === undefined && heard.length > before) {
        return get(url, { [ORIGIN_KEY_HEADER]: `gzip:${url}` });
      }
      return res;
    };
    for (const url of [storyPath, '/', '/feed.xml', '/sitemap.xml', '/robots.txt', '/mirrors.json']) {
      const res = await originGet(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-accel-expires'], `${url} (changes heard: ${JSON.stringify(heard)})`).toBe(
        '315360000',
      );
      expect(Number(res.headers[RENDERED_AT_HEADER]), url).toBeGreaterThan(0);
      if (res.headers['x-cache']) expect(res.headers['x-cache'], url).toBe('MISS');
    }
    stop();
    const tags = path.join(env.ctx.config.cache.origin?.tagsDir as string);
    expect(fs.readdirSync(tags)).toEqual(expect.arrayContaining(['site', 'home', 'feeds', 'sitemaps']));
  });

  it('nothing for other answers, other peers, or readers', async () => {
    const key = { [ORIGIN_KEY_HEADER]: 'gzip:/x' };
    expect((await get('/no-such-page', key)).headers['x-accel-expires']).toBeUndefined();
    expect((await get('/search?q=lighthouse', key)).headers['x-accel-expires']).toBeUndefined();
    expect((await get('/api/content/v1/articles', key)).headers['x-accel-expires']).toBeUndefined();
    expect((await get(storyPath)).headers['x-accel-expires']).toBeUndefined();
    // Anyone else's header is ignored: answered from memory, nothing noted.
    const stranger = await get(storyPath, key, '203.0.113.9');
    expect(stranger.headers['x-accel-expires']).toBeUndefined();
    expect(stranger.headers['x-cache']).toBe('HIT');
  });
});

describe.skipIf(!redisTestUrl)('another node deletes on the Redis message', () => {
  it("deletes nginx's file noted by a node that is not itself", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-origin-redis-'));
    const { prefix, cleanup } = redisTestPrefix();
    const config = loadConfig({
      MASTHEAD_DATA_DIR: dir,
      ORIGIN_CACHE_DIR: path.join(dir, 'cache'),
      REDIS_URL: redisTestUrl as string,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    const silent = { warn() {}, error() {} };
    const node = await createCacheLayer(config, silent);
    const other = originCache({ ...(config.cache.origin as { dir: string; tagsDir: string }), recheckMs: 0 });
    const pub = new Redis(redisTestUrl as string);
    try {
      const file = other.fileOf('br:/world');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'kept by nginx');
      await other.record('br:/world', ['list:section:4']);
      // What another node publishes after its commit (cache/bus.ts's message).
      await pub.publish(
        `${prefix}invalidate`,
        JSON.stringify({ from: 'elsewhere', tags: ['list:section:4'] }),
      );
      await expect.poll(() => fs.existsSync(file), { timeout: 5000, interval: 20 }).toBe(false);
    } finally {
      pub.disconnect();
      await node.close();
      await cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

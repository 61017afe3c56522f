/**
 * The render memo (cache/memo.ts): a value goes exactly when one of its tags is invalidated, the
 * way the page cache drops a page — this node's own announcements, another node's over Redis,
 * everything after a gap — and is never kept when it was loaded across such an invalidation.
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { redisTestPrefix, redisTestUrl } from '../test/redis.js';
import { announceChange } from './announce.js';
import { type CacheLayer, createCacheLayer } from './index.js';
import { TaggedMemo } from './memo.js';

// Announced at once, as content/changes.ts does once a write has committed.
const notATransaction = { isTransaction: false } as never;

/** A loader that counts its calls and returns the count. */
function counter() {
  let n = 0;
  return { load: async () => ++n, calls: () => n };
}

describe('TaggedMemo', () => {
  it('keeps a value until one of its tags (or SITE) is invalidated, and no longer than the TTL', async () => {
    let now = 0;
    const memo = new TaggedMemo(
      () => 1000,
      () => now,
    );
    const c = counter();
    const get = () => memo.get('k', c.load, () => ['article:1', 'list:section:2']);
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    memo.invalidate(['article:9', 'list:section:3']);
    expect(await get()).toBe(1);
    memo.invalidate(['list:section:2']);
    expect(await get()).toBe(2);
    memo.invalidate(['site']);
    expect(await get()).toBe(3);
    now = 1001;
    expect(await get()).toBe(4);
  });

  it('uses a value loaded across an invalidation of its tags once, without keeping it', async () => {
    const memo = new TaggedMemo(() => 60_000);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = memo.get(
      'k',
      async () => {
        await gate;
        return 'old';
      },
      () => ['article:1'],
    );
    memo.invalidate(['article:1']);
    release();
    expect(await first).toBe('old');
    expect(memo.size).toBe(0);
    expect(
      await memo.get(
        'k',
        async () => 'new',
        () => ['article:1'],
      ),
    ).toBe('new');
    // An invalidation of other tags meanwhile does not stop a value from being kept.
    const second = memo.get(
      'j',
      async () => {
        memo.invalidate(['article:2']);
        return 'kept';
      },
      () => ['article:1'],
    );
    expect(await second).toBe('kept');
    expect(
      await memo.get(
        'j',
        async () => 'reloaded',
        () => [],
      ),
    ).toBe('kept');
  });

  it('holds a bounded number of values', async () => {
    const memo = new TaggedMemo(() => 60_000, Date.now, 3);
    for (const k of ['a', 'b', 'c', 'd'])
      await memo.get(
        k,
        async () => k,
        () => [],
      );
    expect(memo.size).toBe(3);
    expect(
      await memo.get(
        'a',
        async () => 'again',
        () => [],
      ),
    ).toBe('again');
  });
});

describe('the render memo in the cache layer', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("drops values with this node's own announcements", async () => {
    const config = loadConfig({ MASTHEAD_DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent', PAGE_CACHE_MB: '0' });
    const node: CacheLayer = await createCacheLayer(config, { warn: () => {}, error: () => {} });
    cleanups.push(() => node.close());
    const c = counter();
    const get = () => node.memo.get('k', c.load, () => ['list:section:2']);
    expect(await get()).toBe(1);
    announceChange(notATransaction, ['list:section:3']);
    expect(await get()).toBe(1);
    announceChange(notATransaction, ['list:section:2']);
    expect(await get()).toBe(2);
  });

  it.skipIf(!redisTestUrl)("drops values with another node's announcements over Redis", async () => {
    const { prefix, cleanup } = redisTestPrefix();
    cleanups.push(cleanup);
    const config = loadConfig({
      MASTHEAD_DATA_DIR: os.tmpdir(),
      LOG_LEVEL: 'silent',
      PAGE_CACHE_MB: '0',
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: prefix,
    });
    const node = await createCacheLayer(config, { warn: () => {}, error: () => {} });
    cleanups.push(() => node.close());
    const c = counter();
    expect(await node.memo.get('k', c.load, () => ['article:7'])).toBe(1);
    const heard = new Promise<readonly string[]>((resolve) => node.onDrop(resolve));
    // Another node's write, as its cache layer publishes it (cache/bus.ts).
    const other = new Redis(redisTestUrl as string);
    cleanups.push(() => other.disconnect());
    await other.publish(`${prefix}invalidate`, JSON.stringify({ from: 'another-node', tags: ['article:7'] }));
    expect(await heard).toEqual(['article:7']);
    expect(await node.memo.get('k', c.load, () => ['article:7'])).toBe(2);
  });
});

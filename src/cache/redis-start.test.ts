/**
 * A node that starts while Redis is down joins the invalidation channel as soon as Redis comes
 * up (it used to stay out for good, hearing no other node's changes), and until then keeps
 * pages as briefly as when the channel drops. The test runs a Redis server of its own, started
 * on a free port only after the node is up.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { type CacheLayer, createCacheLayer } from './index.js';

const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits for `ok()` to hold, checking every 20 ms; fails past `boundMs`. */
async function until(ok: () => boolean, what: string, boundMs = 10_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!haveRedisServer)('a node started while Redis is down', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('caches pages for a second only, then joins the channel once Redis is up', async () => {
    const port = await freePort();
    const config = loadConfig({
      MASTHEAD_DATA_DIR: os.tmpdir(),
      REDIS_URL: `redis://127.0.0.1:${port}`,
      PAGE_CACHE_TTL: '600',
      LOG_LEVEL: 'silent',
    });
    const warnings: string[] = [];
    const node: CacheLayer = await createCacheLayer(config, {
      warn: (_obj, msg) => warnings.push(msg),
      error: () => {},
    });
    cleanups.push(() => node.close());
    const item = (tag: string) => ({ status: 200, headers: {}, body: Buffer.from('x'), tags: [tag] });

    // Started without Redis: it cannot hear other nodes, so it keeps pages as a dropped channel does.
    expect(node.connected()).toBe(false);
    expect(node.pages.ttlMs).toBe(1_000);
    await node.pages.store('/cached-while-alone', item('article:1'), node.pages.begin());

    const redis: ChildProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    cleanups.push(
      () =>
        new Promise((resolve) => {
          redis.once('exit', resolve);
          redis.kill('SIGTERM');
        }),
    );

    await until(() => node.connected(), 'the node joins the channel');
    expect(node.pages.ttlMs).toBe(600_000);
    // What other nodes changed while it was alone is unknown: it starts again from empty.
    expect(node.pages.get('/cached-while-alone')).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/unreachable at start[\s\S]*back/);

    // And it hears another node's invalidations now.
    await node.pages.store('/a', item('article:2'), node.pages.begin());
    await node.pages.store('/b', item('article:3'), node.pages.begin());
    const other = new Redis(`redis://127.0.0.1:${port}`);
    cleanups.push(() => other.disconnect());
    await other.publish(
      `${config.cache.redis?.prefix}invalidate`,
      JSON.stringify({ from: 'other', tags: ['article:2'] }),
    );
    await until(() => node.pages.get('/a') === undefined, 'the invalidation from another node arrives');
    expect(node.pages.get('/b')).toBeDefined();
  });
});

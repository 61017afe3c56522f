import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Context } from '../context.js';
import { exportStatic } from '../export/export.js';
import { staticServer } from '../export/static-server.js';
import { isOnionOrigin } from '../lib/address-rules.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { seedFixture } from '../test/fixtures.js';
import { fixedAddressBook } from './address-book.js';
import { checkMirrors, isDown, mirrorStatus, statusTable } from './check.js';
import { scheduledMirrorCheck } from './schedule.js';

/** A loopback port nobody listens on (opened, then closed). */
async function deadPort(): Promise<number> {
  // Below the kernel's ephemeral range (32768+ on Linux): a port `listen(0)` hands out may be
  // handed out again to another server of this run (that made a "dead" address answer once);
  // one picked here never is. Checked free by binding it once.
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const s = http.createServer();
    const free = await new Promise<boolean>((r) => {
      s.once('error', () => r(false));
      s.listen(port, '127.0.0.1', () => r(true));
    });
    if (free) {
      await new Promise((r) => s.close(r));
      return port;
    }
  }
  throw new Error('no free loopback port below the ephemeral range after 100 tries');
}

/** An address book that always holds these alternates (the checker's own configuration). */
const fixedBook = (alternates: string[]) =>
  fixedAddressBook({
    alternates,
    apps: [],
    editions: {},
    onion: alternates.find(isOnionOrigin) ?? null,
    source: 'settings',
    updatedAt: null,
  });

const urlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/**
 * Real servers on loopback ports play the addresses: the primary app, a second app over the
 * same database (an up-to-date mirror), a static export made before the newest story (stale),
 * and ports nobody listens on (unreachable).
 */
describe.each(testDialects())('mirrors check on %s', (dialect) => {
  let env: TestEnv;
  let mirrorApp: FastifyInstance;
  let stale: { origin: string; close(): Promise<void> };
  let checker: Context;
  let newestPath: string;
  let dead: string;
  let listedOnly: string;
  let envPrimary: string;
  const onion = 'http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';

  beforeAll(async () => {
    dead = `http://127.0.0.1:${await deadPort()}`;
    // The primary's own /mirrors.json names an address the checker's configuration lacks.
    listedOnly = `http://127.0.0.1:${await deadPort()}`;
    envPrimary = `http://127.0.0.1:${await deadPort()}`;
    // Every address here is on loopback, which the outbound guard refuses unless allowed.
    env = await testEnv(dialect, {
      SITE_URL: envPrimary,
      SITE_ALTERNATE_URLS: listedOnly,
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    });
    const fx = await seedFixture(env.ctx, env.dir);
    await fx.publish({ headline: 'Older story', slug: 'older-story' }, 5);
    const staticDir = path.join(env.dir, 'static');
    await exportStatic(env.ctx, env.app, staticDir);
    newestPath = (await fx.publish({ headline: 'Newest story', slug: 'newest-story' }, 1)).path!;
    stale = await staticServer(staticDir);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    mirrorApp = await buildApp(env.ctx);
    await mirrorApp.listen({ port: 0, host: '127.0.0.1' });
    checker = {
      ...env.ctx,
      config: { ...env.ctx.config, site: { ...env.ctx.config.site, url: urlOf(env.app) } },
      addresses: fixedBook([urlOf(mirrorApp), stale.origin, dead, onion]),
    };
  }, 60_000);
  afterAll(async () => {
    await stale?.close();
    if (mirrorApp?.server.listening) await mirrorApp.close();
    await env?.close();
  });

  it('reports reachable, stale, unreachable and skipped addresses with latency', async () => {
    const rows = await checkMirrors(checker, { timeoutMs: 5000 });
    const by = new Map(rows.map((r) => [r.url, r]));
    expect(by.get(urlOf(env.app))).toMatchObject({ primary: true, status: 'reachable' });
    expect(by.get(urlOf(mirrorApp))?.status).toBe('reachable');
    expect(by.get(stale.origin)).toMatchObject({ status: 'stale', detail: 'newest story missing' });
    expect(by.get(dead)?.status).toBe('unreachable');
    expect(by.get(onion)?.status).toBe('skipped');
    // Found through the primary's /mirrors.json, not the checker's configuration.
    // (The app's own configuration names a primary and an alternate that are both down.)
    expect(
      rows
        .filter((r) => r.status === 'unreachable')
        .map((r) => r.url)
        .sort(),
    ).toEqual([dead, listedOnly, envPrimary].sort());
    for (const r of rows.filter((x) => x.status === 'reachable' || x.status === 'stale')) {
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
      expect(r.lastSuccessAt ?? r.status).toBe(r.status === 'stale' ? 'stale' : r.checkedAt);
    }
    expect(isDown(rows)).toBe(true);
    const table = statusTable(rows).split('\n');
    expect(table[0]).toMatch(/^address\s+status\s+latency/);
    expect(table.find((l) => l.startsWith(stale.origin))).toMatch(/\bstale\b.*\d+ ms/);
    expect(table.find((l) => l.startsWith(dead))).toMatch(/\bunreachable\b/);
  });

  it('remembers results: the admin status and /mirrors.json show the last success', async () => {
    const status = await mirrorStatus(
      checker.db,
      checker.config.site.url,
      checker.addresses.current().alternates,
    );
    const mirror = status.find((r) => r.url === urlOf(mirrorApp))!;
    expect(mirror.lastSuccessAt).not.toBeNull();
    expect(mirror.newestPath).toBe(newestPath);
    expect(status.find((r) => r.url === dead)?.lastSuccessAt).toBeNull();
    // A mirror that goes down keeps its last success time.
    await mirrorApp.close();
    const again = await checkMirrors(checker, { timeoutMs: 5000 });
    const down = again.find((r) => r.url === mirror.url)!;
    expect(down.status).toBe('unreachable');
    expect(down.lastSuccessAt).toBe(mirror.lastSuccessAt);
  });

  it('is not down when every checked address answers', async () => {
    const healthy = { ...checker, addresses: fixedBook([stale.origin]) };
    // The primary's /mirrors.json still lists an unreachable address: that one counts.
    const rows = await checkMirrors(healthy, { timeoutMs: 5000 });
    expect(isDown(rows)).toBe(true);
    expect(isDown(rows.filter((r) => r.url === healthy.config.site.url || r.url === stale.origin))).toBe(
      false,
    );
  });

  it('checks on its own every MIRROR_CHECK_MINUTES, one node at a time', async () => {
    const t0 = new Date('2031-01-01T10:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    // Each call is a node of its own (a context of its own) on the shared database.
    const node = (now: Date, minutes = 1): Context => ({
      ...checker,
      config: { ...checker.config, mirrorCheckMinutes: minutes },
      now: () => now,
    });
    // The first start only schedules: no requests the moment a server starts.
    expect(await scheduledMirrorCheck(node(t0))).toBeNull();
    expect(await scheduledMirrorCheck(node(at(59_999)))).toBeNull();
    // Due: of two nodes asking at the same moment, exactly one checks.
    const both = await Promise.all([
      scheduledMirrorCheck(node(at(60_000))),
      scheduledMirrorCheck(node(at(60_000))),
    ]);
    const rows = both.filter((r) => r !== null);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.find((r) => r.url === urlOf(env.app))?.checkedAt).toBe(at(60_000).toISOString());
    expect(await scheduledMirrorCheck(node(at(61_000)))).toBeNull();
    // A node whose clock is a little behind does not check again.
    expect(await scheduledMirrorCheck(node(at(59_000)))).toBeNull();
    // 0 turns it off, due or not.
    expect(await scheduledMirrorCheck(node(at(130_000), 0))).toBeNull();
    // A longer interval, then a shorter one: the far due time counts as due at once.
    expect(await scheduledMirrorCheck(node(at(130_000), 60))).not.toBeNull();
    expect(await scheduledMirrorCheck(node(at(140_000), 60))).toBeNull();
    expect(await scheduledMirrorCheck(node(at(150_000), 1))).not.toBeNull();
  });
});

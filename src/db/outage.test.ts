/**
 * PostgreSQL going away under load: every connection of the site's database is terminated
 * (`pg_terminate_backend`, as a crash or failover does) while requests run, one of them inside a
 * transaction that holds its connection. The process must not die of the pooled client's
 * `error` event, the requests in flight must be answered, and the next ones must succeed.
 * Then the server itself goes away for a while (connections cut, new ones refused) and returns.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { createPgDatabase, pgAdminUrl, testDialects } from '../test/databases.js';
import { seedFixture } from '../test/fixtures.js';
import { tcpRelay } from '../test/tcp-relay.js';
import { isDatabaseUnavailable } from './index.js';

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL connections cut while requests run', () => {
  let env: TestEnv;
  let editor: Session;
  let sectionId: number;
  let admin: pg.Client;
  let dbName: string;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    env = await testEnv('postgres');
    const fx = await seedFixture(env.ctx, env.dir);
    sectionId = fx.sections.news;
    await fx.publish({ headline: 'A story readers ask for' });
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
    admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    const cfg = env.ctx.config.database;
    dbName = cfg.kind === 'postgres' ? new URL(cfg.url).pathname.slice(1) : '';
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await admin?.end();
    await env?.close();
  });

  const terminateAll = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
    return rows.map((r) => r.pid);
  };
  const gone = async (pids: number[], deadline = Date.now() + 10_000) => {
    while (Date.now() < deadline) {
      const { rows } = await admin.query('select 1 from pg_stat_activity where pid = any($1)', [pids]);
      if (rows.length === 0) return;
    }
    throw new Error(`backends ${pids.join(',')} still alive after 10 s`);
  };

  const traffic = () => [
    ...Array.from({ length: 6 }, (_, i) =>
      call(env.app, editor, 'POST', '/articles', {
        headline: `Written during the cut ${i}`,
        body: doc('Words.'),
        sectionId,
      }),
    ),
    ...Array.from({ length: 6 }, () => call(env.app, editor, 'GET', '/articles')),
    ...Array.from({ length: 4 }, () => env.app.inject({ method: 'GET', url: '/api/content/v1/articles' })),
  ];

  it('survives, answers the requests in flight, and serves the next ones', async () => {
    // A transaction holding its connection while the server cuts it: the client is checked out,
    // so only a listener on the client itself (not the pool's idle one) can take the error.
    const held = env.ctx.db
      .transaction()
      .execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        const inFlight = Promise.all(traffic());
        const killed = await terminateAll();
        expect(killed).toContain(rows[0]?.pid);
        await gone(killed);
        await inFlight;
        await sql`select 1`.execute(tx);
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    const err = await held;
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(true);

    // Several more cuts while requests keep coming.
    for (let round = 0; round < 5; round++) {
      const inFlight = Promise.all(traffic());
      await gone(await terminateAll());
      const answers = await inFlight;
      for (const res of answers) expect([200, 201, 500, 503]).toContain(res.statusCode);
    }

    // The database is back (it never left; its connections did): everything works again. The
    // backends are gone from pg_stat_activity, but an idle pool client may not yet have read its
    // FATAL message off its socket (it sits in the kernel's buffer until the event loop polls):
    // let the loop turn so the pool drops those clients, as it would between real requests.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const after = await Promise.all(traffic());
    expect(after.map((r) => r.statusCode).sort()).toEqual(
      [...Array(10).fill(200), ...Array(6).fill(201)].sort(),
    );
    expect(uncaught).toEqual([]);
  });
});

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL away for a while, then back', () => {
  it('answers quickly while it is away and serves again once it is back', async () => {
    const cleanups: (() => unknown)[] = [];
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    cleanups.push(() => process.off('uncaughtException', onUncaught));
    try {
      const pgDb = await createPgDatabase();
      cleanups.push(() => pgDb.drop());
      const target = new URL(pgDb.url);
      const relay = await tcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => relay.close());
      const url = new URL(target);
      url.port = String(relay.port);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-outage-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      const ctx = await createContext(
        loadConfig({
          MASTHEAD_DATA_DIR: dir,
          SITE_URL: 'https://news.example.com',
          LOG_LEVEL: 'silent',
          DATABASE_URL: url.toString(),
          DATABASE_CONNECT_TIMEOUT_MS: '1000',
        }),
      );
      const app = await buildApp(ctx);
      cleanups.push(async () => {
        await app.close();
        await ctx.close();
      });
      await seedFixture(ctx, dir);
      await createRoleUsers(ctx);
      const editor = await signIn(app, 'editor@example.com');
      const requests = () =>
        Promise.all([
          call(app, editor, 'GET', '/articles'),
          call(app, editor, 'GET', '/sections'),
          app.inject({ method: 'GET', url: '/api/content/v1/articles' }),
        ]);
      expect((await requests()).map((r) => r.statusCode)).toEqual([200, 200, 200]);

      const inFlight = requests();
      await relay.down();
      const started = Date.now();
      await inFlight;
      const during = await requests();
      expect(Date.now() - started).toBeLessThan(5_000);
      for (const res of during) expect(res.statusCode).toBeGreaterThanOrEqual(500);

      await relay.up();
      expect((await requests()).map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(uncaught).toEqual([]);
    } finally {
      for (const c of cleanups.reverse()) await c();
    }
  });
});

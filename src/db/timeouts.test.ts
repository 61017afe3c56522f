/**
 * A database that is frozen or gone fails a query in seconds, with an error that
 * `isDatabaseUnavailable` recognises (the app answers those with 503), instead of hanging the
 * request for as long as the server stays frozen.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { pgAdminUrl, testDialects } from '../test/databases.js';
import { tcpRelay as relay } from '../test/tcp-relay.js';
import { type DbHandle, isDatabaseUnavailable, openDatabase } from './index.js';

const withPg = testDialects().includes('postgres');

/** How long `promise` takes to settle, and its error; fails the test past `boundMs`. */
async function timeToFail(promise: Promise<unknown>, boundMs = 8_000): Promise<{ ms: number; err: unknown }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${boundMs} ms`)), boundMs);
  });
  try {
    await Promise.race([promise, bound]);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('still waiting')) throw err;
    return { ms: Date.now() - started, err };
  } finally {
    clearTimeout(timer);
  }
  throw new Error('the query succeeded');
}

describe('database timeouts', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const open = (url: string, connectTimeoutMs: number, statementTimeoutMs: number): DbHandle => {
    const handle = openDatabase({ kind: 'postgres', url, connectTimeoutMs, statementTimeoutMs });
    cleanups.push(() => handle.destroy());
    return handle;
  };

  it('reads both timeouts from the environment, with defaults of seconds', () => {
    const base = { MASTHEAD_DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@127.0.0.1/db' };
    expect(loadConfig(base).database).toMatchObject({ connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
    expect(
      loadConfig({ ...base, DATABASE_CONNECT_TIMEOUT_MS: '1500', DATABASE_STATEMENT_TIMEOUT_MS: '0' })
        .database,
    ).toMatchObject({ connectTimeoutMs: 1_500, statementTimeoutMs: 0 });
    expect(() => loadConfig({ ...base, DATABASE_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });

  it('a server that accepts connections but never answers fails the query within the connect timeout', async () => {
    const silent = await relay();
    cleanups.push(() => silent.close());
    const { db } = open(`postgres://masthead@127.0.0.1:${silent.port}/masthead`, 300, 1_000);
    const { ms, err } = await timeToFail(sql`select 1`.execute(db));
    expect(ms).toBeLessThan(2_000);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('a server that is not there is refused at once', async () => {
    const gone = await relay();
    await gone.close(); // the port is free again: nothing listens on it
    const { db } = open(`postgres://masthead@127.0.0.1:${gone.port}/masthead`, 300, 1_000);
    const { ms, err } = await timeToFail(sql`select 1`.execute(db));
    expect(ms).toBeLessThan(2_000);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.skipIf(!withPg)(
    'a statement running past the statement timeout is cancelled by the server',
    async () => {
      const { db } = open(pgAdminUrl as string, 1_000, 300);
      const { ms, err } = await timeToFail(sql`select pg_sleep(5)`.execute(db));
      expect(ms).toBeLessThan(2_000);
      expect((err as { code?: string }).code).toBe('57014');
      expect(isDatabaseUnavailable(err)).toBe(true);
      // The connection is fine afterwards.
      expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
    },
  );

  it.skipIf(!withPg)(
    'a server that freezes mid-query fails it in seconds, and the next query works once it thaws',
    async () => {
      const target = new URL(pgAdminUrl as string);
      const proxy = await relay({ host: target.hostname, port: Number(target.port || 5432) });
      cleanups.push(() => proxy.close());
      const url = new URL(target);
      url.port = String(proxy.port);
      const { db } = open(url.toString(), 500, 300);
      expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
      proxy.freeze();
      const { ms, err } = await timeToFail(sql`select 2`.execute(db));
      // The statement timeout (300 ms) cannot fire on a frozen server: the client's own does.
      expect(ms).toBeLessThan(3_000);
      expect(isDatabaseUnavailable(err)).toBe(true);
      proxy.thaw();
      // The stalled connection was dropped, not handed out again with its answer still pending.
      expect((await sql<{ n: number }>`select 3 as n`.execute(db)).rows).toEqual([{ n: 3 }]);
    },
  );
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('recognises an unreachable, cut, frozen or busy database', () => {
    for (const err of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5499'),
      withCode('ECONNRESET'),
      withCode('ETIMEDOUT'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('57014', 'canceling statement due to statement timeout'),
      withCode('08006', 'connection failure'),
      withCode('53300', 'sorry, too many clients already'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('SQLITE_BUSY', 'database is locked'),
      new Error('wrapped', { cause: withCode('ECONNREFUSED') }),
    ]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    }
  });

  it('leaves alone errors of the query or the data', () => {
    for (const err of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42601', 'syntax error at or near "selec"'),
      withCode('22P02', 'invalid input syntax for type integer'),
      withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: tags.slug'),
      withCode('ENOSPC', 'no space left on device'),
      new Error('no result'),
      new TypeError('x is undefined'),
      null,
      undefined,
      'ECONNREFUSED',
    ]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    }
  });
});

import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import {
  type ColumnDefinitionBuilder,
  Kysely,
  type Kysely as KyselyT,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
import type PgModule from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';
import { openSqlite, SQLITE_SYNC } from './sqlite.js';

/**
 * The one place where SQLite and PostgreSQL differ. Everything else writes portable Kysely
 * queries; anything dialect-specific is a capability here (the Kysely adapter pattern).
 */
export type DialectName = 'sqlite' | 'postgres';

/**
 * What a database can do, named by capability (Kysely's `DialectAdapter`: `supportsReturning`,
 * not `isPostgres`). Callers outside db/ ask for a capability; `name` is for messages only.
 */
export interface Dialect {
  /** For logs and messages; never branch on it outside db/adapter.ts. */
  name: DialectName;
  /** Column type of timestamps: ISO text on SQLite, timestamptz on PostgreSQL. */
  timestampType: 'text' | 'timestamptz';
  /** Operator for case-insensitive pattern match. */
  ilike: 'like' | 'ilike';
  /**
   * `SELECT … FOR UPDATE` exists and is needed: PostgreSQL runs writers side by side, so a
   * read-check-write must lock what it read. SQLite has no row locks and needs none: one
   * writer at a time, and a transaction that read stale rows cannot commit a write.
   */
  rowLocks: boolean;
  /**
   * How full-text search is stored: an FTS5 virtual table beside `search_documents` (SQLite), or
   * a weighted `tsvector` column on it with a GIN index (PostgreSQL). search/ picks its engine by it.
   */
  fullText: 'fts5' | 'tsvector';
  /** Column type of a floating-point number (8 bytes on both; the names differ). */
  floatType: 'real' | 'double precision';
  /** Makes an integer column the table's generated primary key (identity or autoincrement). */
  generatedId(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

const dialects: Record<DialectName, Dialect> = {
  sqlite: {
    name: 'sqlite',
    timestampType: 'text',
    ilike: 'like',
    rowLocks: false,
    fullText: 'fts5',
    floatType: 'real',
    generatedId: (c) => c.primaryKey().autoIncrement(),
  },
  postgres: {
    name: 'postgres',
    timestampType: 'timestamptz',
    ilike: 'ilike',
    rowLocks: true,
    fullText: 'tsvector',
    floatType: 'double precision',
    generatedId: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  },
};

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  destroy(): Promise<void>;
}

/** Which dialect a Kysely instance speaks (migrations receive a bare `Kysely<any>`). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design
export function dialectOf(db: KyselyT<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? dialects.postgres : dialects.sqlite;
}

let pgModule: typeof PgModule | null = null;

/**
 * The PostgreSQL driver, loaded only by a site that uses it: a newsroom on SQLite (and every
 * static export from one) does without its code in memory. The first load sets the type parsers
 * once: PostgreSQL hands back the same shapes as SQLite, ISO strings for times, numbers for counts.
 */
function loadPg(): typeof PgModule {
  if (pgModule) return pgModule;
  const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
  pgModule = pg;
  const toIso = (v: string) => new Date(v).toISOString();
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, toIso);
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  return pg;
}

// How much longer than the server's statement timeout the client waits before it gives up on
// the server itself: the server's own cancel normally arrives first.
const CLIENT_TIMEOUT_MARGIN_MS = 1000;

/**
 * pg's `query_timeout` rejects the query but keeps the connection, whose answer may still come
 * (or never, from a frozen server); the pool would hand it out again with that query still
 * pending. A connection whose query timed out is closed instead, so the pool replaces it.
 */
function clientDroppingStalledConnections(pg: typeof PgModule): typeof PgModule.Client {
  return class extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: passes pg's many query overloads through unchanged
    override query(...args: any[]): any {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      const result = (super.query as (...a: any[]) => any)(...args);
      if (result instanceof Promise) {
        result.catch((err: unknown) => {
          // end() marks the client at once (the pool then discards it on release, which comes
          // after this handler) and cuts the socket since a query is still pending on it.
          if (err instanceof Error && err.message === 'Query read timeout') this.end().catch(() => {});
        });
      }
      return result;
    }
  };
}

export function openDatabase(database: Config['database']): DbHandle {
  if (database.kind === 'postgres') {
    const pg = loadPg();
    const statementMs = database.statementTimeoutMs ?? 0;
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      // Opening a connection, or waiting for a free one, gives up instead of hanging on a
      // server that accepts TCP but never answers.
      connectionTimeoutMillis: database.connectTimeoutMs ?? 0,
      // The server cancels a statement that runs too long; a frozen server cancels nothing, so
      // the client also stops waiting a little later (and drops the connection, see below).
      ...(statementMs > 0
        ? { statement_timeout: statementMs, query_timeout: statementMs + CLIENT_TIMEOUT_MARGIN_MS }
        : {}),
      Client: clientDroppingStalledConnections(pg),
    });
    // A connection can be cut by the server (restart, failover, admin) while idle in the pool or
    // while a request holds it (mid-transaction). Either way pg emits `error` on the client, and
    // an `error` nobody listens to is an uncaught exception that kills the process. The pool
    // listens only while a client is idle, so every client gets its own listener for its whole
    // life. The query that was running fails on its own; the pool drops the dead client on
    // release and opens a new one on next use, so logging is all there is to do.
    pool.on('connect', (client) => {
      client.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    });
    // The pool re-emits an idle client's error here; the client's own listener has logged it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: dialects.postgres, destroy: () => db.destroy() };
  }
  const db = openSqlite(database.file);
  return { db, dialect: dialects.sqlite, destroy: () => db.destroy() };
}

/**
 * Runs a write whose last few changes may be lost in a power cut without harm — counters such
 * as the Content API's rate windows, written on every request — without waiting for the disk.
 * Syncing each of those commits was the largest part of a Content API request on SQLite
 * (docs/benchmarks.md, "Figures that were in code comments"). SQLite: the commit skips the WAL sync (`synchronous = OFF` on the connection for
 * this write only; Kysely gives the one connection to one caller at a time, so no newsroom write
 * runs meanwhile). PostgreSQL: `synchronous_commit = off` for this transaction. The write is
 * still atomic and survives the process crashing; only an OS crash or power cut can lose it.
 * Inside a caller's transaction it simply joins it (and syncs with it). `fn` must use the `db`
 * it is given: on SQLite the outer one waits for this very connection.
 */
export async function withoutDiskSync<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  if (dialectOf(db).name === 'postgres') {
    return db.transaction().execute(async (tx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(tx);
      return fn(tx);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql.raw('PRAGMA synchronous = OFF').execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql.raw(`PRAGMA synchronous = ${SQLITE_SYNC}`).execute(conn);
    }
  });
}

/**
 * Run `fn` in a transaction, or inside the caller's when `db` already is one, so commands
 * compose (the demo seed creates many articles in one transaction).
 */
export async function inTransaction<T>(db: Db, fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  const hooks: (() => void)[] = [];
  const result = await db.transaction().execute((tx) => {
    afterCommit.set(tx, hooks);
    return fn(tx);
  });
  for (const hook of hooks) hook();
  return result;
}

const LATE_COMMIT_MS = 2000;
const afterCommit = new WeakMap<Transaction<Database>, (() => void)[]>();

/**
 * Runs `hook` once the caller's write is durable: after the commit of the transaction `db` is,
 * or at once when `db` is not a transaction (the write is already committed). Cache
 * invalidation waits for the commit, so no reader can re-cache the old story in between.
 * Nothing runs when the transaction rolls back.
 */
export function onCommit(db: Db, hook: () => void): void {
  if (!db.isTransaction) {
    hook();
    return;
  }
  const hooks = afterCommit.get(db as Transaction<Database>);
  if (hooks) {
    hooks.push(hook);
    return;
  }
  // A transaction opened with db.transaction() directly (an integration's own code) cannot
  // tell us when it commits: run now, and again once it has surely ended, so a page cached
  // from the old rows in between is dropped too. Masthead's own writes use inTransaction.
  hook();
  setTimeout(hook, LATE_COMMIT_MS).unref();
}

/**
 * Runs `fn` over one consistent, read-only view of the whole database while the server keeps
 * writing (`masthead backup`). SQLite: the online backup API copies the database, WAL included,
 * into `scratchFile` (a plain file copy would miss commits still in the WAL), and `fn` reads that
 * copy. PostgreSQL: one REPEATABLE READ, READ ONLY transaction, whose every statement sees the
 * same snapshot, on a connection of its own without the request statement timeout.
 */
export async function withSnapshot<T>(
  database: Config['database'],
  scratchFile: string,
  fn: (db: Db, dialect: Dialect) => Promise<T>,
): Promise<T> {
  if (database.kind === 'postgres') {
    const handle = openDatabase({ ...database, statementTimeoutMs: 0 });
    try {
      return await handle.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((tx) => fn(tx, dialects.postgres));
    } finally {
      await handle.destroy();
    }
  }
  const source = new SQLite(database.file, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    // After the first step, the rest in one step: a write by another connection between steps
    // restarts the copy, so many small steps under a busy newsroom could restart for ever.
    await source.backup(scratchFile, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    source.close();
  }
  const copy = new SQLite(scratchFile, { readonly: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    return await fn(db, dialects.sqlite);
  } finally {
    await db.destroy();
  }
}

/** The sequence behind a table's generated `id` (PostgreSQL), quoted, or null. */
async function idSequence(db: Db, table: string): Promise<string | null> {
  const { rows } = await sql<{
    seq: string | null;
  }>`SELECT pg_get_serial_sequence(${table}, 'id') AS seq`.execute(db);
  return rows[0]?.seq ?? null;
}

/**
 * The highest `id` a table has ever handed out (deleted rows included), so a restored newsroom
 * never gives a purged story's id to a new one. 0 when none was ever handed out.
 */
export async function generatedIdHighWater(db: Db, table: string): Promise<number> {
  if (dialectOf(db).name === 'postgres') {
    const seq = await idSequence(db, table);
    if (!seq) return 0;
    const { rows } = await sql<{
      last_value: number;
      is_called: boolean;
    }>`SELECT last_value, is_called FROM ${sql.raw(seq)}`.execute(db);
    return rows[0]?.is_called ? Number(rows[0].last_value) : 0;
  }
  const { rows } = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(
    db,
  );
  return Number(rows[0]?.seq ?? 0);
}

/**
 * After rows were inserted with their own ids (`masthead restore`): the next generated id is
 * above both `highWater` and every id present. SQLite's AUTOINCREMENT already moved past the
 * inserted ids; PostgreSQL's identity sequence did not and must be set.
 */
export async function setGeneratedIdHighWater(db: Db, table: string, highWater: number): Promise<void> {
  const { rows } = await sql<{ n: number | null }>`SELECT MAX(id) AS n FROM ${sql.table(table)}`.execute(db);
  const top = Math.max(highWater, Number(rows[0]?.n ?? 0));
  if (top < 1) return;
  if (dialectOf(db).name === 'postgres') {
    const seq = await idSequence(db, table);
    if (seq) await sql`SELECT setval(${seq}::regclass, ${top}, true)`.execute(db);
    return;
  }
  const updated = await sql`UPDATE sqlite_sequence SET seq = MAX(seq, ${top}) WHERE name = ${table}`.execute(
    db,
  );
  if (!updated.numAffectedRows) {
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${top})`.execute(db);
  }
}

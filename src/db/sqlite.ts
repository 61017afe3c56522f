import SQLite from 'better-sqlite3';
import { Kysely, type LimitNode, SqliteDialect, SqliteQueryCompiler, ValueNode } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from './schema.js';

/**
 * SQLite's side of the database layer: how the app's connection is opened and tuned, and the
 * statement machinery that makes the pages' few hot reads cheap (kept statements, rows named in
 * JS, literal LIMITs, reads that skip Kysely's executor). adapter.ts picks this or PostgreSQL.
 */

/** The connection's usual `synchronous` setting (withoutDiskSync lowers it for one write). */
export const SQLITE_SYNC = 'FULL';
const SQLITE_CACHE_KB = 4096;

/** Opens the newsroom's SQLite database file for the app, with its kept statements. */
export function openSqlite(file: string): Kysely<Database> {
  const sqlite = new SQLite(file);
  // WAL lets readers run while a write commits. synchronous=FULL syncs the WAL on every
  // commit, so an acknowledged save survives even a power cut; newsroom writes are rare.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${SQLITE_SYNC}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's own page cache at 4 MB (better-sqlite3 builds it with 16 MB): pages it does not
  // hold come from the OS's file cache, which is not the process's memory. Under a crawl of
  // 100,000 stories the 16 MB filled and stayed in RSS, while 4 MB cost no CPU that could be
  // measured (docs/benchmarks.md, "2026-12-07, afternoon: memory").
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KB}`);
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteWithLiteralLimits({ database: statements }) });
  directReads.set(db, (query, parameters) => {
    // Someone's transaction is open on the one connection: their uncommitted rows must not be
    // read, so the read waits for the connection in Kysely's executor like any other.
    if (sqlite.inTransaction) return undefined;
    const stmt = statements.prepare(query);
    return stmt.reader ? stmt.all(parameters as unknown[]) : undefined;
  });
  return db;
}

/**
 * A read run at once on a SQLite database's connection, bypassing Kysely's executor; undefined
 * when it cannot be (not SQLite's own handle, a transaction's, or a transaction is open).
 */
type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;
const directReads = new WeakMap<Kysely<Database>, DirectRead>();

/**
 * The direct read of `db`, if it has one: only the handle openDatabase made for SQLite (never a
 * transaction or a single connection taken from it, which are other instances). better-sqlite3
 * runs a statement synchronously, so a read made while no transaction is open sees exactly what
 * it would see through the executor, which would only have taken the connection's lock, run the
 * same prepared statement and let go, in a few promises (a tenth of a story page's statements'
 * cost, docs/benchmarks.md). Used by compiledQuery.
 */
export function directRead(db: Kysely<Database>): DirectRead | undefined {
  return directReads.get(db);
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs about as much as running a small
 * query. Pages issue the same few statements over and over, so prepared statements are kept,
 * bounded, the least recently used dropped first: every whole-number LIMIT is written into its
 * statement's text (SqliteWithLiteralLimits), so requests walking through the Content API's or
 * the newsroom's `?limit=` values make a new statement each, and those must not push out the
 * pages' hot ones. The LRU is the page cache's (lru-cache). better-sqlite3 runs statements
 * synchronously, so sharing one between requests is safe.
 */
export function withStatementCache(sqlite: SQLite.Database, limit = 500) {
  const cache = new LRUCache<string, KeptStatement>({ max: limit });
  return {
    close: () => sqlite.close(),
    prepare(sql: string): KeptStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = new KeptStatement(sqlite.prepare(sql));
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * A kept statement as Kysely's SQLite driver uses it (`reader`, `all`, `run`, `iterate`), whose
 * `all` reads rows as arrays and names their columns here: better-sqlite3 makes each row object
 * in C++, looking every column's name up anew, which was most of what reading a story's row cost
 * (docs/benchmarks.md, issue #18). The objects are the same: each column in order, a later
 * column of the same name overwriting an earlier one's value.
 */
class KeptStatement {
  private names: string[] | null = null;
  constructor(private readonly stmt: SQLite.Statement) {}

  get reader(): boolean {
    return this.stmt.reader;
  }

  all(parameters: readonly unknown[]): unknown[] {
    if (!this.stmt.reader) return this.stmt.all(parameters);
    const rows = this.stmt.raw(true).all(parameters) as unknown[][];
    let names = this.names;
    // Named once; again if the schema changed under the statement (SQLite re-prepares it).
    if (names === null || (rows.length > 0 && rows[0]?.length !== names.length)) {
      names = this.stmt.columns().map((c) => c.name);
      this.names = names;
    }
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as unknown[];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) o[names[i] as string] = row[i];
      out[r] = o;
    }
    return out;
  }

  run(parameters: readonly unknown[]): SQLite.RunResult {
    return this.stmt.run(parameters);
  }

  iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    return this.stmt.raw(false).iterate(parameters);
  }
}

/**
 * SQLite with every whole-number LIMIT written into the statement's text (`limit 1`, not
 * `limit ?`). SQLite (3.53 here) looks at a LIMIT's bound value while planning and marks the
 * statement to be prepared again whenever that parameter is bound, so a kept statement with a
 * bound LIMIT was compiled anew on every run: the story's row by path took ~50–70 µs instead of
 * ~20 (docs/benchmarks.md, issue #18). OFFSET has no such cost and stays bound, so a list's pages
 * share one statement. A LIMIT given to compiledQuery as an argument also stays bound.
 */
class SqliteWithLiteralLimits extends SqliteDialect {
  override createQueryCompiler() {
    return new LiteralLimitCompiler();
  }
}

class LiteralLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const limit = node.limit;
    if (ValueNode.is(limit) && Number.isSafeInteger(limit.value)) {
      this.append(`limit ${limit.value as number}`);
      return;
    }
    super.visitLimit(node);
  }
}

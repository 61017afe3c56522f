import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: on PostgreSQL, keep each story's tsvector in the `search_documents` row itself
 * (storage MAIN) instead of out of line in TOAST. A quoted phrase is answered by GIN with
 * every story holding all its words, and each of those is rechecked for word order: from
 * TOAST that costs four or five buffer reads per story (index and chunks; tsvectors do not
 * compress), inline one. Measured on 31,700 candidates: 155 ms → 51 ms (docs/search.md).
 * Rows too wide for a page still go out of line, as PostgreSQL's last resort.
 *
 * Storage only governs rows as they are written, so the table is rewritten once in the same
 * statement (a type change to itself with `USING tsv || ''` forces PostgreSQL to copy every
 * row and rebuild the indexes, like VACUUM FULL but inside the migration's transaction, and
 * without leaving a dead copy of each row behind). It holds an exclusive lock on
 * `search_documents` while it runs: 46 s at 200,000 stories on the 2-core benchmark machine.
 * SQLite needs nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  // The type change resets the column's storage; SET STORAGE comes after it in the same
  // statement, and the rewrite happens once both are in place.
  await sql`ALTER TABLE search_documents ALTER COLUMN tsv TYPE tsvector USING tsv || ''::tsvector,
    ALTER COLUMN tsv SET STORAGE MAIN`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  await sql`ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE EXTENDED`.execute(db);
}

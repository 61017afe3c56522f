import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: on SQLite, `search_fts_vocab`, a read-only fts5vocab view of the terms in
 * `search_fts` with their document counts. Search uses it to expand a typed prefix into the
 * most frequent words that start with it when FTS5's own prefix matching cannot be used
 * (docs/search.md). It stores nothing. PostgreSQL needs nothing here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  if (dialectOf(db).name !== 'sqlite') return;
  await sql`CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db).name !== 'sqlite') return;
  await sql`DROP TABLE IF EXISTS search_fts_vocab`.execute(db);
}

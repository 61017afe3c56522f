import { type Kysely, sql } from 'kysely';

/**
 * Frozen: the language each search entry was analysed in (src/search/language.ts), so a search
 * looks in one language with that language's stemming, and a search in all of them asks each
 * language with its own analysis of the query.
 *
 * Every existing entry was indexed the English way (porter on SQLite, `english` on
 * PostgreSQL), so it is marked `en`, which is true of how its text was stemmed whatever the
 * site's language: searches keep finding what they found. `masthead search reindex` analyses
 * every story again in its own language (docs/search.md, "Languages"). Adding a column with a
 * constant default rewrites nothing on either database.
 *
 * The index on `language` lets a search in every language list the languages present by
 * skipping through the index, one probe per language.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('search_documents')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema
    .createIndex('search_documents_language')
    .on('search_documents')
    .column('language')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('search_documents_language').ifExists().execute();
  await sql`ALTER TABLE search_documents DROP COLUMN language`.execute(db);
}

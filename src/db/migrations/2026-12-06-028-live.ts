import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: live coverage of a story (src/live). A story has at most one coverage row; its entries
 * are written by several reporters at once, each insert its own row (no lock on the story), and
 * every edit, pin, key-point toggle or deletion bumps the entry's version and keeps the state it
 * left in live_entry_revisions. A deleted entry keeps its row (deleted_at): its permalink answers
 * 410 and the history stays on record.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('live_coverage')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('live','ended')`))
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('ended_at', ts)
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema
    .createTable('live_entries')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text','image','video','quote')`))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('key_point', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .addColumn('deleted_by', 'text')
    .execute();
  // A story's timeline, newest first.
  await db.schema
    .createIndex('live_entries_article')
    .on('live_entries')
    .columns(['article_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createTable('live_entry_revisions')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('live_entries.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('key_point', 'integer', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('saved_at', ts, (c) => c.notNull())
    .addColumn('saved_by', 'text')
    .execute();
  await db.schema
    .createIndex('live_entry_revisions_entry')
    .on('live_entry_revisions')
    .columns(['entry_id', 'version'])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('live_entry_revisions').execute();
  await db.schema.dropTable('live_entries').execute();
  await db.schema.dropTable('live_coverage').execute();
}

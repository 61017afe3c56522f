import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: wire ingest (src/ingest). `ingest_sources` are the agencies a newsroom takes copy from
 * (a signing secret for HTTP push, a drop folder to poll); `ingest_items` is the queue — every
 * version of every item that arrived, and every file or push that was refused (quarantined, with
 * the reason); `ingest_uses` links a story to the item it was built from, so an agency's update
 * or kill reaches the story. Notes from the wire desk carry a name of their own
 * (`article_notes.author_label`), not a user's.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('ingest_sources')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // The HMAC key of pushes, kept as webhook secrets are (the check needs the key itself).
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('drop_dir', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ingest_items')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('ingest_sources.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued','quarantined')`))
    .addColumn('reason', 'text')
    .addColumn('format', 'text')
    .addColumn('guid', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 for the newest version of its guid (the queue lists those); older versions stay on record.
    .addColumn('latest', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('pub_status', 'text')
    .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text')
    .addColumn('byline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rights', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('priority', 'integer')
    // Subject codes between spaces (" medtop:20000106 subj:04000000 "): a code matches as a word.
    .addColumn('subjects', 'text', (c) => c.notNull().defaultTo(' '))
    .addColumn('subject_names', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text')
    .addColumn('embargo_until', ts)
    .addColumn('first_created', ts)
    .addColumn('version_created', ts)
    // Headline, dek, body text and byline in one column for the desk's text filter.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('push_id', 'text')
    .addColumn('file_name', 'text')
    // The start of what arrived (at most 64 KiB), for whoever looks into a quarantined item.
    .addColumn('raw', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', ts, (c) => c.notNull())
    .execute();
  // Idempotence: one row per (source, guid, version). A push id seen before is a replay (refused).
  await db.schema
    .createIndex('ingest_items_version')
    .on('ingest_items')
    .columns(['source_id', 'guid', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('ingest_items_push')
    .on('ingest_items')
    .columns(['source_id', 'push_id'])
    .execute();
  // The queue's pages: newest arrival (id) first among the listed rows.
  await db.schema
    .createIndex('ingest_items_queue')
    .on('ingest_items')
    .columns(['state', 'latest', 'id'])
    .execute();

  await db.schema
    .createTable('ingest_uses')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('ingest_items.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rights', 'text', (c) => c.notNull())
    .addColumn('embargo_until', ts)
    .addColumn('used_by', 'integer')
    .addColumn('used_at', ts, (c) => c.notNull())
    // What the agency said since: 'update' (a newer version) or 'kill'; null while nothing.
    .addColumn('flag', 'text', (c) => c.check(sql`flag in ('update','kill')`))
    .addColumn('flag_item_id', 'integer')
    .addColumn('flagged_at', ts)
    .execute();
  await db.schema.createIndex('ingest_uses_guid').on('ingest_uses').columns(['source_id', 'guid']).execute();

  await db.schema.alterTable('article_notes').addColumn('author_label', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('article_notes').dropColumn('author_label').execute();
  await db.schema.dropTable('ingest_uses').execute();
  await db.schema.dropTable('ingest_items').execute();
  await db.schema.dropTable('ingest_sources').execute();
}

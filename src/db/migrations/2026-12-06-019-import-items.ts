import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: what an archive import (src/import) made of each thing it read — a WordPress post,
 * page, attachment, category, tag or author → the id of the article, media item, section, tag
 * or byline. It makes an import idempotent and resumable (a mapped item is skipped), and it
 * answers the old `?p=ID` addresses (content/queries.ts importedPostPath). No foreign key: the
 * target's table depends on `kind`, and a purged story simply stops answering.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .createTable('import_items')
    // The source site, e.g. "wordpress:https://old.example.com".
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', d.timestampType, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_items_pk', ['source', 'kind', 'source_id'])
    .execute();
  await db.schema.createIndex('import_items_source_id').on('import_items').columns(['source_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_items').execute();
}

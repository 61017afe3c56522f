import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: the media library keeps the name a file had on the uploader's computer (searched with
 * alt text, caption and credit; '' for images kept before), and when an image was taken down
 * (no longer served to readers, left out of every page; null: not taken down). The time has the
 * timestamp type of every other time column on that database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('media').addColumn('taken_down_at', dialectOf(db).timestampType).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('media').dropColumn('taken_down_at').execute();
  await db.schema.alterTable('media').dropColumn('original_name').execute();
}

import type { Kysely } from 'kysely';

/**
 * Frozen: who uploaded each image (src/media). Contributors — stringers who file pictures —
 * may upload and describe their own images; the column says which are theirs. Null for images
 * kept before it was recorded and for those the system added (the demo, imports). No foreign
 * key: a deleted account leaves its pictures in the library.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('media').dropColumn('uploaded_by').execute();
}

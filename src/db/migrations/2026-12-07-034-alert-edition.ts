import type { Kysely } from 'kysely';

/**
 * Frozen: a breaking-news alert may belong to one edition (src/editions): its banner shows on
 * that edition's pages only, in its words. NULL: every edition's pages, as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('alerts')
    .addColumn('edition_id', 'integer', (c) => c.references('editions.id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('alerts').dropColumn('edition_id').execute();
}

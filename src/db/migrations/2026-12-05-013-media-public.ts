import type { Kysely } from 'kysely';

/**
 * Frozen: an image can be marked public on its own (a logo for partners, a picture meant to be
 * linked before any story uses it). Otherwise an image is served only while something public
 * uses it (src/media/visibility.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('media').dropColumn('public').execute();
}

import type { Kysely } from 'kysely';

/**
 * Frozen: the focal point of a library image, as fractions of its width and height (0 = left
 * or top, 1 = right or bottom). Pages that crop an image (cards, avatars) keep this point in
 * view. `double precision` means the same on SQLite (REAL affinity) and PostgreSQL (float8).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('focal_x', 'double precision', (c) => c.notNull().defaultTo(0.5))
    .execute();
  await db.schema
    .alterTable('media')
    .addColumn('focal_y', 'double precision', (c) => c.notNull().defaultTo(0.5))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('media').dropColumn('focal_y').execute();
  await db.schema.alterTable('media').dropColumn('focal_x').execute();
}

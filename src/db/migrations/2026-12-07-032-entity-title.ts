import type { Kysely } from 'kysely';

/**
 * Frozen: a person's current title or role in the registry (src/knowledge): "Foreign Minister",
 * "Chief Executive of Aramco". The check before publishing compares the titles a story gives
 * a person with it. Empty for everyone else and for people whose title nobody recorded.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('entities')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('entities').dropColumn('title').execute();
}

import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: personal API tokens may expire. Null means the token never expires (as every token
 * made before this migration).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('personal_tokens')
    .addColumn('expires_at', dialectOf(db).timestampType)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('personal_tokens').dropColumn('expires_at').execute();
}

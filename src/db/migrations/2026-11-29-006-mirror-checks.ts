import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: the result of the last health check of each address the site is served at, so
 * /mirrors.json and the admin can say when a mirror was last seen working.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const ts = dialectOf(db).timestampType;
  await db.schema
    .createTable('mirror_checks')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer')
    .addColumn('newest_path', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checked_at', ts, (c) => c.notNull())
    .addColumn('last_success_at', ts)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('mirror_checks').execute();
}

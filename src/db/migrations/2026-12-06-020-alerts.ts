import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: breaking-news alerts, the one-line banner on every public page (src/content/alerts.ts).
 * An alert always ends (expires_at, at most 48 h after it was raised); withdrawing one early keeps
 * the row (withdrawn_at/by), so what readers were told stays on record.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('breaking','developing','live')`))
    .addColumn('raised_at', ts, (c) => c.notNull())
    .addColumn('raised_by', 'text')
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('withdrawn_at', ts)
    .addColumn('withdrawn_by', 'text')
    .execute();
  // The current alerts: not withdrawn, not yet expired.
  await db.schema.createIndex('alerts_expires').on('alerts').columns(['expires_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}

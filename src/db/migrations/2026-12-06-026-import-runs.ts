import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: one row per archive import run (src/import/runs.ts), so the newsroom sees in the app
 * what each `masthead import` brought in and what it could not: the counts and the report (the
 * same JSON the command writes next to the file). A run that stopped says why.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('wordpress','ghost')`))
    // The file's name as given to the command (no directory: the server's paths are not news).
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','done','failed')`))
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    // JSON: the run's counts, its report (items with problems, missing files), or the error.
    .addColumn('counts', 'text')
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('import_runs_started').on('import_runs').columns(['started_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_runs').execute();
}

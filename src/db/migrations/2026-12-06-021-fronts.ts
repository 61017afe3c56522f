import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: curated fronts (src/fronts). A front (the home page, or one section's front) is the
 * lists stored for it, in `position` order; a front with none shows its automatic default. A
 * list's definition and its scheduled version are JSON validated by shared/fronts.ts on every
 * write. `next_change_at` is the next moment the list's output changes by the clock alone (a
 * scheduled version taking over, a pin expiring), so one indexed query finds what is due.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('front_lists')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('front', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('scheduled', 'text')
    .addColumn('scheduled_at', ts)
    .addColumn('next_change_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('front_lists_front').on('front_lists').columns(['front', 'position']).execute();
  await db.schema
    .createIndex('front_lists_next_change')
    .on('front_lists')
    .columns(['next_change_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('front_lists').execute();
}

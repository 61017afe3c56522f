import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: notices on stories (corrections, clarifications, updates, editor's notes) that readers
 * see with the story. A notice is never deleted: removing one keeps the row (removed_at/by), so
 * what readers were told stays on record; edits are in the audit log.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('article_notices')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('correction','clarification','update','editors_note')`),
    )
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('edited_at', ts)
    .addColumn('edited_by', 'text')
    .addColumn('removed_at', ts)
    .addColumn('removed_by', 'text')
    .execute();
  // A story's notices, and /corrections (every correction, newest first).
  await db.schema
    .createIndex('article_notices_article')
    .on('article_notices')
    .columns(['article_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('article_notices_kind')
    .on('article_notices')
    .columns(['kind', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('article_notices').execute();
}

import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: the working copy of a published or scheduled story — the edits the newsroom is
 * preparing, which no public face reads until someone applies them (`update`). One row per
 * story; `content` is null when there is no pending copy, and the row stays so `version`
 * keeps counting up and a stale editor never matches a later copy by accident.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const ts = dialectOf(db).timestampType;
  await db.schema
    .createTable('working_copies')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    // JSON of the editable fields, in the shape `updateArticle` takes (status excepted).
    .addColumn('content', 'text')
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('review_state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`review_state in ('draft','in_review')`),
    )
    .addColumn('updated_by', 'text')
    .addColumn('updated_by_id', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('working_copies').execute();
}

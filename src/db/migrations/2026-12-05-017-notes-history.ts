import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: notes between writer and editor (never public), and a `detail` on revisions so the
 * history can say "Restored from version 3" rather than only "save". Existing revisions keep the
 * kind they have ('save' or 'autosave'); their detail stays empty.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('article_notes')
    .addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => d.generatedId(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // A note outlives its writer's account (the thread still makes sense); the name goes, the text stays.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.check(sql`transition in ('submit','return')`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_notes_article')
    .on('article_notes')
    .columns(['article_id', 'id'])
    .execute();
  // JSON: what a kind needs to be told in words, e.g. {"fromVersion": 3} for a restore.
  await db.schema.alterTable('revisions').addColumn('detail', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('revisions').dropColumn('detail').execute();
  await db.schema.dropTable('article_notes').execute();
}

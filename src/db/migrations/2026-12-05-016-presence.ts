import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: who has a story open in the editor, one row per browser tab, refreshed by the
 * editor's heartbeat (src/content/presence.ts). In the database rather than in a process so
 * every app node behind the CDN sees the same people; a row whose heartbeat stopped is ignored
 * after 30 s and deleted later. `taken_over_by` is set on the rows of the others when an
 * editor takes the story over, so their next heartbeat tells them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const ts = dialectOf(db).timestampType;
  await db.schema
    .createTable('editing_sessions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tab_id', 'text', (c) => c.notNull())
    .addColumn('since', ts, (c) => c.notNull())
    .addColumn('last_seen', ts, (c) => c.notNull())
    .addColumn('taken_over_by', 'integer')
    .addColumn('taken_over_at', ts)
    .addPrimaryKeyConstraint('editing_sessions_pk', ['article_id', 'user_id', 'tab_id'])
    .execute();
  await db.schema
    .createIndex('editing_sessions_last_seen')
    .on('editing_sessions')
    .column('last_seen')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('editing_sessions').execute();
}

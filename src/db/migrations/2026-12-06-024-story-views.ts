import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: how often each story was read (src/audience). Nothing about the reader is kept: no
 * address, no browser, no cookie — only counts. `story_views` holds five-minute buckets for the
 * "last hour" and "today" lists and the charts (kept 8 days); `story_views_daily` holds one row
 * per story and day for totals, kept for good. Each node adds its counts in batches
 * (`views = views + n`), so the rows are written a few times a minute, never once per view.
 * No foreign key: a purged story's counts go with the hourly compaction, not a cascade.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  await db.schema
    .createTable('story_views')
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('bucket', d.timestampType, (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_views_pk', ['article_id', 'bucket'])
    .execute();
  // "Most read since T": the buckets after T, summed per story.
  await db.schema
    .createIndex('story_views_bucket')
    .on('story_views')
    .columns(['bucket', 'article_id'])
    .execute();
  await db.schema
    .createTable('story_views_daily')
    .addColumn('article_id', 'integer', (c) => c.notNull())
    // The UTC day, YYYY-MM-DD.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_views_daily_pk', ['article_id', 'day'])
    .execute();
  await db.schema.createIndex('story_views_daily_day').on('story_views_daily').columns(['day']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('story_views_daily').execute();
  await db.schema.dropTable('story_views').execute();
}

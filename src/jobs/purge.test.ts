import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softDeleteArticle } from '../content/workflow.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { defaultJobs } from './index.js';

const DAY = 86_400_000;

describe.each(testDialects())('purge of deleted stories on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(() => env?.close());

  it('runs as a server job: a story deleted 60 days ago goes with its video and revision rows, one deleted 25 days ago stays', async () => {
    const now = new Date('2026-12-05T12:00:00.000Z');
    const stories = [];
    for (const [headline, daysAgo] of [
      ['Deleted long ago', 60],
      ['Deleted recently', 25],
    ] as const) {
      const row = await fx.publish({ headline, tags: ['Purge test'] });
      await env.ctx.db
        .insertInto('article_videos')
        .values({
          article_id: row.id,
          source_url: 'https://video.example.com/a.m3u8',
          kind: 'hls',
          duration_seconds: 60,
          poster_media_id: fx.image,
          captions_url: null,
          captions_language: null,
          quality: 'HD',
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      await softDeleteArticle(env.ctx.db, row.id, new Date(now.getTime() - daysAgo * DAY).toISOString());
      stories.push(row.id);
    }
    const [old, recent] = stories as [number, number];
    const left = async (table: 'articles' | 'article_videos' | 'search_documents' | 'revisions') =>
      (
        await env.ctx.db
          .selectFrom(table)
          .select(table === 'articles' ? 'id as article_id' : 'article_id')
          .where(table === 'articles' ? 'id' : 'article_id', 'in', [old, recent])
          .execute()
      )
        .map((r) => r.article_id)
        .filter((id, i, all) => all.indexOf(id) === i);
    const job = defaultJobs.find((j) => j.name === 'purge-deleted-stories');
    expect(job, 'the purge is one of the jobs every server runs').toBeDefined();
    expect(job?.intervalMs).toBeLessThanOrEqual(DAY);
    expect(await left('search_documents')).toEqual([]);
    expect(await left('article_videos')).toEqual([old, recent]);
    env.setNow(now);
    await job?.run(env.ctx);

    expect(await left('articles')).toEqual([recent]);
    expect(await left('article_videos')).toEqual([recent]);
    // Search rows leave at the soft delete already (a deleted story is not searchable).
    expect(await left('search_documents')).toEqual([]);
    expect(await left('revisions')).toEqual([recent]);
    // The library image is shared with other stories: it stays.
    expect(
      await env.ctx.db.selectFrom('media').select('id').where('id', '=', fx.image).execute(),
    ).toHaveLength(1);
  });
});

import type { z } from 'zod';
import { announceChange, articleTag } from '../../cache/index.js';
import type { ArticleVideoRow, Db, LiveStreamRow } from '../../db/index.js';
import { codeForStatus, DomainError } from '../../errors.js';
import { type LiveStreamInput, liveStreamInput, type VideoInput, videoInput } from './schema.js';

/** Video service: a story's video and the live streams. Admin routes and the seed call these. */
export class VideoError extends DomainError {
  declare readonly status: 400 | 404 | 409;
  constructor(message: string, status: 400 | 404 | 409) {
    super(status, codeForStatus(status), message);
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VideoError(`${issue?.path.join('.') || 'input'}: ${issue?.message}`, 400);
  }
  return parsed.data;
}

async function checkMedia(db: Db, id: number | null): Promise<void> {
  if (id === null) return;
  const found = await db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new VideoError(`posterMediaId: unknown media ${id}`, 400);
}

/** Attach (or replace) the video of an article. */
export async function setArticleVideo(
  db: Db,
  articleId: number,
  input: VideoInput,
  now: string,
): Promise<ArticleVideoRow> {
  const v = parse(videoInput, input);
  const article = await db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!article) throw new VideoError(`article ${articleId} does not exist`, 404);
  await checkMedia(db, v.posterMediaId);
  const values = {
    source_url: v.sourceUrl,
    kind: v.kind,
    duration_seconds: v.durationSeconds,
    poster_media_id: v.posterMediaId,
    captions_url: v.captionsUrl,
    captions_language: v.captionsLanguage,
    quality: v.quality,
    updated_at: now,
  };
  const row = await db
    .insertInto('article_videos')
    .values({ article_id: articleId, created_at: now, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  // The story's page shows the player.
  announceChange(db, [articleTag(articleId)]);
  return row;
}

export async function removeArticleVideo(db: Db, articleId: number): Promise<void> {
  await db.deleteFrom('article_videos').where('article_id', '=', articleId).execute();
  announceChange(db, [articleTag(articleId)]);
}

export async function videoOf(db: Db, articleId: number): Promise<ArticleVideoRow | undefined> {
  return db.selectFrom('article_videos').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

export async function createLiveStream(db: Db, input: LiveStreamInput, now: string): Promise<LiveStreamRow> {
  const values = await checkedStream(db, input, null);
  return db
    .insertInto('live_streams')
    .values({ ...values, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLiveStream(
  db: Db,
  id: number,
  input: LiveStreamInput,
  now: string,
): Promise<LiveStreamRow> {
  const values = await checkedStream(db, input, id);
  const row = await db
    .updateTable('live_streams')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new VideoError(`live stream ${id} does not exist`, 404);
  return row;
}

/** A stream's columns from its input, once the poster exists and no other stream (than `id`) has the slug. */
async function checkedStream(db: Db, input: LiveStreamInput, id: number | null) {
  const v = parse(liveStreamInput, input);
  await checkMedia(db, v.posterMediaId);
  const clash = await db
    .selectFrom('live_streams')
    .select('id')
    .where('slug', '=', v.slug)
    .$if(id !== null, (q) => q.where('id', '!=', id as number))
    .executeTakeFirst();
  if (clash) throw new VideoError(`slug: a live stream "${v.slug}" already exists`, 409);
  return {
    slug: v.slug,
    title: v.title,
    hls_url: v.hlsUrl,
    poster_media_id: v.posterMediaId,
    description: v.description,
    active: v.active ? 1 : 0,
  };
}

export async function removeLiveStream(db: Db, id: number): Promise<void> {
  const res = await db.deleteFrom('live_streams').where('id', '=', id).executeTakeFirst();
  if (!res.numDeletedRows) throw new VideoError(`live stream ${id} does not exist`, 404);
}

/** Live streams, newest first; the public faces ask for active ones only. */
export async function listLiveStreams(db: Db, opts: { activeOnly?: boolean } = {}): Promise<LiveStreamRow[]> {
  return db
    .selectFrom('live_streams')
    .selectAll()
    .$if(opts.activeOnly === true, (q) => q.where('active', '=', 1))
    .orderBy('id', 'desc')
    .execute();
}

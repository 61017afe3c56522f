import fs from 'node:fs/promises';
import path from 'node:path';
import { announceChange, articleTag, mediaTag } from '../cache/index.js';
import type { ArticleStatus, Db, MediaRow } from '../db/index.js';
import { conflict, notFound } from '../errors.js';

/** A story that shows an image: as its lead image, in its body, or both. */
export interface MediaUse {
  id: number;
  headline: string;
  status: ArticleStatus;
  lead: boolean;
  body: boolean;
}

/**
 * The body is JSON text written by one serializer: an image node is `"mediaId":N` followed by
 * `,` or `}` (src/media/visibility.ts reads it the same way).
 */
const bodyMentions = (body: string, id: number) =>
  body.includes(`"mediaId":${id},`) || body.includes(`"mediaId":${id}}`);

/**
 * Which stories (not deleted) use each image, for a page of the library: one query over the
 * stories whose lead is one of them or whose body names any of them (a LIKE per image, one scan).
 */
export async function mediaUsage(db: Db, ids: number[]): Promise<Map<number, MediaUse[]>> {
  const out = new Map<number, MediaUse[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'lead_media_id', 'body'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('lead_media_id', 'in', ids),
        ...ids.flatMap((id) => [
          eb('body', 'like', `%"mediaId":${id},%`),
          eb('body', 'like', `%"mediaId":${id}}%`),
        ]),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    for (const id of ids) {
      const lead = r.lead_media_id === id;
      const body = bodyMentions(r.body, id);
      if (lead || body) out.get(id)?.push({ id: r.id, headline: r.headline, status: r.status, lead, body });
    }
  }
  return out;
}

/** What else holds an image (an author's portrait, a video or live stream poster): kept from deletion. */
async function otherUses(db: Db, id: number): Promise<string[]> {
  const found: string[] = [];
  const one = async (q: { executeTakeFirst(): Promise<unknown> }, what: string) => {
    if (await q.executeTakeFirst()) found.push(what);
  };
  await one(
    db.selectFrom('authors').select('id').where('avatar_media_id', '=', id).limit(1),
    'an author portrait',
  );
  await one(
    db.selectFrom('article_videos').select('article_id').where('poster_media_id', '=', id).limit(1),
    'a video poster',
  );
  await one(
    db.selectFrom('live_streams').select('id').where('poster_media_id', '=', id).limit(1),
    'a live stream poster',
  );
  return found;
}

/**
 * Deletes an image nothing uses: its row, its original and its renditions. A used image is
 * refused (409, the stories named in the details): take it down instead.
 */
export async function deleteMedia(db: Db, mediaDir: string, id: number): Promise<void> {
  const media = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!media) throw notFound(`media ${id} not found`);
  const stories = (await mediaUsage(db, [id])).get(id) ?? [];
  // Deleted stories (restorable for 30 days) keep their images too.
  const restorable = await db
    .selectFrom('articles')
    .select('id')
    .where('deleted_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('lead_media_id', '=', id),
        eb('body', 'like', `%"mediaId":${id},%`),
        eb('body', 'like', `%"mediaId":${id}}%`),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  const other = await otherUses(db, id);
  if (stories.length || restorable || other.length) {
    const what = [
      ...(stories.length ? [`${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`] : []),
      ...(restorable ? ['a deleted story'] : []),
      ...other,
    ];
    throw conflict(
      `media ${id} is used by ${what.join(', ')}; take it down instead`,
      stories.map((s) => ({ field: 'story', id: s.id, message: s.headline })),
    );
  }
  await db.deleteFrom('media').where('id', '=', id).execute();
  // Files go after the row: a failure leaves an orphan file, never a row without its file.
  await fs.rm(path.join(mediaDir, media.file), { force: true });
  await fs.rm(path.join(mediaDir, 'renditions', String(id)), { recursive: true, force: true });
  announceChange(db, [mediaTag(id)]);
}

/**
 * Takes an image down (or puts it back): readers no longer get its renditions (410) and every
 * page renders without it; the stories keep their reference, so putting it back restores them.
 */
export async function setMediaTakenDown(db: Db, id: number, down: boolean, now: Date): Promise<MediaRow> {
  const m = await db
    .updateTable('media')
    .set({
      taken_down_at: down ? now.toISOString() : null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!m) throw notFound(`media ${id} not found`);
  const stories = (await mediaUsage(db, [id])).get(id) ?? [];
  // Pages carry media:ID when they show the image; the stories' own tags cover lists and feeds.
  announceChange(db, [mediaTag(id), ...stories.map((s) => articleTag(s.id))]);
  return m;
}

/** Words of a library search: each must appear in the alt text, caption, credit or file name. */
export function mediaSearchWords(q: string): string[] {
  return q
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}

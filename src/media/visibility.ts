import { publicArticles } from '../content/index.js';
import type { Db } from '../db/index.js';

/**
 * Whether anyone may fetch an image by id: only while something public uses it — a public
 * story's lead image, body image or video poster, an author's portrait, an active live
 * stream's poster — or when the newsroom marked it public. Media ids are sequential, so
 * without this every draft's and embargoed story's pictures were one guess away. Not cached:
 * a publish makes the image reachable at once, and the 404 is sent `no-store` so no CDN keeps
 * it either.
 */
export async function isMediaPublic(db: Db, id: number, now: string): Promise<boolean> {
  const media = await db
    .selectFrom('media')
    .select(['public', 'taken_down_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  // Taken down: nobody outside the newsroom gets it, whatever uses it (media/usage.ts).
  if (!media || media.taken_down_at !== null) return false;
  if (media.public === 1) return true;
  const found = (q: { limit(n: number): { executeTakeFirst(): Promise<unknown> } }) =>
    q.limit(1).executeTakeFirst();
  const uses: (() => Promise<unknown>)[] = [
    () => found(publicArticles(db, now).select('articles.id').where('articles.lead_media_id', '=', id)),
    () =>
      found(
        publicArticles(db, now)
          .innerJoin('article_videos', 'article_videos.article_id', 'articles.id')
          .select('articles.id')
          .where('article_videos.poster_media_id', '=', id),
      ),
    () => found(db.selectFrom('authors').select('id').where('avatar_media_id', '=', id)),
    () =>
      found(
        db.selectFrom('live_streams').select('id').where('poster_media_id', '=', id).where('active', '=', 1),
      ),
    // The body is JSON text written by one serializer: an image node is `"mediaId":N` followed by
    // `,` or `}`. A scan of published bodies, reached only for images no cheaper use explains.
    () =>
      found(
        publicArticles(db, now)
          .select('articles.id')
          .where((eb) =>
            eb.or([
              eb('articles.body', 'like', `%"mediaId":${id},%`),
              eb('articles.body', 'like', `%"mediaId":${id}}%`),
            ]),
          ),
      ),
  ];
  for (const use of uses) if (await use()) return true;
  return false;
}

import { createLiveStream, setArticleVideo } from '../content/index.js';
import type { Db } from '../db/index.js';
import { demoLiveStreams, demoVideos } from './data/videos.js';

/**
 * Attaches the demo videos to their stories (by slug) and creates the demo live stream.
 * Called by the demo seed inside its transaction; `image` adds a demo image to the library.
 */
export async function seedDemoVideos(
  db: Db,
  image: (key: string, alt: string) => Promise<number>,
  now: string,
): Promise<number> {
  const articles = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where(
      'slug',
      'in',
      demoVideos.map((v) => v.article),
    )
    .execute();
  let attached = 0;
  for (const v of demoVideos) {
    const article = articles.find((a) => a.slug === v.article);
    if (!article) continue;
    await setArticleVideo(
      db,
      article.id,
      {
        sourceUrl: v.sourceUrl,
        durationSeconds: v.durationSeconds,
        quality: v.quality,
        captionsUrl: v.captionsUrl ?? null,
        captionsLanguage: v.captionsLanguage ?? null,
      },
      now,
    );
    attached++;
  }
  for (const s of demoLiveStreams) {
    await createLiveStream(
      db,
      {
        slug: s.slug,
        title: s.title,
        hlsUrl: s.hlsUrl,
        description: s.description,
        posterMediaId: await image(s.poster, `Still from ${s.title}`),
      },
      now,
    );
  }
  return attached;
}

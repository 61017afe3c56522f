import {
  type ArticleRow,
  type ArticleVideoRow,
  compiledQuery,
  type Db,
  type MediaRow,
} from '../../db/index.js';
import { mediaByIds, publicArticles } from '../queries.js';

/**
 * The public video catalogue: stories with a video that readers may see now (the visibility
 * rule is content's `publicArticles`, joined to the videos), newest first, with the image to
 * show for each (the video's poster, else the story's lead image).
 */
export interface VideoStory {
  id: number;
  headline: string;
  dek: string;
  path: string;
  sectionId: number;
  publishedAt: string;
  updatedAt: string;
  video: ArticleVideoRow;
  image: MediaRow | null;
  tags: string[];
}

/** `editionId`: only that edition's stories (src/editions); none: every edition's. */
export async function publicVideoStories(
  db: Db,
  now: string,
  limit = 500,
  editionId?: number,
): Promise<VideoStory[]> {
  const rows = await publicArticles(db, now)
    .innerJoin('article_videos', 'article_videos.article_id', 'articles.id')
    .$if(editionId !== undefined, (q) => q.where('articles.edition_id', '=', editionId as number))
    .select([
      'articles.id',
      'articles.headline',
      'articles.dek',
      'articles.path',
      'articles.section_id',
      'articles.first_published_at',
      'articles.updated_at',
      'articles.lead_media_id',
    ])
    .select([
      'article_videos.source_url',
      'article_videos.kind',
      'article_videos.duration_seconds',
      'article_videos.poster_media_id',
      'article_videos.captions_url',
      'article_videos.captions_language',
      'article_videos.quality',
      'article_videos.created_at as video_created_at',
      'article_videos.updated_at as video_updated_at',
    ])
    .orderBy('articles.first_published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [media, tags] = await Promise.all([
    mediaByIds(
      db,
      rows.map((r) => r.poster_media_id ?? r.lead_media_id),
    ),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  return rows.map((r) => {
    const imageId = r.poster_media_id ?? r.lead_media_id;
    return {
      id: r.id,
      headline: r.headline,
      dek: r.dek,
      path: r.path as string,
      sectionId: r.section_id,
      publishedAt: r.first_published_at as string,
      updatedAt: r.updated_at,
      video: {
        article_id: r.id,
        source_url: r.source_url,
        kind: r.kind,
        duration_seconds: r.duration_seconds,
        poster_media_id: r.poster_media_id,
        captions_url: r.captions_url,
        captions_language: r.captions_language,
        quality: r.quality,
        created_at: r.video_created_at,
        updated_at: r.video_updated_at,
      },
      image: imageId === null ? null : (media.get(imageId) ?? null),
      tags: tags.filter((t) => t.article_id === r.id).map((t) => t.name),
    };
  });
}

/**
 * A story's video and the image to show before it plays (the video's poster, else the story's
 * lead image), or null when the story has none.
 */
const videoRow = compiledQuery((db, articleId: number) =>
  db.selectFrom('article_videos').selectAll().where('article_id', '=', articleId),
);

export async function videoWithPoster(
  db: Db,
  article: Pick<ArticleRow, 'id' | 'lead_media_id'>,
): Promise<{ video: ArticleVideoRow; poster: MediaRow | null } | null> {
  const [video] = await videoRow(db, article.id);
  if (!video) return null;
  const imageId = video.poster_media_id ?? article.lead_media_id;
  const poster =
    imageId === null
      ? null
      : ((await db.selectFrom('media').selectAll().where('id', '=', imageId).executeTakeFirst()) ?? null);
  return { video, poster };
}

import { sql } from 'kysely';
import {
  bylinesOf,
  mediaByIds,
  noticesOf,
  type PublicNotice,
  publicArticles,
  tagsOfMany,
} from '../../content/index.js';
import type { PublicEntity } from '../../knowledge/index.js';
import type { ArticleRow, AuthorRow, Db, MediaRow, TagRow } from '../../db/index.js';

/**
 * Read queries of the distribution faces (Content API, feeds, sitemaps) that the content
 * domain's list helpers do not cover: keyset pagination, `updated_since`, ascending walks.
 * Every one starts from the site's visibility rule (content `publicArticles`), so nothing here
 * can return a story a reader could not see.
 */
export type PublicArticle = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'headline'
  | 'dek'
  | 'body'
  | 'section_id'
  | 'lead_media_id'
  | 'lead_caption'
  | 'lead_credit'
  | 'lead_file_photo'
  | 'first_published_at'
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'seo_title'
  | 'seo_description'
  | 'dateline'
  | 'path'
  | 'edition_id'
>;

const columns = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.dek',
  'articles.body',
  'articles.section_id',
  'articles.lead_media_id',
  'articles.lead_caption',
  'articles.lead_credit',
  'articles.lead_file_photo',
  'articles.first_published_at',
  'articles.created_at',
  'articles.updated_at',
  'articles.version',
  'articles.seo_title',
  'articles.seo_description',
  'articles.dateline',
  'articles.path',
  'articles.edition_id',
] as const;

export interface ArticleFilter {
  sectionIds?: number[];
  tagId?: number;
  authorId?: number;
  /** Stories confirmed about this registry entity (topic feeds). */
  entityId?: number;
  /** Only stories changed at or after this instant (ISO). */
  updatedSince?: string;
  slug?: string;
  /** Only stories of this edition (src/editions). */
  editionId?: number;
}

/** Newest first by publication, or oldest change first (for syncing with `updated_since`). */
export type ArticleOrder = 'published' | 'updated';

/** Position after the last item of a page: the sort key and id of that item. */
export interface Keyset {
  at: string;
  id: number;
}

/** Public stories (the content domain's one rule, `publicArticles`) plus the API's own filters. */
export function visibleArticles(db: Db, now: string, filter: ArticleFilter = {}) {
  let q = publicArticles(db, now, {
    sectionIds: filter.sectionIds,
    tagId: filter.tagId,
    authorId: filter.authorId,
    entityId: filter.entityId,
    editionId: filter.editionId,
  });
  if (filter.slug !== undefined) q = q.where('articles.slug', '=', filter.slug);
  if (filter.updatedSince !== undefined) q = q.where('articles.updated_at', '>=', filter.updatedSince);
  return q;
}

/** One page of public stories after `after` (keyset pagination: stable while stories are added). */
export async function articlePage(
  db: Db,
  now: string,
  filter: ArticleFilter,
  order: ArticleOrder,
  after: Keyset | null,
  limit: number,
): Promise<PublicArticle[]> {
  let q = visibleArticles(db, now, filter).select(columns);
  if (order === 'published') {
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('articles.first_published_at', '<', after.at),
          eb.and([eb('articles.first_published_at', '=', after.at), eb('articles.id', '<', after.id)]),
        ]),
      );
    }
    q = q.orderBy('articles.first_published_at', 'desc').orderBy('articles.id', 'desc');
  } else {
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('articles.updated_at', '>', after.at),
          eb.and([eb('articles.updated_at', '=', after.at), eb('articles.id', '>', after.id)]),
        ]),
      );
    }
    q = q.orderBy('articles.updated_at', 'asc').orderBy('articles.id', 'asc');
  }
  return q.limit(limit).execute();
}

export async function publicArticleById(db: Db, now: string, id: number): Promise<PublicArticle | undefined> {
  return visibleArticles(db, now).select(columns).where('articles.id', '=', id).executeTakeFirst();
}

/** Public stories by id, in the order asked (a curated list's), those not public left out. */
export async function publicArticlesByIds(db: Db, now: string, ids: number[]): Promise<PublicArticle[]> {
  if (!ids.length) return [];
  const rows = await visibleArticles(db, now).select(columns).where('articles.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Slugs repeat across sections and dates; the newest public story with the slug wins. */
export async function publicArticleBySlug(
  db: Db,
  now: string,
  slug: string,
): Promise<PublicArticle | undefined> {
  const [row] = await articlePage(db, now, { slug }, 'published', null, 1);
  return row;
}

/** What every distribution face shows of a story, loaded for a whole list in three queries. */
export interface StoryRelations {
  bylines: Map<number, AuthorRow[]>;
  tags: Map<number, TagRow[]>;
  media: Map<number, MediaRow>;
  /** Standing notices (corrections …), oldest first. */
  notices: Map<number, PublicNotice[]>;
  /** Confirmed entities, loaded only when a face asks for them (the Content API's `entities`). */
  entities?: Map<number, PublicEntity[]>;
}

export async function relationsOf(
  db: Db,
  articles: Pick<PublicArticle, 'id' | 'lead_media_id'>[],
  extraMedia: number[] = [],
): Promise<StoryRelations> {
  const ids = articles.map((a) => a.id);
  const [bylines, tags, media, notices] = await Promise.all([
    bylinesOf(db, ids),
    tagsOfMany(db, ids),
    mediaByIds(db, [...articles.map((a) => a.lead_media_id), ...extraMedia]),
    noticesOf(db, ids),
  ]);
  return { bylines, tags, media, notices };
}

/** Image ids inside a body document, for loading them with the list. */
export function bodyImageIds(body: unknown): number[] {
  const out: number[] = [];
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as { type?: string; attrs?: { mediaId?: unknown }; content?: unknown }[]) {
      if (node?.type === 'image' && typeof node.attrs?.mediaId === 'number') out.push(node.attrs.mediaId);
      walk(node?.content);
    }
  };
  walk((body as { content?: unknown } | null)?.content);
  return out;
}

/**
 * Tags on at least one public story, by slug after `afterSlug`. A tag used only on drafts is
 * not listed: its name alone could give a story away.
 */
export async function tagsWithStories(
  db: Db,
  now: string,
  afterSlug: string | null,
  limit: number,
): Promise<TagRow[]> {
  let q = db
    .selectFrom('tags')
    .selectAll('tags')
    .where((eb) =>
      eb.exists(
        visibleArticles(db, now)
          .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
          .select('articles.id')
          .where('article_tags.tag_id', '=', sql.ref<number>('tags.id')),
      ),
    );
  if (afterSlug !== null) q = q.where('tags.slug', '>', afterSlug);
  return q.orderBy('tags.slug').limit(limit).execute();
}

/** Authors with at least one public story, by name. */
export async function authorsWithStories(db: Db, now: string): Promise<AuthorRow[]> {
  return db
    .selectFrom('authors')
    .selectAll('authors')
    .where((eb) =>
      eb.exists(
        visibleArticles(db, now)
          .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
          .select('articles.id')
          .where('article_authors.author_id', '=', sql.ref<number>('authors.id')),
      ),
    )
    .orderBy('authors.name')
    .orderBy('authors.id')
    .execute();
}

import type { ExpressionBuilder } from 'kysely';
import {
  type ArticleRow,
  type AuthorRow,
  compiledQuery,
  type Database,
  type Db,
  type MediaRow,
  type TagRow,
} from '../db/index.js';

/**
 * The public read side: what readers may see, fetched in a fixed, small number of queries per
 * page (a list and its bylines and images are three queries whatever the page size).
 */
export type ArticleSummary = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'headline'
  | 'dek'
  | 'path'
  | 'section_id'
  | 'lead_media_id'
  | 'lead_caption'
  | 'lead_credit'
  | 'lead_file_photo'
  | 'first_published_at'
  | 'updated_at'
  | 'dateline'
>;

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.dek',
  'articles.path',
  'articles.section_id',
  'articles.lead_media_id',
  'articles.lead_caption',
  'articles.lead_credit',
  'articles.lead_file_photo',
  'articles.first_published_at',
  'articles.updated_at',
  'articles.dateline',
] as const;

export interface ListFilter {
  sectionIds?: number[];
  authorId?: number;
  tagId?: number;
  /** Stories the newsroom confirmed to be about this registry entity (src/knowledge). */
  entityId?: number;
  excludeId?: number;
  /** Only these stories (a curated list's picks). */
  ids?: number[];
  /** Only stories with a video (TV rows, video lists). */
  video?: boolean;
  /** Only stories of this edition (src/editions). */
  editionId?: number;
}

/**
 * THE rule of what readers may see: published, its publication time reached, not deleted.
 * (Embargoes need no clause: the workflow refuses to publish or schedule before one ends.)
 */
export function publicArticles(db: Db, now: string, filter: ListFilter = {}) {
  let q = db
    .selectFrom('articles')
    .where('articles.status', '=', 'published')
    .where('articles.first_published_at', '<=', now)
    .where('articles.deleted_at', 'is', null);
  if (filter.sectionIds)
    q = q.where('articles.section_id', 'in', filter.sectionIds.length ? filter.sectionIds : [-1]);
  if (filter.authorId !== undefined) q = q.where(bylined(filter.authorId));
  if (filter.tagId !== undefined) q = q.where(tagged(filter.tagId));
  if (filter.entityId !== undefined) q = q.where(aboutEntity(filter.entityId));
  if (filter.excludeId !== undefined) q = q.where('articles.id', '!=', filter.excludeId);
  if (filter.editionId !== undefined) q = q.where('articles.edition_id', '=', filter.editionId);
  if (filter.ids) q = q.where('articles.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.video)
    q = q.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_videos').select('article_videos.article_id'),
    );
  return q;
}

/**
 * Stories with this byline, or this tag, as a condition on `articles` (public lists and the
 * newsroom's story list alike). IN (…) lets the database start from the link table's index
 * rather than test every story.
 */
export function bylined(authorId: number) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb(
      'articles.id',
      'in',
      eb
        .selectFrom('article_authors')
        .select('article_authors.article_id')
        .where('article_authors.author_id', '=', authorId),
    );
}

export function tagged(tagId: number) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb(
      'articles.id',
      'in',
      eb
        .selectFrom('article_tags')
        .select('article_tags.article_id')
        .where('article_tags.tag_id', '=', tagId),
    );
}

/** Stories with a confirmed link to this entity (suggested and rejected ones are not about it). */
export function aboutEntity(entityId: number) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb(
      'articles.id',
      'in',
      eb
        .selectFrom('article_entities')
        .select('article_entities.article_id')
        .where('article_entities.entity_id', '=', entityId)
        .where('article_entities.state', '=', 'confirmed'),
    );
}

/** Newest first. */
export async function listPublished(
  db: Db,
  now: string,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummary[]> {
  return publicArticles(db, now, filter)
    .select(summaryColumns)
    .orderBy('articles.first_published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublished(db: Db, now: string, filter: ListFilter): Promise<number> {
  const row = await publicArticles(db, now, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether one article is public at `now`: the same rule as `publicArticles`, for a row in hand. */
export function isPublicArticle(
  a: Pick<ArticleRow, 'status' | 'first_published_at' | 'deleted_at'>,
  now: string,
): boolean {
  return (
    a.status === 'published' && a.first_published_at !== null && a.first_published_at <= now && !a.deleted_at
  );
}

/** Whatever article owns the path, in any state: the page decides between 200 and 410. */
export async function articleByPath(db: Db, path: string): Promise<ArticleRow | undefined> {
  return (await byPath(db, path))[0];
}

const byPath = compiledQuery((db, path: string) =>
  db.selectFrom('articles').selectAll().where('path', '=', path).limit(1),
);

/**
 * The current path of the story an import made from the old site's post or page `id` (the
 * `?p=ID` and `?page_id=ID` addresses); undefined if there is none or it has no public path yet.
 */
export async function importedPostPath(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('import_items')
    .innerJoin('articles', 'articles.id', 'import_items.target_id')
    .select('articles.path')
    .where('import_items.source_id', '=', id)
    .where('import_items.kind', 'in', ['post', 'page'])
    .where('articles.path', 'is not', null)
    .orderBy('articles.id')
    .executeTakeFirst();
  return row?.path ?? undefined;
}

export async function redirectFor(db: Db, path: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('redirects')
    .select('to_path')
    .where('from_path', '=', path)
    .executeTakeFirst();
  return row?.to_path;
}

/** Bylines of many articles at once, in byline order. */
export async function bylinesOf(db: Db, articleIds: number[]): Promise<Map<number, AuthorRow[]>> {
  const out = new Map<number, AuthorRow[]>();
  if (!articleIds.length) return out;
  const rows = await bylineRows(db, articleIds);
  for (const { article_id, ...author } of rows) {
    const list = out.get(article_id);
    if (list) list.push(author);
    else out.set(article_id, [author]);
  }
  return out;
}

const bylineRows = compiledQuery((db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .selectAll('authors')
    .select('article_authors.article_id')
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

/** Tags of many articles at once, in tag order. */
export async function tagsOfMany(db: Db, articleIds: number[]): Promise<Map<number, TagRow[]>> {
  const out = new Map<number, TagRow[]>();
  if (!articleIds.length) return out;
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .selectAll('tags')
    .select('article_tags.article_id')
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  for (const { article_id, ...tag } of rows) {
    const list = out.get(article_id);
    if (list) list.push(tag);
    else out.set(article_id, [tag]);
  }
  return out;
}

export const tagsOf: (db: Db, articleId: number) => Promise<TagRow[]> = compiledQuery(
  (db, articleId: number) =>
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .selectAll('tags')
      .where('article_tags.article_id', '=', articleId)
      .orderBy('article_tags.position'),
);

export async function mediaByIds(db: Db, ids: Iterable<number | null>): Promise<Map<number, MediaRow>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  // An image taken down is left out, so every page renders without it (src/media/usage.ts).
  const rows = await mediaRows(db, wanted);
  return new Map(rows.map((m) => [m.id, m]));
}

const mediaRows = compiledQuery((db, ids: readonly number[]) =>
  db.selectFrom('media').selectAll().where('id', 'in', ids).where('taken_down_at', 'is', null),
);

/**
 * An author or tag as readers may see it: only while at least one public story names it. A
 * name used only by drafts or embargoed stories is itself unpublished news, so its page, feeds
 * and API listing answer 404 like a name that does not exist.
 */
export async function publicAuthorBySlug(db: Db, now: string, slug: string): Promise<AuthorRow | undefined> {
  const author = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
  return author && (await anyPublic(db, now, { authorId: author.id })) ? author : undefined;
}

export async function publicTagBySlug(db: Db, now: string, slug: string): Promise<TagRow | undefined> {
  const tag = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  return tag && (await anyPublic(db, now, { tagId: tag.id })) ? tag : undefined;
}

async function anyPublic(db: Db, now: string, filter: ListFilter): Promise<boolean> {
  return (
    (await publicArticles(db, now, filter).select('articles.id').limit(1).executeTakeFirst()) !== undefined
  );
}

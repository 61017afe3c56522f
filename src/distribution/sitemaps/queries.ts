import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { visibleArticles } from '../api/queries.js';

/**
 * What the sitemaps list. Articles are walked oldest first, so a page of the sitemap keeps its
 * stories as new ones arrive (only the last page grows) and crawlers re-read little.
 */
export interface SitemapArticle {
  id: number;
  path: string | null;
  headline: string;
  first_published_at: string | null;
  updated_at: string;
  lead_media_id: number | null;
  /** Its edition (src/editions): the news sitemap's language, the alternates' group. */
  edition_id: number;
  translation_group_id: number | null;
}

/** The columns of a SitemapArticle. */
const SITEMAP_COLUMNS = [
  'articles.id',
  'articles.path',
  'articles.headline',
  'articles.first_published_at',
  'articles.updated_at',
  'articles.lead_media_id',
  'articles.edition_id',
  'articles.translation_group_id',
] as const;

export async function countArticles(db: Db, now: string): Promise<number> {
  const row = await visibleArticles(db, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function ordered(db: Db, now: string) {
  return visibleArticles(db, now)
    .select(SITEMAP_COLUMNS)
    .orderBy('articles.first_published_at', 'asc')
    .orderBy('articles.id', 'asc');
}

export async function articlesPage(
  db: Db,
  now: string,
  page: number,
  size: number,
): Promise<SitemapArticle[]> {
  return ordered(db, now)
    .limit(size)
    .offset((page - 1) * size)
    .execute();
}

/** Newest change on one page of the articles sitemap, for the index's lastmod. */
export async function newestOnPage(db: Db, now: string, page: number, size: number): Promise<string | null> {
  const row = await db
    .selectFrom(
      ordered(db, now)
        .limit(size)
        .offset((page - 1) * size)
        .as('p'),
    )
    .select((eb) => eb.fn.max('p.updated_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** Stories first published since `since`, newest first (the Google News sitemap). */
export async function recentArticles(
  db: Db,
  now: string,
  since: string,
  limit: number,
): Promise<SitemapArticle[]> {
  return visibleArticles(db, now)
    .select(SITEMAP_COLUMNS)
    .where('articles.first_published_at', '>=', since)
    .orderBy('articles.first_published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}

export interface ListingPage {
  /** Root-relative path of the page. */
  path: string;
  lastmod: string | null;
  /** The edition whose page it is, when not the default's (its URL may be on its own host). */
  editionId?: number;
}

/**
 * The home page, every section front, and the tag, author and topic pages that show at least
 * one public story (an empty listing is not worth a crawler's visit).
 */
export async function listingPages(
  db: Db,
  now: string,
  editionHomes: { path: string; editionId: number }[] = [],
  /**
   * The other editions by id: their prefix, or null for an edition on a host of its own. Their
   * corrections, live, tag and author pages are listed under their addresses.
   */
  prefixes: ReadonlyMap<number, string | null> = new Map(),
): Promise<ListingPage[]> {
  const sections = await db
    .selectFrom('sections')
    .select(['path', 'updated_at', 'edition_id'])
    .orderBy('path')
    .execute();
  // Topic pages (knowledge/topics.ts): an entity not merged away, confirmed on a public story.
  const topics = await db
    .selectFrom('entities')
    .select('entities.slug')
    .where('entities.merged_into', 'is', null)
    .where((eb) =>
      eb.exists(
        visibleArticles(db, now)
          .innerJoin('article_entities', 'article_entities.article_id', 'articles.id')
          .select('articles.id')
          .where('article_entities.entity_id', '=', sql.ref<number>('entities.id'))
          .where('article_entities.state', '=', 'confirmed'),
      ),
    )
    .orderBy('entities.slug')
    .execute();
  const tagsAndAuthors = prefixes.size
    ? await editionListings(db, now, prefixes)
    : await siteListings(db, now);
  return [
    { path: '/', lastmod: null },
    // Other editions' homes (`/es`), after the site's own.
    ...editionHomes.map((h) => ({ path: h.path, lastmod: null, editionId: h.editionId })),
    { path: '/corrections', lastmod: null },
    // Each other edition's corrections and live pages (`/es/corrections`, `/es/live`).
    ...[...prefixes].flatMap(([editionId, prefix]) =>
      ['/corrections', '/live'].map((path) => ({
        path: prefix ? `/${prefix}${path}` : path,
        lastmod: null,
        editionId,
      })),
    ),
    ...sections.map((s) => ({ path: `/${s.path}`, lastmod: null, editionId: s.edition_id })),
    ...tagsAndAuthors,
    ...topics.map((t) => ({ path: `/topics/${t.slug}`, lastmod: null })),
  ];
}

/**
 * Tag and author pages: each is keyed by a slug and lists the public stories that carry it.
 * `onStories` gives the slugs with the stories they are on, as `s` (article_id, slug).
 */
const SLUG_PAGES = [
  {
    path: '/tag/',
    onStories: (db: Db) =>
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.slug'])
        .as('s'),
  },
  {
    path: '/author/',
    onStories: (db: Db) =>
      db
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['article_authors.article_id', 'authors.slug'])
        .as('s'),
  },
];

/** The public stories joined to the slugs of one kind of page (SLUG_PAGES) they carry. */
function withSlugs(db: Db, now: string, page: (typeof SLUG_PAGES)[number]) {
  return visibleArticles(db, now).innerJoin(page.onStories(db), 's.article_id', 'articles.id');
}

/** Without prefixed editions: each tag and author page with a public story, by slug. */
async function siteListings(db: Db, now: string): Promise<ListingPage[]> {
  const kinds = await Promise.all(
    SLUG_PAGES.map(async (page) =>
      (await withSlugs(db, now, page).select('s.slug').distinct().orderBy('s.slug').execute()).map((r) => ({
        path: `${page.path}${r.slug}`,
        lastmod: null,
      })),
    ),
  );
  return kinds.flat();
}

/**
 * With prefixed editions, each tag and author page under the address of every edition with a
 * public story of it (`/es/tag/clima`; the default edition's, and a host edition's, unprefixed),
 * as each edition's page lists its own stories only.
 */
async function editionListings(
  db: Db,
  now: string,
  prefixes: ReadonlyMap<number, string | null>,
): Promise<ListingPage[]> {
  const kinds = await Promise.all(
    SLUG_PAGES.map(async (page) => ({
      page,
      rows: await withSlugs(db, now, page).select(['s.slug', 'articles.edition_id']).distinct().execute(),
    })),
  );
  // The default edition's pages at the path itself; another's under its prefix, or at the path
  // on its own host (editionId tells the sitemap which host).
  const at = (editionId: number, path: string): ListingPage => {
    if (!prefixes.has(editionId)) return { path, lastmod: null };
    const prefix = prefixes.get(editionId);
    return { path: prefix ? `/${prefix}${path}` : path, lastmod: null, editionId };
  };
  const pages = new Map<string, ListingPage>();
  for (const { page, rows } of kinds) {
    for (const r of rows) {
      const listed = at(r.edition_id, `${page.path}${r.slug}`);
      pages.set(`${listed.editionId ?? ''} ${listed.path}`, listed);
    }
  }
  return [...pages.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

import { ancestry, listPublished, loadSectionTree } from '../../content/index.js';
import type { Context } from '../../context.js';

/**
 * The one list of what the public site consists of, from the content query layer (so the
 * export shows exactly what the live site shows: published and already public stories).
 */
export interface PublicUrl {
  url: string;
  kind: 'home' | 'section' | 'article' | 'tag' | 'author' | 'file';
}

/** Pages a list page has at 20 stories a page; an empty list still has its page 1. */
function pageUrls(path: string, count: number, pageSize: number, kind: PublicUrl['kind']): PublicUrl[] {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  return Array.from({ length: pages }, (_, i) => ({ url: i === 0 ? path : `${path}?page=${i + 1}`, kind }));
}

export interface SiteInventory {
  urls: PublicUrl[];
  /** Newest updated_at of any public story: recorded in the export state. */
  maxUpdatedAt: string | null;
  stories: number;
}

export async function siteInventory(ctx: Context, pageSize: number): Promise<SiteInventory> {
  const db = ctx.db;
  const now = ctx.now().toISOString();
  // Every public story once (the query layer decides what is public); counts per section,
  // tag and author are then tallied in memory instead of one count query per list.
  const stories = await listPublished(db, now, {}, { limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const publicIds = new Set(stories.map((s) => s.id));
  const tree = await loadSectionTree(db);
  const perSection = new Map<number, number>();
  for (const s of stories) {
    for (const section of ancestry(tree, s.section_id))
      perSection.set(section.id, (perSection.get(section.id) ?? 0) + 1);
  }
  const tally = (rows: { article_id: number; key: number }[]) => {
    const out = new Map<number, number>();
    for (const r of rows) if (publicIds.has(r.article_id)) out.set(r.key, (out.get(r.key) ?? 0) + 1);
    return out;
  };
  const perTag = tally(await db.selectFrom('article_tags').select(['article_id', 'tag_id as key']).execute());
  const perAuthor = tally(
    await db.selectFrom('article_authors').select(['article_id', 'author_id as key']).execute(),
  );

  const urls: PublicUrl[] = [{ url: '/', kind: 'home' }];
  for (const section of tree.byId.values()) {
    urls.push(...pageUrls(`/${section.path}`, perSection.get(section.id) ?? 0, pageSize, 'section'));
  }
  // Tag and author pages exist (200) even when empty, but a mirror only needs the ones a page
  // links to: those with at least one public story.
  for (const tag of await db.selectFrom('tags').select(['id', 'slug']).orderBy('id').execute()) {
    const n = perTag.get(tag.id) ?? 0;
    if (n > 0) urls.push(...pageUrls(`/tag/${tag.slug}`, n, pageSize, 'tag'));
  }
  for (const author of await db.selectFrom('authors').select(['id', 'slug']).orderBy('id').execute()) {
    const n = perAuthor.get(author.id) ?? 0;
    if (n > 0) urls.push(...pageUrls(`/author/${author.slug}`, n, pageSize, 'author'));
  }
  let maxUpdatedAt: string | null = null;
  for (const s of stories) {
    if (s.path) urls.push({ url: s.path, kind: 'article' });
    if (!maxUpdatedAt || s.updated_at > maxUpdatedAt) maxUpdatedAt = s.updated_at;
  }
  return { urls, maxUpdatedAt, stories: stories.length };
}

/**
 * Files other parts of the site may serve (feeds and sitemaps are another domain's work and
 * may or may not exist): each is requested through the app and exported when it answers 200.
 * More are discovered from `<link rel=alternate>` on the home page, `Sitemap:` lines in
 * robots.txt and the entries of sitemap indexes.
 */
export const CANDIDATE_FILES = [
  '/robots.txt',
  '/mirrors.json',
  '/assets/logo.png',
  '/feed.xml',
  '/rss.xml',
  '/atom.xml',
  '/feed.json',
  '/sitemap.xml',
  '/sitemap-index.xml',
  '/sitemap_index.xml',
  '/news-sitemap.xml',
  '/sitemap-news.xml',
];

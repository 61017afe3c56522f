import { CORRECTION_KINDS } from '../content/index.js';
import type { Edition } from '../editions/index.js';
import { entryPath } from '../site/index.js';
import type { SiteData } from './batch.js';

/**
 * The one list of what the public site consists of, from the content query layer (so the
 * export shows exactly what the live site shows: published and already public stories).
 */
export interface PublicUrl {
  url: string;
  /** `edition`: a prefixed edition's tag, author, topic, corrections or live page (`/es/tag/x`). */
  kind: 'home' | 'section' | 'article' | 'entry' | 'tag' | 'author' | 'topic' | 'edition' | 'file';
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

/**
 * The inventory of the site the bulk data (batch.ts) shows: the export loads every public
 * story's summary, tags and bylines once, and the lists of pages come from the same lists the
 * pages are rendered from.
 */
export function inventoryOf(data: SiteData, pageSize: number, hostEdition?: Edition): SiteInventory {
  if (hostEdition) return hostEditionInventory(data, pageSize, hostEdition);
  const urls: PublicUrl[] = [{ url: '/', kind: 'home' }];
  // Each prefixed edition's home (src/editions); its sections and stories follow below.
  for (const e of data.base.editions) if (e.prefix) urls.push({ url: e.home, kind: 'home' });
  // An edition on a host of its own is exported alone (`--edition`): its paths are the site's.
  const onHost = new Set(data.base.editions.filter((e) => e.host).map((e) => e.id));
  const elsewhere = (sectionId: number) => onHost.has(data.base.tree.byId.get(sectionId)?.edition_id ?? -1);
  for (const section of data.base.tree.byId.values()) {
    if (onHost.has(section.edition_id)) continue;
    urls.push(
      ...pageUrls(`/${section.path}`, data.bySection.get(section.id)?.length ?? 0, pageSize, 'section'),
    );
  }
  // Tag and author pages exist (200) even when empty, but a mirror only needs the ones a page
  // links to: those with at least one public story.
  for (const tag of [...data.tags.values()].sort((a, b) => a.id - b.id)) {
    const n = data.byTag.get(tag.id)?.length ?? 0;
    if (n > 0) urls.push(...pageUrls(`/tag/${tag.slug}`, n, pageSize, 'tag'));
  }
  for (const author of [...data.authors.values()].sort((a, b) => a.id - b.id)) {
    const n = data.byAuthor.get(author.id)?.length ?? 0;
    if (n > 0) urls.push(...pageUrls(`/author/${author.slug}`, n, pageSize, 'author'));
  }
  // Topic pages (src/site/topics.tsx): the entities confirmed on a public story.
  for (const topic of [...data.topics.values()].sort((a, b) => a.id - b.id)) {
    const n = data.byTopic.get(topic.id)?.length ?? 0;
    if (n > 0) urls.push(...pageUrls(`/topics/${topic.slug}`, n, pageSize, 'topic'));
  }
  urls.push(...editionPages(data, pageSize));
  let maxUpdatedAt: string | null = null;
  for (const s of data.stories) {
    if (elsewhere(s.section_id)) continue;
    if (s.path) urls.push({ url: s.path, kind: 'article' });
    // A live story's entries have pages of their own (their permalinks), drawn by the page builder.
    const live = s.path ? data.live.get(s.id) : undefined;
    for (const e of live?.entries ?? []) urls.push({ url: entryPath(s.path as string, e.id), kind: 'entry' });
    if (!maxUpdatedAt || s.updated_at > maxUpdatedAt) maxUpdatedAt = s.updated_at;
  }
  return { urls, maxUpdatedAt, stories: data.stories.length };
}

/**
 * An edition on a host of its own, as a site of its own (`export static DIR --edition CODE`):
 * its home at `/`, its sections and stories (their paths carry no prefix), and its tag, author,
 * topic, corrections and live pages at the site's paths. Every page is drawn by the page
 * builders in its frame, as a request on its host is (kind `edition`: nothing fingerprinted).
 */
function hostEditionInventory(data: SiteData, pageSize: number, e: Edition): SiteInventory {
  const urls: PublicUrl[] = [{ url: '/', kind: 'edition' }];
  const mine = (sectionId: number) => data.base.tree.byId.get(sectionId)?.edition_id === e.id;
  for (const section of data.base.tree.byId.values()) {
    if (section.edition_id !== e.id) continue;
    urls.push(
      ...pageUrls(`/${section.path}`, data.bySection.get(section.id)?.length ?? 0, pageSize, 'edition'),
    );
  }
  urls.push(...ownLists(data, pageSize, e, ''));
  let maxUpdatedAt: string | null = null;
  let stories = 0;
  for (const s of data.stories) {
    if (!mine(s.section_id) || !s.path) continue;
    stories++;
    urls.push({ url: s.path, kind: 'edition' });
    for (const entry of data.live.get(s.id)?.entries ?? [])
      urls.push({ url: entryPath(s.path, entry.id), kind: 'edition' });
    if (!maxUpdatedAt || s.updated_at > maxUpdatedAt) maxUpdatedAt = s.updated_at;
  }
  return { urls, maxUpdatedAt, stories };
}

/**
 * Each prefixed edition's tag, author and topic pages (those with a story of its own, as the
 * default's), its corrections (every page) and its live page: the page builder draws them in
 * the edition's frame, as the routes under `/{prefix}/…` do.
 */
function editionPages(data: SiteData, pageSize: number): PublicUrl[] {
  const urls: PublicUrl[] = [];
  for (const e of data.base.editions) if (e.prefix) urls.push(...ownLists(data, pageSize, e, `/${e.prefix}`));
  return urls;
}

/** An edition's own tag, author, topic, corrections and live pages, under `base` (its prefix or ''). */
function ownLists(data: SiteData, pageSize: number, e: Edition, base: string): PublicUrl[] {
  const urls: PublicUrl[] = [];
  const own = (list: readonly { section_id: number }[] | undefined) =>
    (list ?? []).filter((s) => data.base.tree.byId.get(s.section_id)?.edition_id === e.id).length;
  const lists = (
    path: string,
    items: Iterable<{ id: number; slug: string }>,
    by: Map<number, { section_id: number }[]>,
  ) => {
    for (const item of [...items].sort((a, b) => a.id - b.id)) {
      const n = own(by.get(item.id));
      if (n > 0) urls.push(...pageUrls(`${base}/${path}/${item.slug}`, n, pageSize, 'edition'));
    }
  };
  lists('tag', data.tags.values(), data.byTag);
  lists('author', data.authors.values(), data.byAuthor);
  lists('topics', data.topics.values(), data.byTopic);
  let corrections = 0;
  for (const s of data.stories) {
    if (data.base.tree.byId.get(s.section_id)?.edition_id !== e.id) continue;
    corrections += (data.notices.get(s.id) ?? []).filter((n) => CORRECTION_KINDS.includes(n.kind)).length;
  }
  urls.push(...pageUrls(`${base}/corrections`, corrections, pageSize, 'edition'));
  urls.push({ url: `${base}/live`, kind: 'edition' });
  return urls;
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
  '/alerts.json',
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

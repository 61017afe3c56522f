import { Readable } from 'node:stream';
import { SitemapIndexStream, type SitemapItemLoose, SitemapStream, streamToPromise } from 'sitemap';
import { mediaByIds } from '../../content/index.js';
import type { Context } from '../../context.js';
import { editionUrls, editionsOf, publicTranslationGroups } from '../../editions/index.js';
import { absoluteImage } from '../api/story.js';
import { xmlChars } from '../feeds/xml-guard.js';
import { articlesPage, countArticles, listingPages, newestOnPage, recentArticles } from './queries.js';

/**
 * Sitemaps with the `sitemap` package (it escapes every value). /sitemap.xml is an index of
 * paged sitemaps: /sitemaps/pages-N.xml (home, sections, tags, authors, topics) and
 * /sitemaps/articles-N.xml (stories with their lead image), each at most 50,000 URLs as the
 * protocol allows. /sitemap-news.xml is the Google News sitemap.
 */
export const SITEMAP_LIMIT = 50_000;
export const NEWS_WINDOW_MS = 48 * 3_600_000;
export const NEWS_LIMIT = 1_000;

const EMPTY_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>';

async function toXml(
  items: SitemapItemLoose[],
  ns: { news?: boolean; image?: boolean; xhtml?: boolean },
): Promise<string> {
  if (!items.length) return EMPTY_URLSET;
  const stream = new SitemapStream({
    xmlns: { news: !!ns.news, image: !!ns.image, video: false, xhtml: !!ns.xhtml },
  });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

export interface SitemapPlan {
  articlePages: number;
  listingPages: number;
}

async function plan(ctx: Context, now: string, size: number) {
  // Other editions' homes: `/es` on the primary, `/` on an edition's own host.
  const others = (await editionsOf(ctx)).filter(
    (e) => !e.isDefault && (e.prefix !== null || e.host !== null),
  );
  const homes = others.map((e) => ({ path: e.home, editionId: e.id }));
  const prefixes = new Map(others.map((e) => [e.id, e.prefix]));
  const [articles, listings] = await Promise.all([
    countArticles(ctx.db, now),
    listingPages(ctx.db, now, homes, prefixes),
  ]);
  return {
    articlePages: Math.max(1, Math.ceil(articles / size)),
    listings,
    listingPages: Math.max(1, Math.ceil(listings.length / size)),
  };
}

export async function sitemapIndex(ctx: Context, size = SITEMAP_LIMIT): Promise<string> {
  const site = ctx.config.site;
  const now = ctx.now().toISOString();
  const p = await plan(ctx, now, size);
  const entries: { url: string; lastmod?: string }[] = [];
  for (let n = 1; n <= p.listingPages; n++) entries.push({ url: `${site.url}/sitemaps/pages-${n}.xml` });
  for (let n = 1; n <= p.articlePages; n++) {
    const newest = await newestOnPage(ctx.db, now, n, size);
    entries.push({ url: `${site.url}/sitemaps/articles-${n}.xml`, ...(newest ? { lastmod: newest } : {}) });
  }
  const stream = new SitemapIndexStream();
  return (await streamToPromise(Readable.from(entries).pipe(stream))).toString('utf8');
}

/** null when the page does not exist. */
export async function listingSitemap(
  ctx: Context,
  page: number,
  size = SITEMAP_LIMIT,
): Promise<string | null> {
  const site = ctx.config.site;
  const p = await plan(ctx, ctx.now().toISOString(), size);
  if (page > p.listingPages) return null;
  const base = editionUrls(site.url, await editionsOf(ctx));
  const items = p.listings
    .slice((page - 1) * size, page * size)
    .map((l) => ({ url: `${base(l.editionId)}${l.path}` }));
  return toXml(items, {});
}

/** null when the page does not exist. */
export async function articleSitemap(
  ctx: Context,
  page: number,
  size = SITEMAP_LIMIT,
): Promise<string | null> {
  const site = ctx.config.site;
  const now = ctx.now().toISOString();
  const rows = await articlesPage(ctx.db, now, page, size);
  if (!rows.length && page > 1) return null;
  const base = editionUrls(site.url, await editionsOf(ctx));
  const [media, groups] = await Promise.all([
    mediaByIds(
      ctx.db,
      rows.map((r) => r.lead_media_id),
    ),
    publicTranslationGroups(
      ctx.db,
      site,
      now,
      rows.flatMap((r) => (r.translation_group_id === null ? [] : [r.translation_group_id])),
    ),
  ]);
  let alternates = false;
  const items: SitemapItemLoose[] = rows.map((r) => {
    const lead = r.lead_media_id === null ? undefined : media.get(r.lead_media_id);
    const links = hreflangLinks(base, groups.get(r.translation_group_id ?? -1));
    if (links) alternates = true;
    return {
      url: `${base(r.edition_id)}${r.path}`,
      lastmod: r.updated_at,
      ...(lead ? { img: [{ url: absoluteImage(site, lead).url }] } : {}),
      ...(links ? { links } : {}),
    };
  });
  return toXml(items, { image: true, xhtml: alternates });
}

/** Google asks for ISO 639 codes, except zh-cn and zh-tw for Chinese. */
export function newsLanguage(language: string): string {
  const lang = language.toLowerCase();
  if (lang.startsWith('zh')) return /^zh-(tw|hant|hk)/.test(lang) ? 'zh-tw' : 'zh-cn';
  return lang.split('-')[0] ?? lang;
}

export async function newsSitemap(ctx: Context): Promise<string> {
  const site = ctx.config.site;
  const nowDate = ctx.now();
  const since = new Date(nowDate.getTime() - NEWS_WINDOW_MS).toISOString();
  const [rows, editions] = await Promise.all([
    recentArticles(ctx.db, nowDate.toISOString(), since, NEWS_LIMIT),
    editionsOf(ctx),
  ]);
  // Each story under its edition's name and language (Google treats each as a publication).
  const publicationOf = (editionId: number) => {
    const ed = editions.find((e) => e.id === editionId);
    return ed && !ed.isDefault
      ? { name: xmlChars(ed.name), language: newsLanguage(ed.language) }
      : { name: xmlChars(site.name), language: newsLanguage(site.language) };
  };
  const base = editionUrls(site.url, editions);
  const items: SitemapItemLoose[] = rows.map((r) => ({
    url: `${base(r.edition_id)}${r.path}`,
    news: {
      publication: publicationOf(r.edition_id),
      publication_date: r.first_published_at ?? r.updated_at,
      title: xmlChars(r.headline),
    },
  }));
  return toXml(items, { news: true });
}

/**
 * A story's `xhtml:link` alternates: every public story of its translation group and
 * `x-default` (the default edition's, else the first), the same set the story pages carry.
 */
function hreflangLinks(
  base: (editionId: number) => string,
  group: { editionId: number; language: string; path: string; isDefault: boolean }[] | undefined,
): { lang: string; hreflang: string; url: string }[] | null {
  if (!group || group.length < 2) return null;
  const url = (g: { editionId: number; path: string }) => `${base(g.editionId)}${g.path}`;
  const links = group.map((g) => ({ lang: g.language, hreflang: g.language, url: url(g) }));
  const fallback = group.find((g) => g.isDefault) ?? group[0];
  if (fallback) links.push({ lang: 'x-default', hreflang: 'x-default', url: url(fallback) });
  return links;
}

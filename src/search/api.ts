import { loadSectionTree } from '../content/index.js';
import type { Context } from '../context.js';
import { parseSearchParams, resolveFilters, type SearchParams } from './params.js';
import { searchArticles } from './search.js';
import { type ResultView, resultViews } from './view.js';

/**
 * JSON for apps (`GET /api/content/v1/search`) and for suggestions as you type. Presenters
 * name every field that leaves the server; field names and shapes follow the rest of the
 * Content API (docs/api.md): camelCase, absolute `url`s, `{ id, slug, name, url }` people.
 */
export interface ApiSearchResult {
  id: number;
  slug: string;
  path: string;
  url: string;
  headline: string;
  dek: string;
  section: { id: number; name: string; path: string; url: string } | null;
  authors: { id: number; slug: string; name: string; url: string }[];
  publishedAt: string;
  /** Escaped HTML: matching words in <mark>, nothing else. */
  highlight: { headline: string; snippet: string };
}

export interface ApiSearchResponse {
  data: ApiSearchResult[];
  query: string;
  sort: SearchParams['sort'];
  page: number;
  limit: number;
  total: number;
  pages: number;
}

function present(base: string, r: ResultView): ApiSearchResult {
  return {
    id: r.id,
    slug: r.href.split('/').at(-1) ?? '',
    path: r.href,
    url: `${base}${r.href}`,
    headline: r.headline,
    dek: r.dek,
    section: r.section
      ? { id: r.section.id, name: r.section.name, path: r.section.path, url: `${base}${r.section.href}` }
      : null,
    authors: r.bylines.map((b) => ({ id: b.id, slug: b.slug, name: b.name, url: `${base}${b.href}` })),
    publishedAt: r.published,
    highlight: { headline: r.headlineHtml, snippet: r.snippetHtml },
  };
}

/**
 * Public search for apps: published stories only, page-numbered (relevance order has no
 * stable key for a cursor). Throws SearchParamError on a bad query string.
 */
export async function apiSearch(ctx: Context, raw: unknown): Promise<ApiSearchResponse> {
  const params = parseSearchParams(raw, { strict: true });
  const filters = await resolveFilters(
    ctx.db,
    await loadSectionTree(ctx.db),
    params,
    ctx.now().toISOString(),
  );
  const found = await searchArticles(ctx.db, { q: params.q, ...filters.options, now: ctx.now() });
  const views = await resultViews(ctx.db, filters.tree, found.hits);
  return {
    data: views.map((r) => present(ctx.config.site.url, r)),
    query: params.q.slice(0, 256),
    sort: params.sort,
    page: params.page,
    limit: params.limit,
    total: found.total,
    pages: Math.ceil(found.total / params.limit),
  };
}

export interface SuggestResponse {
  query: string;
  suggestions: { headline: string; url: string }[];
}

/** Up to `limit` public headlines for what is typed so far (the last word as a prefix). */
export async function suggest(ctx: Context, q: unknown, limit = 6): Promise<SuggestResponse> {
  const text = typeof q === 'string' ? q.slice(0, 256) : '';
  const found = await searchArticles(ctx.db, {
    q: text,
    publicAt: ctx.now().toISOString(),
    limit,
    prefixLast: true,
    now: ctx.now(),
  });
  return {
    query: text,
    suggestions: found.hits.map((h) => ({ headline: h.headline, url: h.path ?? '/' })),
  };
}

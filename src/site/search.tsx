import type { Context } from '../context.js';
import { hasControlCharacters } from '../lib/text.js';
import {
  parseSearchParams,
  type ResultView,
  resolveFilters,
  resultViews,
  SearchParamError,
  type SearchParams,
  searchArticles,
  searchParams,
} from '../search/index.js';
import { type Edition, editionPath } from '../editions/index.js';
import { loadFrame } from './common.js';
import { msg } from './i18n/index.js';
import { renderDocument } from './render.js';
import { SearchPage, type SearchPageModel } from './theme/search.js';

/** The public search page: query string → filters → searchArticles → result cards → HTML. */

function hrefFor(searchPath: string, p: SearchParams, page: number): string {
  const qs = new URLSearchParams();
  qs.set('q', p.q.slice(0, 256));
  if (p.section) qs.set('section', p.section);
  if (p.author) qs.set('author', p.author);
  if (p.tag) qs.set('tag', p.tag);
  if (p.from) qs.set('from', p.from);
  if (p.to) qs.set('to', p.to);
  if (p.sort !== 'relevance') qs.set('sort', p.sort);
  if (page > 1) qs.set('page', String(page));
  return `${searchPath}?${qs.toString()}`;
}

/** The /search page as HTML and a status: 200, or 400 with the form and the reason. */
export async function searchPage(
  ctx: Context,
  raw: unknown,
  edition?: Edition,
): Promise<{ status: 200 | 400; html: string }> {
  // The edition's view (navigation, footer addresses) and section tree, as every page has them.
  const { view, tree: sectionTree, now, edition: ed } = await loadFrame(ctx, edition);
  const lang = view.site.language;
  const searchPath = editionPath(ed, '/search');
  let params: SearchParams = searchParams.parse({});
  let error: string | undefined;
  let total = 0;
  let results: ResultView[] = [];
  let tag: SearchPageModel['tag'];
  try {
    params = parseSearchParams(raw);
    const filters = await resolveFilters(ctx.db, sectionTree, params, now);
    tag = filters.tag;
    // The edition's readers search its stories, with its language's stemming (src/search).
    const found = await searchArticles(ctx.db, {
      q: params.q,
      ...filters.options,
      language: ed.language,
      now: ctx.now(),
    });
    total = found.total;
    results = await resultViews(ctx.db, sectionTree, found.hits);
  } catch (err) {
    if (!(err instanceof SearchParamError)) throw err;
    error = msg(lang, 'search.error', { reason: err.message });
    // The reader's words go back into the box, unless they are what was refused.
    const q = (raw as { q?: unknown })?.q;
    if (typeof q === 'string' && !hasControlCharacters(q)) params.q = q;
  }
  const authors = await ctx.db.selectFrom('authors').select(['slug', 'name']).orderBy('name').execute();
  const site = view.site;
  const q = params.q.trim().slice(0, 120);
  const head = {
    title: `${q ? msg(lang, 'search.headTitleQuery', { q }) : msg(lang, 'search.headTitle')} | ${site.name}`,
    description: msg(lang, 'search.description', { name: site.name }),
    canonical: `${site.url}${searchPath}`,
    type: 'website' as const,
    jsonLd: [],
    // Result pages are endless and thin: keep them out of search engines.
    noindex: true,
  };
  const model: SearchPageModel = {
    params,
    tree: sectionTree,
    authors,
    tag,
    total,
    results,
    pages: Math.min(1000, Math.ceil(total / params.limit)),
    error,
    hrefOf: (n) => hrefFor(searchPath, params, n),
  };
  return {
    status: error ? 400 : 200,
    html: renderDocument(<SearchPage view={view} head={head} model={model} />),
  };
}

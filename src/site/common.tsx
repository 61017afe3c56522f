import { sectionTag } from '../cache/tags.js';
import { ancestry, loadSectionTree, type SectionTree } from '../content/sections.js';
import type { Context } from '../context.js';
import { feedLinks } from '../distribution/index.js';
import { footerAddresses } from '../mirrors/index.js';
import { cardsFor } from './cards.js';
import { renderDocument } from './render.js';
import { ErrorPage } from './theme/pages.js';
import { type Crumb, type Head, type SiteView, type StoryCard, sectionHref } from './view.js';

/**
 * What every public page builder shares: the result type, the common view (navigation, footer,
 * section tree, the page's cache tags), the plain <head>, page numbers and the error pages.
 */
// `csp`: extra CSP directives a page needs (the hosts its video player plays from).
// `tags`: what a 200 page shows, in the cache tag vocabulary (cache/tags.ts).
export type PageResult =
  | { status: 200 | 400 | 404 | 410; html: string; csp?: string[]; tags?: string[] }
  | { status: 301; location: string; csp?: undefined };

export const PAGE_SIZE = 20;

export interface Common {
  ctx: Context;
  tree: SectionTree;
  view: SiteView;
  now: string;
  /** Cache tags of everything the page shows so far; builders add to it as they load. */
  tags: Set<string>;
}

/** What every public page shares: the section tree, the site view (nav, footer) and now. */
export async function common(ctx: Context, currentRoot?: number): Promise<Common> {
  const tree = await loadSectionTree(ctx.db);
  return {
    ctx,
    tree,
    now: ctx.now().toISOString(),
    // Every page shows the top-level sections in its navigation.
    tags: new Set(tree.roots.map((s) => sectionTag(s.id))),
    view: {
      site: ctx.config.site,
      nav: tree.roots.map((s) => ({ name: s.name, href: sectionHref(s), current: s.id === currentRoot })),
      addresses: footerAddresses(ctx.config.site.url, ctx.addresses.current()),
    },
  };
}

export function plainHead(
  c: Common,
  title: string,
  description: string,
  path: string,
  extra: Partial<Head> = {},
): Head {
  return {
    title: title === c.view.site.name ? title : `${title} | ${c.view.site.name}`,
    description,
    canonical: `${c.view.site.url}${path}`,
    type: 'website',
    jsonLd: [],
    feeds: feedLinks({ kind: 'all' }, c.view.site.name),
    ...extra,
  };
}

/** `?page=N`: page 1 is the bare path; anything that is not a whole number ≥ 1 is no page. */
export function parsePage(raw: unknown): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

export /** The page's tags: what the builders noted plus what each card shows. */
function pageTags(c: Common, cards: readonly StoryCard[]): string[] {
  for (const card of cards) for (const tag of card.tags) c.tags.add(tag);
  return [...c.tags];
}

export function crumbsOf(tree: SectionTree, sectionId: number): Crumb[] {
  return ancestry(tree, sectionId).map((s) => ({ name: s.name, href: sectionHref(s) }));
}

export async function errorPage(ctx: Context, status: 404 | 410): Promise<PageResult> {
  const c = await common(ctx);
  const latest = await cardsFor(ctx.db, c.tree, c.now, {}, { limit: 4, offset: 0 });
  const title = status === 410 ? 'Story removed' : 'Page not found';
  const head = plainHead(c, title, title, '/', { noindex: true });
  return {
    status,
    html: renderDocument(<ErrorPage view={c.view} head={head} status={status} latest={latest} />),
  };
}

export const notFound = (ctx: Context) => errorPage(ctx, 404);
export const gone = (ctx: Context) => errorPage(ctx, 410);

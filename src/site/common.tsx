import { sectionTag } from '../cache/index.js';
import { ancestry, editionTree, loadSectionTree, redirectFor, type SectionTree } from '../content/index.js';
import type { Context } from '../context.js';
import { defaultEdition, type Edition, editionPath, editionSiteUrl, editionsOf } from '../editions/index.js';
import { msg } from './i18n/index.js';
import { feedLinks } from '../distribution/index.js';
import { footerAddresses } from '../mirrors/index.js';
import { cardsFor } from './cards.js';
import { renderDocument } from './render.js';
import { ErrorPage } from './theme/pages.js';
import { type Crumb, type Head, type SiteView, type StoryCard, sectionHref } from './view.js';

/**
 * What every public page builder shares: the result type, the frame around every page
 * (navigation, footer, section tree), the plain <head>, page numbers and the error pages.
 */
// `csp`: extra CSP directives a page needs (the hosts its video player plays from).
// `tags`: what a 200 page shows, in the cache tag vocabulary (cache/tags.ts).
export type PageResult =
  | { status: 200 | 400 | 404 | 410; html: string; csp?: string[]; tags?: string[] }
  | { status: 301; location: string; csp?: undefined };

export const PAGE_SIZE = 20;

/**
 * The frame every public page shows around its content, and what builders need to fill it:
 * the section tree, the site view (navigation with no section marked current, footer) and now.
 * Read-only: a builder marks its section in a copy of the view (`withCurrentNav`) and returns
 * its cache tags with its HTML, so one frame serves any number of pages (the static export
 * loads it once).
 */
export interface Frame {
  readonly ctx: Context;
  readonly tree: SectionTree;
  readonly view: SiteView;
  readonly now: string;
  /** The edition the page is in, resolved once per request (src/editions). */
  readonly edition: Edition;
  readonly editions: readonly Edition[];
}

/**
 * Loads the frame of an edition (the default one unless given): the section tree (one query),
 * navigation, footer addresses, now. With several editions the tree is the edition's own
 * (its top-level sections, its newest stories); with one, it is the whole tree, as before.
 */
export async function loadFrame(ctx: Context, edition?: Edition): Promise<Frame> {
  // Read by every page: loaded once until a change is announced (cache/page-cache.ts memo).
  const [full, editions] = await Promise.all([
    ctx.cache.pages.memo('section-tree', () => loadSectionTree(ctx.db)),
    editionsOf(ctx),
  ]);
  const ed = edition ?? defaultEdition(editions);
  const tree = editions.length > 1 ? editionTree(full, ed.id) : full;
  const site = editionSite(ctx.config.site, ed);
  return {
    ctx,
    tree,
    now: ctx.now().toISOString(),
    edition: ed,
    editions,
    view: {
      site,
      nav: tree.roots.map((s) => ({ name: s.name, href: sectionHref(s), current: false })),
      addresses: footerAddresses(ctx.config.site.url, ctx.addresses.current(), ed),
      ...(editions.length > 1 || !ed.isDefault || ed.direction === 'rtl'
        ? {
            edition: {
              code: ed.code,
              language: ed.language,
              dir: ed.direction,
              home: ed.home,
              search: editionPath(ed, '/search'),
              isDefault: ed.isDefault,
            },
          }
        : {}),
    },
  };
}

/**
 * The site as an edition shows it: its name, language and time zone (the default edition's are
 * the configured ones, so a single-edition site is exactly as configured), its own host's URL
 * when it has one.
 */
export function editionSite(site: Context['config']['site'], ed: Edition): Context['config']['site'] {
  if (ed.isDefault && ed.name === site.name && ed.language === site.language && ed.timeZone === site.timeZone)
    return site;
  return {
    ...site,
    name: ed.name,
    language: ed.language,
    timeZone: ed.timeZone,
    description: ed.isDefault ? site.description : msg(ed.language, 'site.description', { name: ed.name }),
    url: editionSiteUrl(site.url, ed),
  };
}

/** The frame's view with the navigation items `isCurrent` picks marked current. */
export function withCurrentNav(view: SiteView, isCurrent: (href: string) => boolean): SiteView {
  return { ...view, nav: view.nav.map((n) => ({ ...n, current: isCurrent(n.href) })) };
}

/**
 * A page's cache tags, each once, in a fixed order: what the frame shows (every top-level
 * section, in the navigation), then what the builder names, then what each card shows.
 */
export function pageTags(f: Frame, own: readonly string[], cards: readonly StoryCard[] = []): string[] {
  const tags = new Set(f.tree.roots.map((s) => sectionTag(s.id)));
  for (const tag of own) tags.add(tag);
  for (const card of cards) for (const tag of card.tags) tags.add(tag);
  return [...tags];
}

export function plainHead(
  f: Frame,
  title: string,
  description: string,
  path: string,
  extra: Partial<Head> = {},
): Head {
  return {
    title: title === f.view.site.name ? title : `${title} | ${f.view.site.name}`,
    description,
    canonical: `${f.view.site.url}${path}`,
    type: 'website',
    jsonLd: [],
    feeds: allFeeds(f),
    ...extra,
  };
}

/** `?page=N`: page 1 is the bare path; anything that is not a whole number ≥ 1 is no page. */
export function parsePage(raw: unknown): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

export function crumbsOf(tree: SectionTree, sectionId: number): Crumb[] {
  return ancestry(tree, sectionId).map((s) => ({ name: s.name, href: sectionHref(s) }));
}

export async function errorPage(ctx: Context, status: 404 | 410, edition?: Edition): Promise<PageResult> {
  const f = await loadFrame(ctx, edition);
  const latest = await cardsFor(ctx.db, f.tree, f.now, editionScope(f), { limit: 4, offset: 0 });
  const title = msg(f.view.site.language, status === 410 ? 'error.removed' : 'error.notFound');
  const head = plainHead(f, title, title, '/', { noindex: true });
  return {
    status,
    html: renderDocument(<ErrorPage view={f.view} head={head} status={status} latest={latest} />),
  };
}

export const notFound = (ctx: Context, edition?: Edition) => errorPage(ctx, 404, edition);

/** A 301 when the path is an old address (a moved section, an imported site's), else a 404. */
export async function movedOrNotFound(ctx: Context, path: string, edition?: Edition): Promise<PageResult> {
  // Old paths from imports may be any printable text; control characters are never a page
  // (and PostgreSQL rejects NUL in text), so they stop here.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (path.length > 1000 || /[\u0000-\u001f\u007f]/.test(path)) return notFound(ctx, edition);
  const to = await redirectFor(ctx.db, path);
  return to ? { status: 301, location: to } : notFound(ctx, edition);
}
export const gone = (ctx: Context, edition?: Edition) => errorPage(ctx, 410, edition);

/** The stories a page of this frame lists: its edition's own when there are several, else all. */
export function editionScope(f: Pick<Frame, 'edition' | 'editions'>): { editionId?: number } {
  return f.editions.length > 1 ? { editionId: f.edition.id } : {};
}

/** A site path (`/tag/x`, `/corrections`) in the frame's edition: `/es/tag/x` for a prefixed one. */
export function inEdition(f: Pick<Frame, 'edition'>, path: string): string {
  return editionPath(f.edition, path);
}

/** A tag's, author's or topic's feeds as the frame's edition has them (its own stories alone). */
export function editionFeedLinks(
  f: Pick<Frame, 'edition'>,
  scope: { kind: 'tag' | 'author' | 'topic'; slug: string },
  name: string,
) {
  return feedLinks(f.edition.isDefault ? scope : { ...scope, edition: f.edition.code }, name);
}

/** The feeds of everything the page's edition publishes (the site's own for the default). */
export function allFeeds(f: Pick<Frame, 'edition' | 'view'>) {
  return f.edition.isDefault
    ? feedLinks({ kind: 'all' }, f.view.site.name)
    : feedLinks({ kind: 'edition', code: f.edition.code }, f.view.site.name);
}

import { type Doc, excerpt, renderHtml } from '../content/document/index.js';
import {
  type ArticleSummary,
  articleByPath,
  authorBySlug,
  bylinesOf,
  countPublished,
  isPublicArticle,
  type ListFilter,
  listPublished,
  mediaByIds,
  redirectFor,
  tagBySlug,
  tagsOf,
} from '../content/queries.js';
import {
  ancestry,
  descendantIds,
  loadSectionTree,
  type SectionNode,
  type SectionTree,
} from '../content/sections.js';
import type { Context } from '../context.js';
import type { ArticleRow, AuthorRow, MediaRow, TagRow } from '../db/index.js';
import { articleVideo, feedLinks } from '../distribution/index.js';
import { imageView, mediaUrl } from '../media/view.js';
import { footerAddresses } from '../mirrors/index.js';
import { cardsFor, toCards } from './cards.js';
import { renderDocument } from './render.js';
import { breadcrumbList, newsArticle, website } from './structured-data.js';
import { ArticlePage, ErrorPage, HomePage, ListPage, type ListModel } from './theme/pages.js';
import {
  authorHref,
  type Crumb,
  type Head,
  type SiteView,
  type StoryCard,
  sectionHref,
  tagHref,
} from './view.js';

/**
 * Page builders: load what a page shows, shape it into a view model, render it. Each returns
 * a status and HTML (or a redirect), so routes stay a line or two.
 */
// `csp`: extra CSP directives a page needs (the hosts its video player plays from).
export type PageResult =
  | { status: 200 | 404 | 410; html: string; csp?: string[] }
  | { status: 301; location: string; csp?: undefined };

export const PAGE_SIZE = 20;
const HOME_TOP = 7;
const HOME_BLOCK = 4;
const HOME_WINDOW = 200;
const MORE_IN_SECTION = 4;
/** An edit within this long of publication is not shown as an update. */
const UPDATE_GRACE_MS = 10 * 60_000;

export interface Common {
  ctx: Context;
  tree: SectionTree;
  view: SiteView;
  now: string;
}

/** What every public page shares: the section tree, the site view (nav, footer) and now. */
export async function common(ctx: Context, currentRoot?: number): Promise<Common> {
  const tree = await loadSectionTree(ctx.db);
  return {
    ctx,
    tree,
    now: ctx.now().toISOString(),
    view: {
      site: ctx.config.site,
      nav: tree.roots.map((s) => ({ name: s.name, href: sectionHref(s), current: s.id === currentRoot })),
      addresses: footerAddresses(ctx.config.site),
    },
  };
}

function plainHead(
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

export async function homePage(ctx: Context): Promise<PageResult> {
  const c = await common(ctx);
  const db = ctx.db;
  const top = await listPublished(db, c.now, {}, { limit: HOME_TOP, offset: 0 });
  const shown = new Set(top.map((s) => s.id));
  // One query of recent stories fills most section blocks; a section quiet for longer than
  // that window gets its own query.
  const recent = await listPublished(db, c.now, {}, { limit: HOME_WINDOW, offset: 0 });
  const rootOf = new Map<number, number>();
  for (const root of c.tree.roots) for (const id of descendantIds(c.tree, root.id)) rootOf.set(id, root.id);
  const byRoot = new Map<number, ArticleSummary[]>(c.tree.roots.map((r) => [r.id, []]));
  for (const story of recent) {
    const bucket = byRoot.get(rootOf.get(story.section_id) ?? -1);
    if (bucket && bucket.length < HOME_BLOCK && !shown.has(story.id)) bucket.push(story);
  }
  for (const root of c.tree.roots) {
    const bucket = byRoot.get(root.id) ?? [];
    if (bucket.length < HOME_BLOCK && recent.length === HOME_WINDOW) {
      const older = await listPublished(
        db,
        c.now,
        { sectionIds: descendantIds(c.tree, root.id) },
        { limit: HOME_BLOCK + HOME_TOP, offset: 0 },
      );
      bucket.splice(0, bucket.length, ...older.filter((s) => !shown.has(s.id)).slice(0, HOME_BLOCK));
    }
  }
  // Bylines and images for every card on the page in one batch.
  const all = await toCards(db, c.tree, [...top, ...[...byRoot.values()].flat()], { leadFirst: true });
  const cards = new Map(all.map((card) => [card.id, card]));
  const pick = (list: ArticleSummary[]) => list.map((s) => cards.get(s.id)).filter((x) => x !== undefined);
  const blocks = c.tree.roots
    .map((root) => ({ name: root.name, href: sectionHref(root), stories: pick(byRoot.get(root.id) ?? []) }))
    .filter((b) => b.stories.length > 0);
  const head = plainHead(c, c.view.site.name, c.view.site.description, '/', {
    jsonLd: [website(c.view.site)],
  });
  return {
    status: 200,
    html: renderDocument(<HomePage view={c.view} head={head} model={{ top: pick(top), blocks }} />),
  };
}

async function listPage(
  c: Common,
  page: number,
  filter: ListFilter,
  path: string,
  make: (pages: number) => Omit<ListModel, 'stories' | 'pagination'> & {
    description: string;
    type?: Head['type'];
    feeds?: Head['feeds'];
  },
): Promise<PageResult> {
  const total = await countPublished(c.ctx.db, c.now, filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) return notFound(c.ctx);
  const stories = await cardsFor(c.ctx.db, c.tree, c.now, filter, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return renderListPage(c, { page, pages, path, stories }, make(pages));
}

/** What a list page says about itself (section, tag or author), besides its stories. */
export type ListMeta = Omit<ListModel, 'stories' | 'pagination'> & {
  description: string;
  type?: Head['type'];
  feeds?: Head['feeds'];
};

/** The render half of a list page: no queries. */
export function renderListPage(
  c: Common,
  list: { page: number; pages: number; path: string; stories: StoryCard[] },
  meta: ListMeta,
): PageResult {
  const { page, pages, path, stories } = list;
  const { description, type, feeds, ...model } = meta;
  const pagePath = page === 1 ? path : `${path}?page=${page}`;
  const title = page === 1 ? model.title : `${model.title} — page ${page}`;
  const head = plainHead(c, title, description, pagePath, {
    type: type ?? 'website',
    jsonLd: model.crumbs.length ? [breadcrumbList(c.view.site, model.crumbs)] : [],
    ...(feeds ? { feeds: [...feeds, ...feedLinks({ kind: 'all' }, c.view.site.name)] } : {}),
  });
  const pagination = { page, pages, hrefOf: (n: number) => (n === 1 ? path : `${path}?page=${n}`) };
  return {
    status: 200,
    html: renderDocument(<ListPage view={c.view} head={head} model={{ ...model, stories, pagination }} />),
  };
}

function crumbsOf(tree: SectionTree, sectionId: number): Crumb[] {
  return ancestry(tree, sectionId).map((s) => ({ name: s.name, href: sectionHref(s) }));
}

/** Any path that is not a fixed route: an article, a section front, a redirect, or nothing. */
export async function pathPage(ctx: Context, path: string, page: number | null): Promise<PageResult> {
  // Old paths from imports may be any printable text; control characters are never a page
  // (and PostgreSQL rejects NUL in text), so they stop here.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (path.length > 1000 || /[\u0000-\u001f\u007f]/.test(path)) return notFound(ctx);
  if (!/^\/[a-z0-9/-]*$/.test(path)) return (await redirect(ctx, path)) ?? notFound(ctx);
  if (/\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+$/.test(path)) {
    const article = await articleByPath(ctx.db, path);
    if (article) return articlePage(ctx, article);
  }
  const c = await common(ctx);
  const section = c.tree.byPath.get(path.slice(1));
  if (section) {
    if (page === null) return notFound(ctx);
    return listPage(c, page, { sectionIds: descendantIds(c.tree, section.id) }, path, () =>
      sectionMeta(c, section),
    );
  }
  return (await redirect(ctx, path)) ?? notFound(ctx);
}

/** A section front's heading, breadcrumbs and feeds; marks its top-level section current. */
export function sectionMeta(c: Common, section: SectionNode): ListMeta {
  const path = sectionHref(section);
  c.view.nav = c.view.nav.map((n) => ({ ...n, current: path === n.href || path.startsWith(`${n.href}/`) }));
  return {
    kind: 'section',
    title: section.name,
    intro: section.description,
    description: section.description || `${section.name} news from ${c.view.site.name}`,
    crumbs: crumbsOf(c.tree, section.id),
    subsections: section.children.map((s) => ({ name: s.name, href: sectionHref(s) })),
    feeds: feedLinks({ kind: 'section', path: section.path }, section.name),
  };
}

async function redirect(ctx: Context, path: string): Promise<PageResult | null> {
  const to = await redirectFor(ctx.db, path);
  return to ? { status: 301, location: to } : null;
}

async function articlePage(ctx: Context, article: ArticleRow): Promise<PageResult> {
  const c = await common(ctx);
  if (!isPublicArticle(article, c.now)) {
    const withdrawn = article.deleted_at || article.status === 'unpublished' || article.status === 'archived';
    return withdrawn ? gone(ctx) : notFound(ctx);
  }
  const body = JSON.parse(article.body) as Doc;
  const bodyMedia: number[] = [];
  collectImages(body.content, bodyMedia);
  const [bylines, tags, media, more, video] = await Promise.all([
    bylinesOf(ctx.db, [article.id]),
    tagsOf(ctx.db, article.id),
    mediaByIds(ctx.db, [article.lead_media_id, ...bodyMedia]),
    cardsFor(
      ctx.db,
      c.tree,
      c.now,
      { sectionIds: descendantIds(c.tree, article.section_id), excludeId: article.id },
      { limit: MORE_IN_SECTION, offset: 0 },
    ),
    articleVideo(ctx.db, article, ctx.config.site),
  ]);
  return renderArticlePage(c, article, {
    body,
    bylines: bylines.get(article.id) ?? [],
    tags,
    media,
    more,
    video,
  });
}

/** What an article page shows besides the row; the static export loads it in bulk. */
export interface ArticlePageData {
  body: Doc;
  bylines: AuthorRow[];
  tags: TagRow[];
  /** The lead image and every image in the body, by id. */
  media: Map<number, MediaRow>;
  more: StoryCard[];
  video: Awaited<ReturnType<typeof articleVideo>>;
}

/** The render half of an article page: no queries. */
export function renderArticlePage(c: Common, article: ArticleRow, data: ArticlePageData): PageResult {
  const { body, tags, media, more, video } = data;
  const site = c.view.site;
  const section = c.tree.byId.get(article.section_id);
  const root = section ? ancestry(c.tree, section.id)[0] : undefined;
  c.view.nav = c.view.nav.map((n) => ({ ...n, current: root !== undefined && n.href === sectionHref(root) }));
  const authors = data.bylines.map((a) => ({ name: a.name, href: authorHref(a) }));
  const lead = article.lead_media_id === null ? undefined : media.get(article.lead_media_id);
  const published = article.first_published_at ?? article.updated_at;
  const updated =
    new Date(article.updated_at).getTime() - new Date(published).getTime() > UPDATE_GRACE_MS
      ? article.updated_at
      : null;
  const url = `${site.url}${article.path}`;
  const description = article.seo_description || article.dek || excerpt(body, 200);
  const crumbs = crumbsOf(c.tree, article.section_id);
  const leadImage = lead ? imageView(lead, '(min-width: 1100px) 54rem, 100vw') : null;
  const head: Head = {
    title: `${article.seo_title || article.headline} | ${site.name}`,
    description,
    canonical: url,
    type: 'article',
    feeds: [
      ...(section ? feedLinks({ kind: 'section', path: section.path }, section.name) : []),
      ...feedLinks({ kind: 'all' }, site.name),
    ],
    image: lead
      ? {
          url: `${site.url}${mediaUrl(lead.id, 1280, 'jpg')}`,
          width: 1280,
          height: Math.round((lead.height * 1280) / lead.width),
          alt: lead.alt,
        }
      : undefined,
    article: {
      published,
      modified: article.updated_at,
      section: section?.name ?? '',
      tags: tags.map((t) => t.name),
    },
    jsonLd: [
      newsArticle(site, {
        url,
        headline: article.headline,
        description,
        published,
        modified: article.updated_at,
        authors,
        images: lead ? [`${site.url}${mediaUrl(lead.id, 1280, 'jpg')}`] : [],
        section: section?.name ?? '',
        keywords: tags.map((t) => t.name),
        dateline: article.dateline,
      }),
      breadcrumbList(site, crumbs),
      ...(video ? [video.jsonLd] : []),
    ],
  };
  const bodyHtml = renderHtml(body, {
    media: (id) => {
      const m = media.get(id);
      return m ? imageView(m) : undefined;
    },
  });
  const model = {
    headline: article.headline,
    dek: article.dek,
    crumbs,
    bylines: authors,
    dateline: article.dateline,
    published,
    updated,
    lead: leadImage
      ? {
          image: leadImage,
          caption: article.lead_caption || lead?.caption || '',
          credit: article.lead_credit || lead?.credit || '',
          filePhoto: article.lead_file_photo === 1,
        }
      : null,
    bodyHtml,
    tags: tags.map((t) => ({ name: t.name, href: tagHref(t) })),
    section: section ? { name: section.name, href: sectionHref(section) } : { name: site.name, href: '/' },
    more,
    video: video?.player ?? null,
  };
  return {
    status: 200,
    html: renderDocument(<ArticlePage view={c.view} head={head} model={model} />),
    ...(video ? { csp: video.csp } : {}),
  };
}

export function collectImages(nodes: readonly unknown[] | undefined, out: number[]): void {
  for (const node of nodes ?? []) {
    const n = node as { type: string; attrs?: { mediaId?: number }; content?: unknown[] };
    if (n.type === 'image' && typeof n.attrs?.mediaId === 'number') out.push(n.attrs.mediaId);
    collectImages(n.content, out);
  }
}

/** Only slug-shaped strings reach the database. */
function isLookupSlug(slug: string): boolean {
  return /^[a-z0-9-]{1,120}$/.test(slug);
}

export async function authorPage(ctx: Context, slug: string, page: number | null): Promise<PageResult> {
  const author = isLookupSlug(slug) ? await authorBySlug(ctx.db, slug) : undefined;
  if (!author || page === null) return notFound(ctx);
  const c = await common(ctx);
  const avatar =
    author.avatar_media_id === null
      ? undefined
      : (await mediaByIds(ctx.db, [author.avatar_media_id])).get(author.avatar_media_id);
  return listPage(c, page, { authorId: author.id }, authorHref(author), () => authorMeta(author, avatar));
}

export function authorMeta(author: AuthorRow, avatar: MediaRow | undefined): ListMeta {
  return {
    kind: 'author',
    type: 'profile',
    title: author.name,
    intro: author.bio,
    description: author.bio || `Stories by ${author.name}`,
    crumbs: [],
    author: { ...author, avatar: avatar ? imageView(avatar, '96px', `Portrait of ${author.name}`) : null },
    feeds: feedLinks({ kind: 'author', slug: author.slug }, author.name),
  };
}

export async function tagPage(ctx: Context, slug: string, page: number | null): Promise<PageResult> {
  const tag = isLookupSlug(slug) ? await tagBySlug(ctx.db, slug) : undefined;
  if (!tag || page === null) return notFound(ctx);
  const c = await common(ctx);
  return listPage(c, page, { tagId: tag.id }, tagHref(tag), () => tagMeta(c, tag));
}

export function tagMeta(c: Common, tag: TagRow): ListMeta {
  return {
    kind: 'tag',
    title: tag.name,
    description: `Stories about ${tag.name} from ${c.view.site.name}`,
    crumbs: [],
    feeds: feedLinks({ kind: 'tag', slug: tag.slug }, tag.name),
  };
}

async function errorPage(ctx: Context, status: 404 | 410): Promise<PageResult> {
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

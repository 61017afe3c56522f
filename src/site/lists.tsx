// List pages: section fronts, author and tag pages, each paginated.
import {
  authorListTag,
  frontTag,
  authorTag,
  mediaTag,
  sectionListTag,
  sectionTag,
  tagListTag,
  tagTag,
} from '../cache/index.js';
import {
  ancestry,
  countPublished,
  type ListFilter,
  mediaByIds,
  publicAuthorBySlug,
  publicTagBySlug,
  type SectionNode,
} from '../content/index.js';
import type { Context } from '../context.js';
import type { Edition } from '../editions/index.js';
import type { AuthorRow, MediaRow, TagRow } from '../db/index.js';
import { feedLinks } from '../distribution/index.js';
import { sectionFront } from '../fronts/index.js';
import { imageView } from '../media/index.js';
import { cardsFor } from './cards.js';
import {
  allFeeds,
  crumbsOf,
  editionFeedLinks,
  editionScope,
  type Frame,
  inEdition,
  loadFrame,
  movedOrNotFound,
  notFound,
  PAGE_SIZE,
  type PageResult,
  pageTags,
  plainHead,
  withCurrentNav,
} from './common.js';
import { msg } from './i18n/index.js';
import { renderDocument } from './render.js';
import { keepingMarkup, pageNumber } from './theme/components.js';
import { breadcrumbList } from './structured-data.js';
import { type ListModel, ListPage } from './theme/pages.js';
import { authorHref, type Head, type StoryCard, sectionHref, tagHref } from './view.js';

/** The load half of a list page: count, one page of cards, render (404 past the last page). */
export async function listPage(
  c: Frame,
  page: number,
  filter: ListFilter,
  path: string,
  make: (pages: number) => ListMeta,
  /** The list's tag (`list:section:ID` …): the count is kept between renders until it is announced. */
  listTag?: string,
): Promise<PageResult> {
  const total = await countOf(c, filter, listTag);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) return notFound(c.ctx, c.edition);
  const stories = await pageCards(c, filter, page, listTag);
  return renderListPage(c, { page, pages, path, stories }, make(pages));
}

const KEPT_PAGES = 3;

/**
 * One page of a list's cards. With the list's tag they are kept between renders, as the count
 * is (cache/memo.ts), under that tag and the cards' own (what the page carries): a story
 * entering, leaving or moving in the list announces the list's tag, a story, byline, image or
 * section changing announces its card's. The edition is in the key: the cards' section names
 * are the edition's tree's. Only the first pages: those are read again and again, while a crawler
 * walking a big archive's `?page=N` reads each deep page once (keeping them would fill the memo
 * with twenty cards a page for nothing).
 */
function pageCards(c: Frame, filter: ListFilter, page: number, listTag?: string): Promise<StoryCard[]> {
  const load = () =>
    cardsFor(c.ctx.db, c.tree, c.now, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  if (listTag === undefined || page > KEPT_PAGES) return load();
  // Kept cards keep their markup too (made at their first rendering, gone with the cards).
  const loadKept = async () => keepingMarkup(await load());
  return c.ctx.cache.memo.get(
    `cards:${c.edition.id}:${page}:${JSON.stringify(filter)}`,
    loadKept,
    (cards) => [listTag, ...cards.flatMap((card) => card.tags)],
  );
}

/**
 * How many public stories a list has, for its pagination: counting a big section's archive on
 * every page a crawler walks costs more than the page's own stories, so with the list's tag the
 * count is kept until that tag is announced (cache/memo.ts; the count changes only when a story
 * enters or leaves the list, which announces it).
 */
export function countOf(c: Frame, filter: ListFilter, listTag?: string): Promise<number> {
  const count = () => countPublished(c.ctx.db, c.now, filter);
  if (listTag === undefined) return count();
  return c.ctx.cache.memo.get(`count:${JSON.stringify(filter)}`, count, () => [listTag]);
}

/** What a list page says about itself (section, tag or author), besides its stories. */
export type ListMeta = Omit<ListModel, 'stories' | 'pagination'> & {
  description: string;
  type?: Head['type'];
  feeds?: Head['feeds'];
  /** Cache tags of what the heading shows (the cards' own are added to them). */
  tags: string[];
  /** A section front's path: its top-level section is marked current in the navigation. */
  navPath?: string;
  /** schema.org data besides the breadcrumbs (a topic page's entity). */
  jsonLd?: object[];
};

/** The render half of a list page: no queries. */
export function renderListPage(
  c: Frame,
  list: { page: number; pages: number; path: string; stories: StoryCard[] },
  meta: ListMeta,
): PageResult {
  const { page, pages, path, stories } = list;
  const { description, type, feeds, tags, navPath, jsonLd, ...model } = meta;
  const view =
    navPath === undefined
      ? c.view
      : withCurrentNav(c.view, (href) => navPath === href || navPath.startsWith(`${href}/`));
  const pagePath = page === 1 ? path : `${path}?page=${page}`;
  const lang = c.view.site.language;
  const title =
    page === 1
      ? model.title
      : msg(lang, 'list.pageTitle', { title: model.title, page: pageNumber(lang, page) });
  const head = plainHead(c, title, description, pagePath, {
    type: type ?? 'website',
    jsonLd: [...(model.crumbs.length ? [breadcrumbList(c.view.site, model.crumbs)] : []), ...(jsonLd ?? [])],
    ...(feeds ? { feeds: [...feeds, ...allFeeds(c)] } : {}),
  });
  const pagination = { page, pages, hrefOf: (n: number) => (n === 1 ? path : `${path}?page=${n}`) };
  return {
    status: 200,
    html: renderDocument(<ListPage view={view} head={head} model={{ ...model, stories, pagination }} />),
    tags: pageTags(c, tags, stories),
  };
}

/** A section front's heading, breadcrumbs and feeds; its top-level section is current. */
export function sectionMeta(c: Frame, section: SectionNode): ListMeta {
  return {
    kind: 'section',
    title: section.name,
    intro: section.description,
    description:
      section.description ||
      msg(c.view.site.language, 'list.sectionDescription', { section: section.name, site: c.view.site.name }),
    crumbs: crumbsOf(c.tree, section.id),
    subsections: section.children.map((s) => ({ name: s.name, href: sectionHref(s) })),
    feeds: feedLinks({ kind: 'section', path: section.path }, section.name),
    tags: [
      sectionListTag(section.id),
      // Its first list stored turns this default page into a curated front.
      frontTag(sectionFront(section.id)),
      ...ancestry(c.tree, section.id).map((s) => sectionTag(s.id)),
      ...section.children.map((s) => sectionTag(s.id)),
    ],
    navPath: sectionHref(section),
  };
}

/** Only slug-shaped strings reach the database. */
function isLookupSlug(slug: string): boolean {
  return /^[a-z0-9-]{1,120}$/.test(slug);
}

/**
 * An author's page (`/author/{slug}`, in a prefixed edition `/es/author/{slug}`): their stories
 * of the page's edition (all of them on a single-edition site), drawn in its frame.
 */
export async function authorPage(
  ctx: Context,
  slug: string,
  page: number | null,
  edition?: Edition,
): Promise<PageResult> {
  const author = isLookupSlug(slug)
    ? await publicAuthorBySlug(ctx.db, ctx.now().toISOString(), slug)
    : undefined;
  if (page === null) return notFound(ctx, edition);
  const c = await loadFrame(ctx, edition);
  const path = inEdition(c, authorHref({ slug }));
  if (!author) return movedOrNotFound(ctx, path, c.edition); // an imported site's bylines
  const avatar =
    author.avatar_media_id === null
      ? undefined
      : (await mediaByIds(ctx.db, [author.avatar_media_id])).get(author.avatar_media_id);
  return listPage(
    c,
    page,
    { authorId: author.id, ...editionScope(c) },
    path,
    () => authorMeta(author, avatar, c),
    authorListTag(author.id),
  );
}

export function authorMeta(author: AuthorRow, avatar: MediaRow | undefined, c?: Frame): ListMeta {
  const lang = c?.view.site.language ?? 'en';
  return {
    kind: 'author',
    type: 'profile',
    title: author.name,
    intro: author.bio,
    description: author.bio || msg(lang, 'list.storiesBy', { name: author.name }),
    crumbs: [],
    author: {
      ...author,
      avatar: avatar ? imageView(avatar, '96px', msg(lang, 'list.portrait', { name: author.name })) : null,
    },
    feeds: c
      ? editionFeedLinks(c, { kind: 'author', slug: author.slug }, author.name)
      : feedLinks({ kind: 'author', slug: author.slug }, author.name),
    tags: [
      authorTag(author.id),
      authorListTag(author.id),
      ...(author.avatar_media_id === null ? [] : [mediaTag(author.avatar_media_id)]),
    ],
  };
}

/** A tag's page (`/tag/{slug}`, `/es/tag/{slug}`): its stories of the page's edition. */
export async function tagPage(
  ctx: Context,
  slug: string,
  page: number | null,
  edition?: Edition,
): Promise<PageResult> {
  const tag = isLookupSlug(slug) ? await publicTagBySlug(ctx.db, ctx.now().toISOString(), slug) : undefined;
  if (page === null) return notFound(ctx, edition);
  const c = await loadFrame(ctx, edition);
  const path = inEdition(c, tagHref({ slug }));
  if (!tag) return movedOrNotFound(ctx, path, c.edition); // an imported site's tags
  return listPage(
    c,
    page,
    { tagId: tag.id, ...editionScope(c) },
    path,
    () => tagMeta(c, tag),
    tagListTag(tag.id),
  );
}

export function tagMeta(c: Frame, tag: TagRow): ListMeta {
  return {
    kind: 'tag',
    title: tag.name,
    description: msg(c.view.site.language, 'list.storiesAbout', { name: tag.name, site: c.view.site.name }),
    crumbs: [],
    feeds: editionFeedLinks(c, { kind: 'tag', slug: tag.slug }, tag.name),
    tags: [tagTag(tag.id), tagListTag(tag.id)],
  };
}

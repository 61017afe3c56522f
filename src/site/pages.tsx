import {
  articleTag,
  authorTag,
  entityListTag,
  entityTag,
  liveTag,
  mediaTag,
  sectionListTag,
  sectionTag,
  tagTag,
} from '../cache/index.js';
import {
  ancestry,
  articleByPath,
  bylinesOf,
  descendantIds,
  isPublicArticle,
  mediaByIds,
  noticesOf,
  type PublicNotice,
  importedPostPath,
  tagsOf,
} from '../content/index.js';
import type { Context } from '../context.js';
import {
  type Edition,
  editionSiteUrl,
  editionsOf,
  resolveEdition,
  type TranslationLink,
  translationsOf,
} from '../editions/index.js';
import { MAX_ROW_ID } from '../shared/ids.js';
import type { ArticleRow, AuthorRow, MediaRow, TagRow } from '../db/index.js';
import { beaconPath } from '../audience/index.js';
import { feedLinks } from '../distribution/index.js';
import { type ArticleTopic, articleTopics, relatedStories } from '../knowledge/index.js';
import { imageView, mediaUrl } from '../media/index.js';
import { type Doc, excerpt, renderHtml } from '../shared/document/index.js';
import { cardsFor } from './cards.js';
import {
  allFeeds,
  crumbsOf,
  type Frame,
  gone,
  inEdition,
  loadFrame,
  movedOrNotFound,
  notFound,
  type PageResult,
  pageTags,
  withCurrentNav,
} from './common.js';
import { curatedSectionPage, homePage } from './fronts.js';
import { type LiveData, liveBlock, liveBlogPosting, loadLive } from './live-coverage.js';
import { liveEntryPage } from './live-entry.js';
import { topicHref } from './topics.js';
import { listPage, sectionMeta } from './lists.js';
import { noticeModel } from './notices.js';
import { renderDocument } from './render.js';
import { breadcrumbList, newsArticle } from './structured-data.js';
import { keepingMarkup } from './theme/components.js';
import { ArticlePage } from './theme/pages.js';
import { storyRelations } from './story-relations.js';
import { articleVideo } from './video.js';
import { authorHref, type Head, type StoryCard, sectionHref, tagHref } from './view.js';

/**
 * Page builders: load what a page shows, shape it into a view model, render it. Each returns
 * a status and HTML with the page's cache tags (or a redirect), so routes stay a line or two.
 */
export {
  crumbsOf,
  type Frame,
  gone,
  loadFrame,
  notFound,
  PAGE_SIZE,
  type PageResult,
  pageTags,
  parsePage,
  plainHead,
  withCurrentNav,
} from './common.js';
export { curatedSectionPage, homePage, renderHomePage } from './fronts.js';
export {
  authorMeta,
  authorPage,
  type ListMeta,
  listPage,
  renderListPage,
  sectionMeta,
  tagMeta,
  tagPage,
} from './lists.js';

const MORE_IN_SECTION = 4;
const RELATED = 4;
/**
 * A change to the readers' copy this soon after publication is bookkeeping of the publication
 * itself (a scheduled story's timestamps a poll apart), not an update. Edits of a live story
 * reach readers only through Update (content/working-copy.ts), so past this every change is one.
 */
const UPDATE_GRACE_MS = 60_000;

/** Any path that is not a fixed route: an article, a section front, a redirect, or nothing. */
export async function pathPage(
  ctx: Context,
  path: string,
  page: number | null,
  host?: string,
): Promise<PageResult> {
  // The request's edition, resolved once: its host, else the path's first segment (src/editions).
  const editions = await editionsOf(ctx);
  const edition = resolveEdition(editions, host, path);
  if (!/^\/[a-z0-9/-]*$/.test(path)) return movedOrNotFound(ctx, path, edition);
  if (edition.prefix && path === `/${edition.prefix}`) {
    // An edition's home has no pages beyond the first (as `/`), and no old-link redirects.
    return page === 1 ? homePage(ctx, edition) : notFound(ctx, edition);
  }
  // An entry of a live story: `{story path}/entry/{id}`.
  const entry = /^(\/.*\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)\/entry\/([1-9]\d{0,15})$/.exec(path);
  if (entry) {
    const article = await articleByPath(ctx.db, entry[1] as string);
    const id = Number(entry[2]);
    if (article && id <= MAX_ROW_ID) return liveEntryPage(ctx, article, id);
  }
  if (/\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+$/.test(path)) {
    const article = await articleByPath(ctx.db, path);
    // A story is shown in its own edition, whichever address asked for it.
    if (article)
      return articlePage(ctx, article, editions.find((e) => e.id === article.edition_id) ?? edition);
  }
  const c = await loadFrame(ctx, edition);
  const section = c.tree.byPath.get(path.slice(1));
  if (section) {
    if (page === null) return notFound(ctx, edition);
    if (page === 1) {
      const curated = await curatedSectionPage(c, section, path);
      if (curated) return curated;
    }
    return listPage(
      c,
      page,
      { sectionIds: descendantIds(c.tree, section.id) },
      path,
      () => sectionMeta(c, section),
      sectionListTag(section.id),
    );
  }
  return movedOrNotFound(ctx, path, edition);
}

/** `/?p=ID` of an imported site: a 301 to the story the import made of post ID, else a 404. */
export async function oldPostLink(ctx: Context, id: unknown): Promise<PageResult> {
  const to = typeof id === 'string' && /^\d{1,19}$/.test(id) ? await importedPostPath(ctx.db, id) : undefined;
  return to ? { status: 301, location: to } : notFound(ctx);
}

async function articlePage(ctx: Context, article: ArticleRow, edition: Edition): Promise<PageResult> {
  const c = await loadFrame(ctx, edition);
  if (!isPublicArticle(article, c.now)) {
    const withdrawn = article.deleted_at || article.status === 'unpublished' || article.status === 'archived';
    return withdrawn ? gone(ctx, edition) : notFound(ctx, edition);
  }
  return renderArticlePage(c, article, await loadArticlePage(c, article));
}

/** The load half of an article page (the preview shows drafts through it too). */
export async function loadArticlePage(c: Frame, article: ArticleRow): Promise<ArticlePageData> {
  const { ctx } = c;
  const body = JSON.parse(article.body) as Doc;
  const bodyMedia: number[] = [];
  collectImages(body.content, bodyMedia);
  // The rows most stories lack are read only when there are some (story-relations.ts).
  const optional = storyRelations(ctx.db, article.id).then((has) =>
    Promise.all([
      has.video ? articleVideo(ctx.db, article, ctx.config.site) : null,
      has.notices ? noticesOf(ctx.db, [article.id]) : new Map<number, PublicNotice[]>(),
      has.live ? loadLive(ctx.db, article.id) : null,
      has.entities ? articleTopics(ctx.db, article.id, article.headline) : [],
      has.entities ? relatedCards(c, article.id) : [],
    ]),
  );
  const [bylines, tags, media, more, [video, notices, live, topics, related], translations] =
    await Promise.all([
      bylinesOf(ctx.db, [article.id]),
      tagsOf(ctx.db, article.id),
      mediaByIds(ctx.db, [article.lead_media_id, ...bodyMedia]),
      moreInSection(c, article),
      optional,
      translationsOf(ctx.db, ctx.config.site, article, c.now),
    ]);
  return {
    live,
    body,
    bylines: bylines.get(article.id) ?? [],
    tags,
    media,
    more,
    video,
    notices: notices.get(article.id) ?? [],
    topics,
    related,
    translations,
  };
}

/**
 * The newest stories of the story's section but itself. Every story of a section shows the same
 * few, so the section's newest (one more than shown, for the story itself) are kept between
 * renders under the tags a page showing them carries (cache/memo.ts).
 */
async function moreInSection(c: Frame, article: ArticleRow): Promise<StoryCard[]> {
  const sectionId = article.section_id;
  const newest = await c.ctx.cache.memo.get(
    `more:${c.edition.id}:${sectionId}`,
    async () =>
      keepingMarkup(
        await cardsFor(
          c.ctx.db,
          c.tree,
          c.now,
          { sectionIds: descendantIds(c.tree, sectionId) },
          { limit: MORE_IN_SECTION + 1, offset: 0 },
        ),
      ),
    (cards) => [sectionListTag(sectionId), ...cards.flatMap((card) => card.tags)],
  );
  return newest.filter((card) => card.id !== article.id).slice(0, MORE_IN_SECTION);
}

/** Stories sharing the story's confirmed entities (knowledge/related.ts), strongest first. */
async function relatedCards(c: Frame, articleId: number): Promise<StoryCard[]> {
  const ids = await relatedStories(c.ctx.db, c.now, articleId, RELATED);
  if (ids.length === 0) return [];
  const cards = await cardsFor(c.ctx.db, c.tree, c.now, { ids }, { limit: ids.length, offset: 0 });
  return ids.flatMap((id) => cards.filter((card) => card.id === id));
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
  /** Standing notices (corrections …), oldest first. */
  notices: PublicNotice[];
  /** Its live coverage (src/live), if it was ever covered live. */
  live?: LiveData | null;
  /** Its confirmed entities (src/knowledge), those it is about first. */
  topics?: ArticleTopic[];
  /** Stories sharing its confirmed entities, strongest first. */
  related?: StoryCard[];
  /** Its translations in other editions (src/editions), any state: public ones are alternates. */
  translations?: TranslationLink[];
}

/** The render half of an article page: no queries. */
export function renderArticlePage(
  c: Frame,
  article: ArticleRow,
  data: ArticlePageData,
  opts: { preview?: boolean } = {},
): PageResult {
  const { body, tags, media, more, video } = data;
  const topics = data.topics ?? [];
  const related = data.related ?? [];
  const site = c.view.site;
  const section = c.tree.byId.get(article.section_id);
  const root = section ? ancestry(c.tree, section.id)[0] : undefined;
  const view = withCurrentNav(c.view, (href) => root !== undefined && href === sectionHref(root));
  // Tag, author and topic links stay in the story's edition (`/es/tag/…`).
  const authors = data.bylines.map((a) => ({ name: a.name, href: inEdition(c, authorHref(a)) }));
  const shown = [
    articleTag(article.id),
    sectionListTag(article.section_id), // "More in …"
    ...ancestry(c.tree, article.section_id).map((s) => sectionTag(s.id)),
    ...data.bylines.map((a) => authorTag(a.id)),
    ...tags.map((t) => tagTag(t.id)),
    ...topics.map((t) => entityTag(t.id)),
    // Related stories: any story joining or leaving one of its topics may change them.
    ...topics.map((t) => entityListTag(t.id)),
    ...[...media.keys()].map(mediaTag),
    // A translation published, changed or withdrawn changes the alternates and the switcher.
    ...(data.translations ?? []).map((t) => articleTag(t.articleId)),
  ];
  const lead = article.lead_media_id === null ? undefined : media.get(article.lead_media_id);
  const published = article.first_published_at ?? article.updated_at;
  const notices = noticeModel(data.notices, published);
  const updated =
    new Date(article.updated_at).getTime() - new Date(published).getTime() > UPDATE_GRACE_MS
      ? article.updated_at
      : notices.updated;
  const url = `${site.url}${article.path}`;
  const description = article.seo_description || article.dek || excerpt(body, 200);
  const crumbs = crumbsOf(c.tree, article.section_id);
  const live = data.live && article.path ? liveBlock(site, article.id, article.path, data.live) : null;
  // Always: starting live coverage announces this tag alone (live/commands.ts).
  shown.push(liveTag(article.id));
  if (live) shown.push(...live.tags);
  const leadImage = lead ? imageView(lead, '(min-width: 1100px) 54rem, 100vw') : null;
  const head: Head = {
    title: `${article.seo_title || article.headline} | ${site.name}`,
    description,
    canonical: url,
    alternates: alternatesOf(c, article, data.translations ?? []),
    type: 'article',
    feeds: [
      ...(section ? feedLinks({ kind: 'section', path: section.path }, section.name) : []),
      ...allFeeds(c),
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
      data.live && live
        ? liveBlogPosting(
            site,
            { url, headline: article.headline, description, published, modified: article.updated_at },
            data.live,
          )
        : newsArticle(site, {
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
            corrections: notices.corrections,
            about: topics
              .filter((t) => t.about)
              .map((t) => ({ ...t, url: `${site.url}${inEdition(c, topicHref(t))}` })),
            mentions: topics
              .filter((t) => !t.about)
              .map((t) => ({ ...t, url: `${site.url}${inEdition(c, topicHref(t))}` })),
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
  if (opts.preview) previewHead(head, article);
  const model = {
    notPublished: opts.preview ? notPublishedLabel(article) : null,
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
    tags: tags.map((t) => ({ name: t.name, href: inEdition(c, tagHref(t)) })),
    topics: topics.map((t) => ({ name: t.name, href: inEdition(c, topicHref(t)) })),
    related,
    section: section ? { name: section.name, href: sectionHref(section) } : { name: site.name, href: '/' },
    more,
    video: video?.player ?? null,
    notices: notices.view,
    // A preview is not a reader: it is not counted.
    beacon: opts.preview ? null : beaconPath(article.id),
    live: live ? { live: live.live, topHtml: live.topHtml, feedHtml: live.feedHtml } : null,
  };
  return {
    status: 200,
    html: renderDocument(<ArticlePage view={view} head={head} model={model} />),
    ...(video ? { csp: video.csp } : {}),
    tags: pageTags(c, shown, [...more, ...related]),
  };
}

/** A preview is private: a band, noindex, and no claim of a publication that has not happened. */
function previewHead(head: Head, article: ArticleRow): void {
  head.noindex = true;
  head.preview = 'Preview — not published';
  if (notPublishedLabel(article)) {
    head.article = undefined;
    head.jsonLd = head.jsonLd.filter((d) => (d as { '@type'?: string })['@type'] !== 'NewsArticle');
  }
}

/** What a preview's date line says for a story readers cannot see (null: it is published). */
function notPublishedLabel(article: ArticleRow): string | null {
  if (article.status === 'published') return null;
  if (article.status === 'scheduled') return 'Scheduled · not published yet';
  if (article.status === 'draft' || article.status === 'in_review') return 'Draft · not published';
  return 'Not published';
}

export function collectImages(nodes: readonly unknown[] | undefined, out: number[]): void {
  for (const node of nodes ?? []) {
    const n = node as { type: string; attrs?: { mediaId?: number }; content?: unknown[] };
    if (n.type === 'image' && typeof n.attrs?.mediaId === 'number') out.push(n.attrs.mediaId);
    collectImages(n.content, out);
  }
}

/**
 * hreflang alternates of a story with public translations: itself and each of them (absolute,
 * on each edition's address), and `x-default` on the default edition's version, else the
 * group's first in edition order. Every story of a group computes the same set, so the links
 * point both ways. None without a public translation.
 */
export function alternatesOf(
  c: Frame,
  article: Pick<ArticleRow, 'id' | 'path' | 'edition_id'>,
  translations: readonly TranslationLink[],
): NonNullable<Head['alternates']> {
  const shown = translations.filter((t) => t.public && t.path);
  if (!shown.length || !article.path) return [];
  const url = (editionId: number, path: string) => {
    const ed = c.editions.find((e) => e.id === editionId);
    return `${ed ? editionSiteUrl(c.ctx.config.site.url, ed) : c.ctx.config.site.url}${path}`;
  };
  const own = c.editions.find((e) => e.id === article.edition_id);
  const members = [
    {
      editionId: article.edition_id,
      language: own?.language ?? c.view.site.language,
      path: article.path,
      current: true,
    },
    ...shown.map((t) => ({
      editionId: t.editionId,
      language: t.language,
      path: t.path as string,
      current: false,
    })),
  ];
  const order = (id: number) => c.editions.findIndex((e) => e.id === id);
  members.sort((a, b) => order(a.editionId) - order(b.editionId));
  const byDefault =
    members.find((m) => c.editions.find((e) => e.id === m.editionId)?.isDefault) ?? members[0];
  const out = members.map((m) => ({
    hreflang: m.language,
    href: url(m.editionId, m.path),
    label: languageName(m.language),
    current: m.current,
  }));
  if (byDefault) {
    out.push({
      hreflang: 'x-default',
      href: url(byDefault.editionId, byDefault.path),
      label: languageName(byDefault.language),
      current: byDefault.current,
    });
  }
  return out;
}

/**
 * A language named in itself ("Español", "العربية"), for the switcher. Remembered per tag: an
 * Intl.DisplayNames is costly to make, and a site has a handful of languages.
 */
function languageName(tag: string): string {
  let name = languageNames.get(tag);
  if (name === undefined) {
    try {
      const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
      name = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
    } catch {
      name = tag;
    }
    if (languageNames.size < 1000) languageNames.set(tag, name);
  }
  return name;
}

const languageNames = new Map<string, string>();

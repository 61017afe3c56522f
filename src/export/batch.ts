import {
  type ArticleSummary,
  ancestry,
  bylinesOf,
  isPublicArticle,
  listPublished,
  mediaByIds,
  noticesOf,
  type PublicNotice,
} from '../content/index.js';
import { translationsOf } from '../editions/index.js';
import type { Context } from '../context.js';
import { coverages } from '../live/index.js';
import type { ArticleRow, AuthorRow, MediaRow, TagRow } from '../db/index.js';
import { type ArticleTopic, RelatedIndex, topicsOfStories } from '../knowledge/index.js';
import type { Doc } from '../shared/document/index.js';
import type { StoryCard } from '../site/index.js';
import {
  articleVideo,
  authorMeta,
  cardOf,
  collectImages,
  type Frame,
  keepCardMarkup,
  type LiveData,
  loadFrame,
  loadLive,
  PAGE_SIZE,
  type PageResult,
  renderArticlePage,
  renderListPage,
  sectionMeta,
  tagMeta,
} from '../site/index.js';
import { digest, digestOf } from './fingerprint.js';

/**
 * Many pages from data loaded in bulk: every public story's summary, bylines and tags once,
 * then article rows in chunks. The pages themselves come from the site's render halves (the
 * same code the live routes run after their per-page queries), so the HTML is identical; only
 * the loading differs. Lists are sliced in memory from one newest-first list, in the order
 * `listPublished` gives (first_published_at, then id, descending).
 */
const MORE_IN_SECTION = 4;
/** Related stories under a story page, as src/site/pages.tsx shows them. */
const RELATED = 4;
const CHUNK = 500;

export interface SiteData {
  /** The frame every page shares (read-only: pages return their own tags and navigation). */
  base: Frame;
  /** Each edition's frame (src/editions), by id: its stories and sections are drawn in it. */
  frames: Map<number, Frame>;
  stories: ArticleSummary[];
  bySection: Map<number, ArticleSummary[]>;
  byTag: Map<number, ArticleSummary[]>;
  byAuthor: Map<number, ArticleSummary[]>;
  tags: Map<number, TagRow>;
  tagBySlug: Map<string, TagRow>;
  tagsOf: Map<number, TagRow[]>;
  authors: Map<number, AuthorRow>;
  authorBySlug: Map<string, AuthorRow>;
  bylines: Map<number, AuthorRow[]>;
  media: Map<number, MediaRow>;
  /** Standing notices (corrections …) of public stories. */
  notices: Map<number, PublicNotice[]>;
  /** Live coverage (src/live) of public stories that have some: their timelines and entry pages. */
  live: Map<number, LiveData>;
  /** Confirmed entities of public stories (src/knowledge): their Topics line. */
  topicsOf: Map<number, ArticleTopic[]>;
  /** Entities confirmed on a public story: each has a topic page (and feeds). */
  topics: Map<number, ArticleTopic>;
  topicBySlug: Map<string, ArticleTopic>;
  byTopic: Map<number, ArticleSummary[]>;
  /** Related stories under each story page, ranked as the live page ranks them. */
  related: RelatedIndex;
  storyById: Map<number, ArticleSummary>;
}

function push<K>(map: Map<K, ArticleSummary[]>, key: K, s: ArticleSummary) {
  const list = map.get(key);
  if (list) list.push(s);
  else map.set(key, [s]);
}

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

export async function loadSiteData(ctx: Context): Promise<SiteData> {
  const db = ctx.db;
  const base = await loadFrame(ctx);
  const frames = new Map<number, Frame>([[base.edition.id, base]]);
  for (const e of base.editions) if (!frames.has(e.id)) frames.set(e.id, await loadFrame(ctx, e));
  const stories = await listPublished(db, base.now, {}, { limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const ids = stories.map((s) => s.id);
  const publicIds = new Set(ids);
  const bylines = new Map<number, AuthorRow[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const [id, list] of await bylinesOf(db, ids.slice(i, i + CHUNK))) bylines.set(id, list);
  }
  const tags = new Map((await db.selectFrom('tags').selectAll().execute()).map((t) => [t.id, t]));
  const links = await db
    .selectFrom('article_tags')
    .select(['article_id', 'tag_id'])
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  const tagsOf = new Map<number, TagRow[]>();
  for (const l of links) {
    const tag = tags.get(l.tag_id);
    if (!tag || !publicIds.has(l.article_id)) continue;
    const list = tagsOf.get(l.article_id);
    if (list) list.push(tag);
    else tagsOf.set(l.article_id, [tag]);
  }
  const authors = new Map((await db.selectFrom('authors').selectAll().execute()).map((a) => [a.id, a]));
  const bySection = new Map<number, ArticleSummary[]>();
  const byTag = new Map<number, ArticleSummary[]>();
  const byAuthor = new Map<number, ArticleSummary[]>();
  const topicsOf = await topicsOfStories(db, stories);
  const topics = new Map<number, ArticleTopic>();
  const byTopic = new Map<number, ArticleSummary[]>();
  for (const s of stories) {
    for (const t of topicsOf.get(s.id) ?? []) {
      if (!topics.has(t.id)) topics.set(t.id, t);
      push(byTopic, t.id, s);
    }
    for (const section of ancestry(base.tree, s.section_id)) push(bySection, section.id, s);
    for (const t of tagsOf.get(s.id) ?? []) push(byTag, t.id, s);
    for (const a of bylines.get(s.id) ?? []) push(byAuthor, a.id, s);
  }
  const mediaIds = [
    ...new Set([
      ...stories.map((s) => s.lead_media_id),
      ...[...authors.values()].map((a) => a.avatar_media_id),
    ]),
  ].filter((id): id is number => id !== null);
  const media = new Map<number, MediaRow>();
  for (const m of await inChunks(mediaIds, async (c) => [...(await mediaByIds(db, c)).values()]))
    media.set(m.id, m);
  return {
    base,
    frames,
    stories,
    bySection,
    byTag,
    byAuthor,
    tags,
    tagBySlug: new Map([...tags.values()].map((t) => [t.slug, t])),
    tagsOf,
    authors,
    authorBySlug: new Map([...authors.values()].map((a) => [a.slug, a])),
    bylines,
    media,
    notices: await noticesOf(db, ids),
    live: await liveOf(db, publicIds),
    topicsOf,
    topics,
    topicBySlug: new Map([...topics.values()].map((t) => [t.slug, t])),
    byTopic,
    related: await RelatedIndex.load(db),
    storyById: new Map(stories.map((s) => [s.id, s])),
  };
}

/** Few stories are covered live: each one's timeline is read on its own. */
async function liveOf(db: Context['db'], publicIds: Set<number>): Promise<Map<number, LiveData>> {
  const out = new Map<number, LiveData>();
  for (const c of await coverages(db)) {
    if (!publicIds.has(c.articleId)) continue;
    const data = await loadLive(db, c.articleId);
    if (data) out.set(c.articleId, data);
  }
  return out;
}

/**
 * A page ready to render, with the fingerprint of everything it is made from (besides what
 * the site fingerprint covers): rendering can be skipped when that is what the last export had.
 */
export interface PreparedPage {
  input: string;
  render(): PageResult;
}

/** The columns of a story row but its body (every row is `selectAll()` of the same table). */
let rowColumns: string[] | undefined;

export class BatchRenderer {
  private cards = new Map<number, StoryCard>();
  /** Digest of each card's view model: list pages and "More in" lists are fingerprinted by it. */
  private cardDigests = new Map<number, string>();
  private rows = new Map<string, ArticleRow>();
  /** Images in a loaded story's body, by path. */
  private bodyMedia = new Map<string, number[]>();
  private withVideo = new Set<number>();
  private images = new Map<string, NonNullable<StoryCard['image']>>();

  /** `site`: the site fingerprint (fingerprint.ts), the common part of every page's. */
  constructor(
    private readonly ctx: Context,
    readonly data: SiteData,
    private readonly site = '',
  ) {}

  private cardDigest(s: ArticleSummary): string {
    let d = this.cardDigests.get(s.id);
    if (d === undefined) {
      d = digestOf(this.card(s));
      this.cardDigests.set(s.id, d);
    }
    return d;
  }

  private card(s: ArticleSummary): StoryCard {
    let card = this.cards.get(s.id);
    if (!card) {
      card = cardOf(this.data.base.tree, s, this.data.bylines, this.data.media);
      // Cards showing the same picture at the same size share one image view (srcsets are a
      // few hundred bytes each, and a cached card lives for the whole export).
      if (card.image) {
        const key = `${card.image.src}|${card.image.sizes}|${card.image.alt}|${card.image.position}`;
        const shared = this.images.get(key);
        if (shared) card.image = shared;
        else this.images.set(key, card.image);
      }
      keepCardMarkup(card);
      this.cards.set(s.id, card);
    }
    return card;
  }

  private list(
    c: Frame,
    path: string,
    all: ArticleSummary[],
    page: number,
    meta: Parameters<typeof renderListPage>[2],
  ): PreparedPage {
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const shown = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const input = digest(
      this.site,
      path,
      `${page}/${pages}`,
      JSON.stringify(meta),
      ...shown.map((s) => this.cardDigest(s)),
    );
    const render = () =>
      renderListPage(c, { page, pages, path, stories: shown.map((s) => this.card(s)) }, meta);
    return { input, render };
  }

  /** A section front, tag or author page; null when the URL is not one (the caller falls back). */
  listPage(path: string, page: number): PageResult | null {
    return this.prepareList(path, page)?.render() ?? null;
  }

  /** A list page ready to render, or null as `listPage`. */
  prepareList(path: string, page: number): PreparedPage | null {
    const d = this.data;
    const c = d.base;
    const m = /^\/(tag|author)\/([a-z0-9-]+)$/.exec(path);
    if (m?.[1] === 'tag') {
      const tag = d.tagBySlug.get(m[2] ?? '');
      return tag ? this.list(c, path, d.byTag.get(tag.id) ?? [], page, tagMeta(c, tag)) : null;
    }
    if (m?.[1] === 'author') {
      const author = d.authorBySlug.get(m[2] ?? '');
      if (!author) return null;
      const avatar = author.avatar_media_id === null ? undefined : d.media.get(author.avatar_media_id);
      return this.list(c, path, d.byAuthor.get(author.id) ?? [], page, authorMeta(author, avatar));
    }
    const section = d.base.tree.byPath.get(path.slice(1));
    if (!section) return null;
    // A section is drawn in its edition's frame (its navigation, language, direction).
    const own = d.frames.get(section.edition_id) ?? c;
    return this.list(own, path, d.bySection.get(section.id) ?? [], page, sectionMeta(own, section));
  }

  /** Load the rows of the next stories to render (bodies are the bulk of the data). */
  async loadArticles(paths: string[]): Promise<ArticleRow[]> {
    this.rows.clear();
    this.bodyMedia.clear();
    this.withVideo.clear();
    if (!paths.length) return [];
    const rows = await this.ctx.db.selectFrom('articles').selectAll().where('path', 'in', paths).execute();
    // Few stories have a video: one query says which, instead of one lookup per story.
    const videos = await this.ctx.db
      .selectFrom('article_videos')
      .select('article_id')
      .where(
        'article_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const v of videos) this.withVideo.add(v.article_id);
    const missing = new Set<number>();
    for (const row of rows) {
      this.rows.set(row.path ?? '', row);
      // Parsed bodies are parsed again when rendered rather than kept for the whole chunk: kept,
      // they outlived the young generation and filled the old one with garbage, chunk after
      // chunk. Only a body with an image needs its image rows loaded here.
      if (!row.body.includes('"mediaId"')) continue;
      const ids: number[] = [];
      collectImages((JSON.parse(row.body) as Doc).content, ids);
      this.bodyMedia.set(row.path ?? '', ids);
      for (const id of ids) if (!this.data.media.has(id)) missing.add(id);
    }
    for (const [id, m] of await mediaByIds(this.ctx.db, missing)) this.data.media.set(id, m);
    return rows;
  }

  /** A story page from loaded rows; null when the row was not loaded or is not public. */
  async articlePage(path: string): Promise<PageResult | null> {
    return (await this.prepareArticle(path))?.render() ?? null;
  }

  /** A story page ready to render, or null as `articlePage`. */
  async prepareArticle(path: string): Promise<PreparedPage | null> {
    const article = this.rows.get(path);
    const d = this.data;
    if (!article || !isPublicArticle(article, d.base.now)) return null;
    // The section's newest few, this story left out (cut first: a section lists thousands).
    const more = (d.bySection.get(article.section_id) ?? [])
      .slice(0, MORE_IN_SECTION + 1)
      .filter((s) => s.id !== article.id)
      .slice(0, MORE_IN_SECTION);
    const video = this.withVideo.has(article.id)
      ? await articleVideo(this.ctx.db, article, this.ctx.config.site)
      : null;
    const bylines = d.bylines.get(article.id) ?? [];
    const tags = d.tagsOf.get(article.id) ?? [];
    const images = [article.lead_media_id, ...(this.bodyMedia.get(path) ?? [])].map((id) =>
      id === null ? null : (d.media.get(id) ?? null),
    );
    // The body (JSON text, the bulk of the row) as it is: escaped again inside JSON, it cost more.
    // The rest of the row through a list of its columns: a copy without the body cost ~6 µs.
    rowColumns ??= Object.keys(article).filter((k) => k !== 'body');
    const body = article.body;
    const notices = d.notices.get(article.id) ?? [];
    const live = d.live.get(article.id) ?? null;
    const frame = d.frames.get(article.edition_id) ?? d.base;
    // Few stories are translated: their groups are read one by one (the alternates, the switcher).
    const translations =
      article.translation_group_id === null
        ? []
        : await translationsOf(this.ctx.db, this.ctx.config.site, article, d.base.now);
    // Its Topics line, JSON-LD about/mentions, and the stories sharing its topics.
    const topics = d.topicsOf.get(article.id) ?? [];
    const related = d.related
      .related(
        article.id,
        topics.map((t) => t.id),
        (id) => d.storyById.get(id)?.first_published_at,
        d.base.now,
        RELATED,
      )
      .flatMap((id) => d.storyById.get(id) ?? []);
    const input = digest(
      this.site,
      JSON.stringify(article, rowColumns),
      JSON.stringify([bylines, tags, images, video, notices, live, topics, translations]),
      body,
      ...more.map((s) => this.cardDigest(s)),
      '|related|',
      ...related.map((s) => this.cardDigest(s)),
    );
    const render = () =>
      renderArticlePage(frame, article, {
        body: JSON.parse(body) as Doc,
        bylines,
        tags,
        media: d.media,
        more: more.map((s) => this.card(s)),
        video,
        notices,
        live,
        topics,
        related: related.map((s) => this.card(s)),
        translations,
      });
    return { input, render };
  }
}

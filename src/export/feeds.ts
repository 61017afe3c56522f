import type { Context } from '../context.js';
import {
  entryOf,
  FEED_FILES,
  FEED_SIZE,
  FeedBatch,
  type FeedEntry,
  type FeedScope,
  newestOf,
  resolveScope,
} from '../distribution/index.js';
import type { ArticleSummary } from '../content/index.js';
import type { SiteData } from './batch.js';
import { digest, digestOf } from './fingerprint.js';

/** A feed ready to render, with the fingerprint of its inputs (see fingerprint.ts). */
export interface PreparedFeed {
  input: string;
  render(): string;
}

/**
 * Summary feeds from data loaded in bulk. Asked through the app, every feed costs its own list
 * query, relation queries, page-cache store and compression (~10 ms each, over a thousand feeds
 * on a 10,000-story archive). Here each story's entry is made once (`load`, rows read in bulk),
 * and every feed slices its entries out of the lists `loadSiteData` made, in the
 * order the feed query uses (first_published_at, then id, descending). Rendering goes through
 * the feed domain's own functions, so the bytes are the live route's (export.test.ts compares).
 * Anything else (full-content feeds, an address this does not know) returns null: the caller
 * asks the app. A feed's fingerprint is its address, its scope and its entries' digests: an
 * unchanged feed need not be rendered again.
 */
export class FeedRenderer {
  private readonly entries = new Map<number, FeedEntry>();
  private readonly entryDigests = new Map<number, string>();
  /** Stories some summary feed lists: the newest FEED_SIZE.summary of each list. */
  private readonly wanted = new Set<number>();
  private readonly scopes = new Map<string, ReturnType<typeof resolveScope>>();
  /** Each entry's XML made once for all the feeds that list it. */
  private readonly batch = new FeedBatch();
  /** Each edition's stories, newest first (its feed's list; with several, the site's is the default's). */
  private readonly byEdition = new Map<number, ArticleSummary[]>();

  /** `site`: the site fingerprint (fingerprint.ts). */
  constructor(
    private readonly ctx: Context,
    private readonly data: SiteData,
    private readonly site = '',
  ) {
    const lists = [
      data.stories,
      ...data.bySection.values(),
      ...data.byTag.values(),
      ...data.byAuthor.values(),
    ];
    const tree = data.base.tree;
    for (const s of data.stories) {
      const edition = tree.byId.get(s.section_id)?.edition_id ?? 1;
      const list = this.byEdition.get(edition);
      if (list) list.push(s);
      else this.byEdition.set(edition, [s]);
    }
    lists.push(...this.byEdition.values());
    for (const list of lists) for (const s of list.slice(0, FEED_SIZE.summary)) this.wanted.add(s.id);
  }

  /** Make the entry of every story some summary feed shows, 500 rows at a time. */
  async load(): Promise<void> {
    const d = this.data;
    const rel = { bylines: d.bylines, tags: d.tagsOf, media: d.media, notices: d.notices };
    const ids = [...this.wanted];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        const entry = entryOf(this.ctx.config.site, row, rel, false);
        this.entries.set(row.id, entry);
        this.entryDigests.set(row.id, digestOf(entry));
      }
    }
  }

  /** Drop the entries (the feeds linked from pages are done; any other feed is asked of the app). */
  release(): void {
    this.entries.clear();
    this.entryDigests.clear();
    this.batch.clear();
  }

  /** The feed at `url`, or null when it is not a summary feed this can render. */
  async render(url: string): Promise<string | null> {
    return (await this.prepare(url))?.render() ?? null;
  }

  /** The feed at `url` ready to render, or null as `render`. */
  async prepare(url: string): Promise<PreparedFeed | null> {
    const parsed = parseFeedUrl(url);
    const spec = parsed && Object.hasOwn(FEED_FILES, parsed.file) ? FEED_FILES[parsed.file] : undefined;
    if (!parsed || !spec || spec.full) return null;
    const resolved = await this.resolve(parsed.scope);
    const list = resolved ? this.listOf(parsed.scope, resolved.filter.editionId) : null;
    if (!list || !resolved) return null;
    const entries: FeedEntry[] = [];
    const digests: string[] = [];
    for (const s of list.slice(0, FEED_SIZE.summary)) {
      const entry = this.entries.get(s.id);
      if (!entry) return null; // not loaded, or released: ask the app
      entries.push(entry);
      digests.push(this.entryDigests.get(s.id) ?? '');
    }
    const input = digest(this.site, url, spec.format, JSON.stringify(resolved), ...digests);
    const doc = {
      // An edition's feeds (and its sections') speak its language under its name, as the route's.
      site: resolved.site ?? this.ctx.config.site,
      scope: resolved,
      full: false,
      entries,
      updated: newestOf(entries),
    };
    return { input, render: () => this.batch.render(spec.format, doc) };
  }

  /** A scope's title and page, once for its three formats. */
  private resolve(scope: FeedScope) {
    const key = JSON.stringify(scope);
    let resolved = this.scopes.get(key);
    if (!resolved) {
      resolved = resolveScope(this.ctx, scope);
      this.scopes.set(key, resolved);
    }
    return resolved;
  }

  /** `edition`: the edition the resolved scope keeps to (the site's feed: the default's, with several). */
  private listOf(scope: FeedScope, edition: number | undefined) {
    const d = this.data;
    switch (scope.kind) {
      case 'all':
        return edition === undefined ? d.stories : (this.byEdition.get(edition) ?? []);
      case 'edition':
        return edition === undefined ? null : (this.byEdition.get(edition) ?? []);
      case 'section': {
        const section = d.base.tree.byPath.get(scope.path);
        return section ? (d.bySection.get(section.id) ?? []) : null;
      }
      case 'tag': {
        const tag = d.tagBySlug.get(scope.slug);
        return tag ? (d.byTag.get(tag.id) ?? []) : null;
      }
      case 'author': {
        const author = d.authorBySlug.get(scope.slug);
        return author ? (d.byAuthor.get(author.id) ?? []) : null;
      }
      case 'topic': {
        const topic = d.topicBySlug.get(scope.slug);
        return topic ? (d.byTopic.get(topic.id) ?? []) : null;
      }
    }
  }
}

const ALIASES: Record<string, string> = {
  '/feed.xml': 'rss.xml',
  '/atom.xml': 'atom.xml',
  '/feed.json': 'feed.json',
};

/** The feed routes' address scheme (distribution/feeds/links.ts), read back. */
function parseFeedUrl(url: string): { scope: FeedScope; file: string } | null {
  const alias = Object.hasOwn(ALIASES, url) ? ALIASES[url] : undefined;
  if (alias) return { scope: { kind: 'all' }, file: alias };
  const m = /^\/feeds\/(all|section|tag|author|topic|edition)\/(?:(.+)\/)?([^/]+)$/.exec(url);
  if (!m) return null;
  const [, kind, rest = '', file = ''] = m;
  if (kind === 'all') return rest ? null : { scope: { kind: 'all' }, file };
  if (!rest) return null;
  if (kind === 'section') return { scope: { kind: 'section', path: rest }, file };
  if (rest.includes('/')) return null;
  if (kind === 'tag' || kind === 'author' || kind === 'topic') return { scope: { kind, slug: rest }, file };
  if (kind === 'edition') return { scope: { kind, code: rest }, file };
  return null;
}

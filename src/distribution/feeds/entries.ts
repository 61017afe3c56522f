import { articleTag, authorTag, mediaTag, tagTag } from '../../cache/index.js';
import type { Context } from '../../context.js';
import { editionsOf, editionUrls } from '../../editions/index.js';
import type { Doc } from '../../shared/document/index.js';
import {
  type ArticleFilter,
  articlePage,
  bodyImageIds,
  type PublicArticle,
  relationsOf,
  type StoryRelations,
} from '../api/queries.js';
import {
  type AbsoluteImage,
  absoluteImage,
  articleUri,
  bodyHtml,
  parseBody,
  summaryOf,
} from '../api/story.js';
import { htmlField } from './field-text.js';
import { noticesHtml } from './notices.js';

/** One story as every feed format needs it; text fields are plain text, *Html fields are HTML. */
export interface FeedEntry {
  /** Permanent id (feed readers de-duplicate by it). */
  id: string;
  url: string;
  title: string;
  summary: string;
  summaryHtml: string;
  contentHtml?: string;
  published: Date;
  updated: Date;
  authors: { name: string; url: string }[];
  tags: { name: string; slug: string; url: string }[];
  image?: AbsoluteImage & { alt: string; caption: string };
  /** Cache tags of what the entry shows (the story, its bylines, tags and images). */
  cacheTags: string[];
}

/** Summary feeds carry more items; full-content feeds fewer, since every body is in the file. */
export const FEED_SIZE = { summary: 50, full: 20 } as const;

export async function loadEntries(ctx: Context, filter: ArticleFilter, full: boolean): Promise<FeedEntry[]> {
  const now = ctx.now().toISOString();
  const rows = await articlePage(
    ctx.db,
    now,
    filter,
    'published',
    null,
    full ? FEED_SIZE.full : FEED_SIZE.summary,
  );
  // Summary feeds need a body only for a story without a dek (the summary is then its opening).
  const docs = new Map(rows.filter((r) => full || !hasSummary(r)).map((r) => [r.id, parseBody(r)]));
  const rel = await relationsOf(ctx.db, rows, full ? [...docs.values()].flatMap((d) => bodyImageIds(d)) : []);
  // A story of an edition on a host of its own links there (src/editions).
  const home = editionUrls(ctx.config.site.url, await editionsOf(ctx));
  return rows.map((row) => entryOf(ctx.config.site, row, rel, full, docs.get(row.id), home(row.edition_id)));
}

const hasSummary = (row: Pick<PublicArticle, 'dek' | 'seo_description'>) =>
  !!(row.dek || row.seo_description);

/**
 * One entry from a loaded row and its relations (the static export renders feeds from rows it
 * loads in bulk). `doc` is the parsed body, parsed here when missing and needed.
 */
export function entryOf(
  site: Context['config']['site'],
  row: PublicArticle,
  rel: StoryRelations,
  full: boolean,
  parsed?: Doc,
  /** Where the story's page lives: its edition's own host, else the site (the entry id stays the site's). */
  home: string = site.url,
): FeedEntry {
  const doc = parsed ?? (full || !hasSummary(row) ? parseBody(row) : EMPTY_DOC);
  const lead = row.lead_media_id === null ? undefined : rel.media.get(row.lead_media_id);
  const summary = summaryOf(row, doc);
  const published = new Date(row.first_published_at ?? row.updated_at);
  const updated = new Date(row.updated_at);
  const bylines = rel.bylines.get(row.id) ?? [];
  const tags = rel.tags.get(row.id) ?? [];
  const notices = noticesHtml(rel.notices.get(row.id));
  return {
    id: articleUri(site, row.id),
    url: `${home}${row.path ?? '/'}`,
    title: row.headline,
    summary,
    // Notices follow the body in full feeds, the summary in summary feeds.
    summaryHtml: htmlField(summary) + (full ? '' : notices),
    contentHtml: full ? bodyHtml(site, doc, rel.media) + notices : undefined,
    published,
    // A story scheduled long after its last edit appears at publication: never older than that.
    updated: updated > published ? updated : published,
    authors: bylines.map((a) => ({
      name: a.name,
      url: `${site.url}/author/${a.slug}`,
    })),
    tags: tags.map((t) => ({
      name: t.name,
      slug: t.slug,
      url: `${site.url}/tag/${t.slug}`,
    })),
    image: lead
      ? {
          ...absoluteImage(site, lead),
          alt: lead.alt,
          caption: row.lead_caption || lead.caption,
        }
      : undefined,
    cacheTags: [
      articleTag(row.id),
      ...bylines.map((a) => authorTag(a.id)),
      ...tags.map((t) => tagTag(t.id)),
      ...(lead ? [mediaTag(lead.id)] : []),
      ...(full ? bodyImageIds(doc).map(mediaTag) : []),
    ],
  };
}

const EMPTY_DOC: Doc = { type: 'doc', content: [] };

/** The newest change among the entries: the feed's `updated` and the Last-Modified header. */
export function newestOf(entries: FeedEntry[]): Date {
  let newest = 0;
  for (const e of entries) newest = Math.max(newest, e.updated.getTime());
  return new Date(newest);
}

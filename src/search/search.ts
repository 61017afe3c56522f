import type { ArticleStatus, Db } from '../db/index.js';
import type { EngineQuery } from './engine.js';
import { bodyTextOf, engineFor } from './indexer.js';
import { isEmptyQuery, type ParsedQuery, parseQuery } from './query.js';
import { highlightStemmer, indexedLanguages, languageCode } from './language.js';
import { type Highlight, highlightHtml, snippetHtml } from './snippet.js';

/**
 * Search as a plain function, for every face: the public page and API (published stories
 * only), and the newsroom (any status, the admin route decides who may ask).
 */
export interface SearchOptions {
  /** What the user typed, as typed: parsing makes it safe. */
  q: string;
  /** Public search: only stories published at or before this ISO instant. */
  publicAt?: string;
  /** Newsroom search: restrict to these statuses (ignored when publicAt is set). */
  statuses?: ArticleStatus[];
  /** Section ids, descendants already included by the caller. */
  sectionIds?: number[];
  authorId?: number;
  tagId?: number;
  /** Only stories this user created (writers' newsroom search). */
  createdBy?: number;
  /** ISO instants bounding first publication: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
  /** Match the last word as a prefix (search-as-you-type). Default true. */
  prefixLast?: boolean;
  /**
   * Only stories in this language (a BCP 47 tag: an edition's language), searched with its
   * stemming. Absent: every language in the index, each with its own (language.ts).
   */
  language?: string;
  /** Ranking's "now" (the caller's clock: recency is measured from it). */
  now: Date;
}

export interface SearchHit {
  id: number;
  score: number;
  slug: string;
  headline: string;
  dek: string;
  /** Permalink path (null for a story never published). */
  path: string | null;
  status: ArticleStatus;
  sectionId: number;
  leadMediaId: number | null;
  publishedAt: string | null;
  updatedAt: string;
  /** Escaped HTML with the matching words in <mark>. */
  headlineHtml: string;
  snippetHtml: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  query: ParsedQuery;
}

export const MAX_LIMIT = 100;

export async function searchArticles(db: Db, opts: SearchOptions): Promise<SearchResult> {
  const query = parseQuery(opts.q, { prefixLast: opts.prefixLast });
  if (isEmptyQuery(query)) return { total: 0, hits: [], query };
  const now = opts.now;
  const engineQuery: EngineQuery = {
    languages: opts.language ? [languageCode(opts.language)] : await indexedLanguages(db),
    publicAt: opts.publicAt,
    statuses: opts.publicAt === undefined ? opts.statuses : undefined,
    sectionIds: opts.sectionIds,
    authorId: opts.authorId,
    tagId: opts.tagId,
    createdBy: opts.createdBy,
    from: opts.from,
    to: opts.to,
    sort: opts.sort ?? 'relevance',
    limit: Math.min(Math.max(1, Math.floor(opts.limit ?? 20)), MAX_LIMIT),
    offset: Math.max(0, Math.floor(opts.offset ?? 0)),
    nowDay: now.getTime() / 86_400_000,
  };
  const found = await engineFor(db).search(db, query, engineQuery);
  if (!found.hits.length) return { total: found.total, hits: [], query };
  const rows = await db
    .selectFrom('articles')
    .select([
      'id',
      'slug',
      'headline',
      'dek',
      'body',
      'path',
      'status',
      'section_id',
      'lead_media_id',
      'first_published_at',
      'updated_at',
    ])
    .where(
      'id',
      'in',
      found.hits.map((h) => h.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const words = { words: [...query.terms, ...query.phrases.flat()], prefix: query.prefix };
  const byLanguage = new Map<string, Highlight>();
  const hits: SearchHit[] = [];
  for (const h of found.hits) {
    const r = byId.get(h.id);
    if (!r) continue;
    // Highlighting agrees with the stemming the story was found by.
    let hl = byLanguage.get(h.language);
    if (!hl) {
      hl = { ...words, stem: highlightStemmer(h.language) };
      byLanguage.set(h.language, hl);
    }
    const body = bodyTextOf(r.body).text;
    hits.push({
      id: r.id,
      score: h.score,
      slug: r.slug,
      headline: r.headline,
      dek: r.dek,
      path: r.path,
      status: r.status,
      sectionId: r.section_id,
      leadMediaId: r.lead_media_id,
      publishedAt: r.first_published_at,
      updatedAt: r.updated_at,
      headlineHtml: highlightHtml(r.headline, hl),
      snippetHtml: snippetHtml(body || r.dek, hl),
    });
  }
  return { total: found.total, hits, query };
}

import type { Db } from '../db/index.js';
import type { ArticleStatus } from '../db/schema.js';
import type { ParsedQuery } from './query.js';

/**
 * One interface over the two databases' own full-text engines. An engine only indexes and
 * finds article ids with scores; everything around it (text extraction, snippets, loading the
 * stories) is shared, so both engines behave alike.
 */
export interface IndexedText {
  /** Accent-folded text of each field (see fold.ts). */
  headline: string;
  dek: string;
  body: string;
  tags: string;
  authors: string;
  captions: string;
}

export interface IndexedMeta {
  status: ArticleStatus;
  publishedAt: string | null;
  sectionId: number;
  /** Days since 1970 of first publication (drafts: last update). */
  recencyDay: number;
  /** The story's language code (language.ts): how its text is stemmed. */
  language: string;
}

export interface EngineQuery {
  /**
   * The languages to look in, each with its own analysis of the query (language.ts): one for
   * an edition's search, every indexed language when the caller names none.
   */
  languages: string[];
  /** Public search: published and first published at or before this instant. */
  publicAt?: string;
  /** Newsroom search: only these statuses (all when absent). */
  statuses?: ArticleStatus[];
  sectionIds?: number[];
  authorId?: number;
  tagId?: number;
  /** Newsroom search for writers who may read only their own stories. */
  createdBy?: number;
  /** ISO instants bounding first publication, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  /** Ranking's "now", in days since 1970. */
  nowDay: number;
}

export interface EngineHit {
  id: number;
  score: number;
  language: string;
}

export interface SearchEngine {
  upsert(db: Db, id: number, meta: IndexedMeta, text: IndexedText): Promise<void>;
  remove(db: Db, id: number): Promise<void>;
  search(db: Db, q: ParsedQuery, opts: EngineQuery): Promise<{ total: number; hits: EngineHit[] }>;
}

/**
 * Recency: between similarly relevant stories the newer ranks first. A story published today
 * scores up to twice its text relevance; the boost halves after 30 days and fades towards 1
 * (docs/search.md).
 */
export const RECENCY_HALF_LIFE_DAYS = 30;

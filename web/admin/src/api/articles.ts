/**
 * Stories: their shapes as the API sends them (the write body inferred from the server's zod
 * schema) and every call the app makes about them.
 */
import type { ArticleData } from '@shared/article-input.js';
import type { Doc } from '@shared/document/index.js';
import type { ArticleStatus as Status, Transition } from '@shared/vocabulary.js';
import { api } from './client.js';
import type { Note } from './notes.js';

export type { Status, Transition };

export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  sectionId: number;
  status: Status;
  version: number;
  path: string | null;
  publishAt: string | null;
  firstPublishedAt: string | null;
  embargoUntil: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  /** The newest note between writer and editor (the story list sends it; the desk shows it). */
  latestNote?: Note | null;
  /** A live story's working copy with changes not yet published (null: none). */
  pendingChanges?: { reviewState: 'draft' | 'in_review'; updatedAt: string; updatedBy: string | null } | null;
}

/**
 * What the editor sends on a save: the API's write body, inferred from the server's own schema
 * (src/shared/article-input.ts), without the fields the editor never sends (status and
 * publication time move through workflow transitions). The app always sends a slug, and a body
 * typed as the document it is.
 */
export type ArticleFields = Omit<ArticleData, 'slug' | 'body' | 'status' | 'publishAt'> & {
  slug: string;
  body: Doc;
};

export interface Article extends ArticleSummary, ArticleFields {
  url: string | null;
  allowed: {
    update: boolean;
    delete: boolean;
    transitions: Transition[];
    /** What the caller may do with the working copy of a live story (editor/live-story.tsx). */
    workingCopy?: WorkingCopyAction[];
  };
  /** Readers see this story now. */
  live?: boolean;
  /** Saves of a published or scheduled story go to its working copy, never to readers. */
  editsGoTo?: 'story' | 'working-copy';
  workingCopy?: WorkingCopy | null;
}

export type WorkingCopyAction = 'update' | 'discard' | 'submit' | 'return';

/** The pending changes to a live story: its fields, and their own version and review state. */
export interface WorkingCopy extends ArticleFields {
  version: number;
  baseVersion: number;
  reviewState: 'draft' | 'in_review';
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a story, as the save endpoints take them. */
export function fieldsOf(a: ArticleFields): ArticleFields {
  return {
    slug: a.slug,
    headline: a.headline,
    dek: a.dek,
    body: a.body,
    sectionId: a.sectionId,
    authorIds: a.authorIds,
    tags: a.tags,
    leadMediaId: a.leadMediaId,
    leadCaption: a.leadCaption,
    leadCredit: a.leadCredit,
    leadFilePhoto: a.leadFilePhoto,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    dateline: a.dateline,
    embargoUntil: a.embargoUntil,
  };
}

export const STATUS_LABEL: Record<Status, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  archived: 'Archived',
};

// The calls. Bodies are passed as the screens build them: the key order and the fields left out
// are what the server has always received.

/** Story summaries for a list query (`status=…&limit=…`, or the stories screen's filters). */
export async function listArticles(query: URLSearchParams | string): Promise<ArticleSummary[]> {
  return (await browseArticles(query)).articles;
}

/** One page of the stories screen: the rows and how many match in all. */
export function browseArticles(
  query: URLSearchParams | string,
): Promise<{ articles: ArticleSummary[]; total: number }> {
  return api<{ articles: ArticleSummary[]; total: number }>('GET', `/articles?${query}`);
}

export const getArticle = (id: number) => api<Article>('GET', `/articles/${id}`);

export const createArticle = (v: { headline: string; sectionId: number; body: Doc }) =>
  api<Article>('POST', '/articles', v);

/** The editor's autosave: the fields and the version they were based on (409 when stale). */
export const autosaveArticle = (id: number, payload: Record<string, unknown>) =>
  api<Article>('PUT', `/articles/${id}/autosave`, payload);

/** A workflow move (or a working copy's), with the version it was based on. */
export const moveArticle = (
  id: number,
  body: { action: Transition | WorkingCopyAction; version: number } & Record<string, unknown>,
) => api<Article>('POST', `/articles/${id}/transitions`, body);

/** Soft delete: restorable for 30 days. */
export const deleteArticle = (id: number) => api('DELETE', `/articles/${id}`);
export const restoreArticle = (id: number) => api('POST', `/articles/${id}/restore`);

/** Brings an old revision back as a new save. */
export const restoreRevision = (id: number, revisionId: number, version: number) =>
  api<Article>('POST', `/articles/${id}/revisions/${revisionId}/restore`, { version });

/** A private preview link to the story as the site renders it. */
export const previewArticle = (id: number) =>
  api<{ path: string; url: string }>('POST', `/articles/${id}/preview`);

/**
 * Stories: their shapes as the API sends them (the write body inferred from the server's zod
 * schema) and every call the app makes about them.
 */
import type { ArticleData } from '@shared/article-input.js';
import type { Doc } from '@shared/document/index.js';
import type { ArticleStatus as Status, Transition } from '@shared/vocabulary.js';
import {
  keepPreviousData,
  type QueryClient,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { t } from '../i18n/index.js';
import { ApiError, api } from './client.js';
import type { Note } from './notes.js';

export type { Status, Transition };

export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  sectionId: number;
  /** The story's edition: the editor writes in its language and direction (GET /editions). */
  editionId?: number;
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
  /** The story list sends the section's name and the bylines, in order. */
  sectionName?: string | null;
  authors?: { id: number; name: string }[];
  /** Full-text search only: a passage of the story, escaped, the matching words in <mark>. */
  snippetHtml?: string;
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

/** The workflow states as the app names them (in its language, read once at load). */
export const STATUS_LABEL: Record<Status, string> = {
  draft: t('status.draft'),
  in_review: t('status.in_review'),
  scheduled: t('status.scheduled'),
  published: t('status.published'),
  unpublished: t('status.unpublished'),
  archived: t('status.archived'),
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

/**
 * One page of the stories screen found by the newsroom's full-text search (`/search`: headline,
 * dek, body, captions; several words; its filters), as the list's rows, best match first.
 */
export function searchStories(
  query: URLSearchParams,
): Promise<{ articles: ArticleSummary[]; total: number }> {
  const p = new URLSearchParams(query);
  p.set('view', 'stories');
  return api<{ articles: ArticleSummary[]; total: number }>('GET', `/search?${p}`);
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

// The query cache's keys for stories: lists by their query string, single stories by id.
export const articleKeys = {
  all: ['articles'] as const,
  lists: () => [...articleKeys.all, 'list'] as const,
  list: (query: string, tag = '') => [...articleKeys.lists(), query, tag] as const,
  details: () => [...articleKeys.all, 'detail'] as const,
  detail: (id: number) => [...articleKeys.details(), id] as const,
};

/**
 * After writes to stories (a workflow move, a delete, a tag or section change): every cached
 * list is fetched again if a screen shows it, and cached single stories are only marked stale
 * (the open editor holds its own copy and is never replaced under the writer's hands).
 */
export async function articlesChanged(qc: QueryClient): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: articleKeys.lists() }),
    qc.invalidateQueries({ queryKey: articleKeys.details(), refetchType: 'none' }),
  ]);
}

/** articlesChanged() for components (the bulk actions). */
export function useArticlesChanged(): () => Promise<void> {
  const qc = useQueryClient();
  return () => articlesChanged(qc);
}

/** Several story lists at once (the desk): each its own cached query. */
export function useArticleLists(queries: string[]) {
  return useQueries({
    queries: queries.map((q) => ({ queryKey: articleKeys.list(q), queryFn: () => listArticles(q) })),
    combine: (results) => ({
      lists: results.every((r) => r.data) ? results.map((r) => r.data as ArticleSummary[]) : null,
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

/**
 * One page of the stories screen (`fetch` turns a tag name into its id first; the key holds
 * the name). The rows shown stay until the next page has come (the pager
 * says which page they are), as `page` is kept with them.
 */
export function useArticlePage(
  query: URLSearchParams,
  tag: string,
  page: number,
  fetch: () => Promise<{ articles: ArticleSummary[]; total: number }>,
) {
  return useQuery({
    queryKey: articleKeys.list(query.toString(), tag),
    queryFn: async () => ({ ...(await fetch()), page }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The story the editor opens: read from the server each time it is opened (never a cached copy,
 * which could hold an older version than the server and turn the first save into a conflict),
 * kept only while the editor is open, and never fetched again under it (no refetch on focus or
 * reconnect: the editor owns the story once it has it). No connection or a server fault: asked
 * again every 3 s until it answers, the reason shown meanwhile, as before the cache.
 */
export function useArticleToEdit(id: number) {
  return useQuery({
    queryKey: articleKeys.detail(id),
    queryFn: () => getArticle(id),
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: (_n, err) => err instanceof ApiError && (err.offline || err.status >= 500),
    retryDelay: 3000,
  });
}

/**
 * The newsroom API as the app uses it: same-origin fetch with the session cookie, and the CSRF
 * token (kept in memory and sessionStorage, never in localStorage) on every write.
 */
import type { ArticleData } from '@shared/article-input.js';
import type { Doc } from '@shared/document/index.js';
import type { ArticleStatus as Status, Role, Transition } from '@shared/vocabulary.js';

const CSRF_KEY = 'masthead:csrf';
let csrfToken: string | null = sessionStorage.getItem(CSRF_KEY);

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

/** The token for requests made outside api() (uploads with progress use XMLHttpRequest). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer other than 2xx (`status` > 0) or no answer at all (`status` 0: offline, server down). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/admin${url}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'offline', 'No connection to the newsroom server');
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // A proxy's error page, or an empty answer: described below by the status alone.
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `The server answered ${res.status}`,
      err?.details,
    );
  }
  return data as T;
}

export type { ArticleStatus as Status, Role, Transition } from '@shared/vocabulary.js';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number | null;
}

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

/** A note between writer and editor (never public). */
export interface Note {
  id: number;
  articleId: number;
  text: string;
  transition: 'submit' | 'return' | null;
  createdAt: string;
  author: { id: number | null; name: string };
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

export interface Section {
  id: number;
  slug: string;
  name: string;
  path: string;
  parentId: number | null;
  children: Section[];
}
export interface Tag {
  id: number;
  slug: string;
  name: string;
}
export interface Author {
  id: number;
  slug: string;
  name: string;
}
export interface Revision {
  id: number;
  version: number;
  kind: string;
  by: string;
  /** The person's display name (or "Scheduler"), and the entry in words (src/shared/history-labels.ts). */
  byName: string;
  label: string;
  createdAt: string;
  updatedAt: string;
  changed: string[];
  changedLabels: string[];
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

/** Settings the server writes into index.html as <meta> tags. */
export function siteSetting(name: 'site-name' | 'site-url' | 'time-zone'): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="masthead:${name}"]`)?.content ?? '';
}

export const STATUS_LABEL: Record<Status, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  archived: 'Archived',
};

/** A story's history: its revisions (with snapshots) and the other events shown among them; keys and hooks. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from './client.js';

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

/** An entry of the history that is not a revision (a note, a notice …), in words. */
export interface HistoryEvent {
  id: string;
  at: string;
  byName: string;
  label: string;
  text: string;
}

/** One revision with the story's fields as they were. */
export interface RevisionSnapshot extends Revision {
  snapshot: Record<string, unknown>;
}

export const listRevisions = (articleId: number) =>
  api<{ revisions: Revision[]; events?: HistoryEvent[] }>('GET', `/articles/${articleId}/revisions`);

export const getRevision = (articleId: number, id: number) =>
  api<RevisionSnapshot>('GET', `/articles/${articleId}/revisions/${id}`);

export const revisionKeys = {
  all: ['revisions'] as const,
  history: (articleId: number) => [...revisionKeys.all, articleId, 'history'] as const,
  one: (articleId: number, id: number) => [...revisionKeys.all, articleId, 'one', id] as const,
};

/**
 * The history, asked while the panel is open (`enabled`) and again whenever the story's version
 * moves on (a save, a move, a restore), which is part of the key.
 */
export function useHistory(articleId: number, version: number, enabled: boolean) {
  return useQuery({
    queryKey: [...revisionKeys.history(articleId), version] as const,
    queryFn: () => listRevisions(articleId),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Two revisions for a comparison. A revision never changes: kept as long as the page lives. */
export function useRevisionPair(articleId: number, ids: [number, number]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: revisionKeys.one(articleId, id),
      queryFn: () => getRevision(articleId, id),
      staleTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) => ({
      pair: results.every((r) => r.data)
        ? (results.map((r) => r.data) as [RevisionSnapshot, RevisionSnapshot])
        : null,
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

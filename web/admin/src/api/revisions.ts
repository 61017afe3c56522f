/** A story's history: its revisions (with snapshots) and the other events shown among them. */
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

import type { LiveCoverageRow, LiveEntryRevisionRow, LiveEntryRow } from '../db/index.js';
import type { Doc } from '../shared/document/index.js';
import type { Coverage, LiveEntry, LiveEntryKind } from '../shared/live.js';

export type { Coverage, LiveEntry };

export interface LiveEntryRevision {
  version: number;
  kind: LiveEntryKind;
  title: string;
  body: Doc;
  keyPoint: boolean;
  pinned: boolean;
  deleted: boolean;
  savedAt: string;
  savedBy: string | null;
}

/** Who writes (an Editor from the newsroom API; the demo seed passes a user of its own). */
export interface LiveWriter {
  id: number | null;
  /** Written in the audit log. */
  email: string;
  /** Written on rows (`user:12`). */
  label: string;
  /** Shown to readers under the entries this writer posts. */
  name: string;
  now: string;
}

export function coverageOf(r: LiveCoverageRow): Coverage {
  return {
    articleId: r.article_id,
    state: r.state,
    startedAt: r.started_at,
    startedBy: r.started_by,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
  };
}

export function entryOf(r: LiveEntryRow): LiveEntry {
  return {
    id: r.id,
    articleId: r.article_id,
    authorId: r.author_id,
    authorName: r.author_name,
    kind: r.kind,
    title: r.title,
    body: JSON.parse(r.body) as Doc,
    keyPoint: r.key_point === 1,
    pinned: r.pinned === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export function revisionOf(r: LiveEntryRevisionRow): LiveEntryRevision {
  return {
    version: r.version,
    kind: r.kind,
    title: r.title,
    body: JSON.parse(r.body) as Doc,
    keyPoint: r.key_point === 1,
    pinned: r.pinned === 1,
    deleted: r.deleted === 1,
    savedAt: r.saved_at,
    savedBy: r.saved_by,
  };
}

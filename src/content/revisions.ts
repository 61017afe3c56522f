import type { Transaction } from 'kysely';
import type { ArticleRow, Database, Db, RevisionKind } from '../db/index.js';
import { fieldLabels, kindLabel, whoLabel } from '../shared/history-labels.js';
import { listNotices } from './notices.js';

/**
 * Revisions: a snapshot of the story at every save, with who, when and which fields changed.
 * Autosaves by one person within a few minutes share one revision (updated in place), so
 * history stays readable; every acknowledged autosave is still committed before we answer.
 */
export const AUTOSAVE_COALESCE_MS = 5 * 60_000;

export interface RevisionContent {
  headline: string;
  dek: string;
  body: unknown;
  authorIds: number[];
  tags: string[];
  [field: string]: unknown;
}

export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): string[] {
  if (!before) return Object.keys(after).filter((k) => after[k] !== null && after[k] !== '');
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export async function writeRevision(
  tx: Transaction<Database>,
  row: ArticleRow,
  content: RevisionContent,
  opts: {
    by: string | null;
    at: string;
    kind: RevisionKind;
    changed: string[];
    /** What the kind needs to be told in words: `{ fromVersion }` (restore), `{ noticeKind }` (notice). */
    detail?: Record<string, unknown> | null;
  },
): Promise<void> {
  const snapshot = JSON.stringify({ ...row, ...content });
  if (opts.kind === 'autosave' && opts.by) {
    const last = await tx
      .selectFrom('revisions')
      .selectAll()
      .where('article_id', '=', row.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastAt = last ? new Date(last.updated_at ?? last.created_at).getTime() : 0;
    if (
      last &&
      last.kind === 'autosave' &&
      last.created_by === opts.by &&
      new Date(opts.at).getTime() - lastAt < AUTOSAVE_COALESCE_MS &&
      new Date(opts.at).getTime() - new Date(last.created_at).getTime() < 4 * AUTOSAVE_COALESCE_MS
    ) {
      const changed = [...new Set([...(JSON.parse(last.changed) as string[]), ...opts.changed])];
      await tx
        .updateTable('revisions')
        .set({ version: row.version, snapshot, updated_at: opts.at, changed: JSON.stringify(changed) })
        .where('id', '=', last.id)
        .execute();
      return;
    }
  }
  await tx
    .insertInto('revisions')
    .values({
      article_id: row.id,
      version: row.version,
      snapshot,
      created_by: opts.by,
      created_at: opts.at,
      updated_at: opts.at,
      kind: opts.kind,
      changed: JSON.stringify(opts.changed),
      detail: opts.detail ? JSON.stringify(opts.detail) : null,
    })
    .execute();
}

/** Revisions store `by` as "user:{id}" (or a label such as "scheduler"); names come from users. */
async function namesOf(db: Db, labels: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(labels.map((l) => /^user:(\d{1,10})$/.exec(l ?? '')?.[1]).filter(Boolean))].map(
    Number,
  );
  if (!ids.length) return new Map();
  const users = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [`user:${u.id}`, u.name]));
}

/** The words a person reads for one revision (history-labels.ts), next to the stored values. */
function readable(
  r: { kind: string; created_by: string | null; changed: string; detail: string | null },
  names: Map<string, string>,
) {
  const changed = JSON.parse(r.changed) as string[];
  const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null;
  const byName = r.created_by ? (names.get(r.created_by) ?? null) : null;
  return {
    changed,
    detail,
    byName: whoLabel(r.created_by, byName),
    label: kindLabel(r.kind, detail),
    changedLabels: fieldLabels(changed),
  };
}

export async function listRevisions(db: Db, articleId: number) {
  const rows = await db
    .selectFrom('revisions')
    .select(['id', 'version', 'kind', 'created_by', 'created_at', 'updated_at', 'changed', 'detail'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
  const names = await namesOf(
    db,
    rows.map((r) => r.created_by),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind,
    by: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    ...readable(r, names),
  }));
}

/**
 * What else belongs in a story's history besides its revisions: notices readers were shown
 * ("Correction added", "… removed"). They change no version, so they are entries of their own
 * rather than revisions, and the history shows them in time order between the revisions.
 */
export async function listHistoryEvents(db: Db, articleId: number) {
  const notices = await listNotices(db, articleId);
  const names = await namesOf(
    db,
    notices.flatMap((n) => [n.createdBy, n.removedBy]),
  );
  return notices.flatMap((n) => {
    const added = {
      id: `notice-${n.id}`,
      at: n.createdAt,
      byName: whoLabel(n.createdBy, n.createdBy ? (names.get(n.createdBy) ?? null) : null),
      label: kindLabel('notice', { noticeKind: n.kind }),
      text: n.text,
    };
    if (!n.removedAt) return [added];
    return [
      added,
      {
        id: `notice-${n.id}-removed`,
        at: n.removedAt,
        byName: whoLabel(n.removedBy, n.removedBy ? (names.get(n.removedBy) ?? null) : null),
        label: `${kindLabel('notice', { noticeKind: n.kind }).replace(/ added$/, '')} removed`,
        text: n.text,
      },
    ];
  });
}

export async function getRevision(db: Db, articleId: number, revisionId: number) {
  const r = await db
    .selectFrom('revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', revisionId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    version: r.version,
    kind: r.kind,
    by: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    ...readable(r, await namesOf(db, [r.created_by])),
    snapshot: JSON.parse(r.snapshot) as Record<string, unknown>,
  };
}

import type { Transaction } from 'kysely';
import type { ArticleRow, Database, Db } from '../db/index.js';

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
  opts: { by: string | null; at: string; kind: 'save' | 'autosave' | 'update'; changed: string[] },
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
    })
    .execute();
}

export async function listRevisions(db: Db, articleId: number) {
  const rows = await db
    .selectFrom('revisions')
    .select(['id', 'version', 'kind', 'created_by', 'created_at', 'updated_at', 'changed'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind,
    by: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
    changed: JSON.parse(r.changed) as string[],
  }));
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
    changed: JSON.parse(r.changed) as string[],
    snapshot: JSON.parse(r.snapshot) as Record<string, unknown>,
  };
}

import type { Db } from '../db/index.js';

/** What the story list says about a live story's working copy (null: nothing waiting). */
export interface PendingChanges {
  reviewState: 'draft' | 'in_review';
  updatedAt: string;
  updatedBy: string | null;
}

/** One query for a page of stories: which of them have unpublished changes waiting (content non-null). */
export async function pendingChangesFor(db: Db, ids: number[]): Promise<Map<number, PendingChanges>> {
  const out = new Map<number, PendingChanges>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('working_copies')
    .select(['article_id', 'review_state', 'updated_at', 'updated_by'])
    .where('article_id', 'in', ids)
    .where('content', 'is not', null)
    .execute();
  for (const r of rows)
    out.set(r.article_id, { reviewState: r.review_state, updatedAt: r.updated_at, updatedBy: r.updated_by });
  return out;
}

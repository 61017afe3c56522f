import type { Action } from '../../accounts/index.js';
import type { ArticleRow, Db } from '../../db/index.js';
import { notFound } from '../../errors.js';
import { type AuthedActor, authorize } from '../http.js';

/**
 * The one gate for every story-scoped admin endpoint (the story itself, its revisions,
 * transitions, preview links, video …). A story the caller may not read answers exactly like a
 * missing one, 404, so no endpoint reveals that an embargoed story exists; a story the caller
 * may read but not change answers 403.
 */
export async function readableStory(
  db: Db,
  actor: AuthedActor,
  id: number,
  opts: { deleted?: boolean } = {},
): Promise<ArticleRow> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  const missing = notFound(`article ${id} not found`);
  if (!row || (!opts.deleted && row.deleted_at)) throw missing;
  try {
    authorize(actor, 'article.read', { ownerId: row.created_by });
  } catch {
    throw missing;
  }
  return row;
}

/** A story the caller may read and may do `action` to (404 when unreadable, 403 when not allowed). */
export async function storyFor(
  db: Db,
  actor: AuthedActor,
  id: number,
  action: Action,
  opts: { deleted?: boolean } = {},
): Promise<ArticleRow> {
  const row = await readableStory(db, actor, id, opts);
  authorize(actor, action, { ownerId: row.created_by, status: row.status });
  return row;
}

import { can } from '../../accounts/index.js';
import {
  discardPendingChanges,
  editsGoToWorkingCopy,
  getWorkingCopy,
  type NoticeInput,
  publishPendingChanges,
  reviewPendingChanges,
  saveWorkingCopy,
  type WorkingCopyAction,
  type WorkingCopyContent,
  workingCopyFields,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import type { ArticleRow, Db } from '../../db/index.js';
import { type AuthedActor, authorize, editorOf } from '../http.js';
import { assertChecksPass, contentToCheck } from './checks.js';

/**
 * The newsroom API's side of working copies (content/working-copy.ts): saves of a published or
 * scheduled story land in its copy, and the transitions `update`, `discard`, `submit` and
 * `return` act on the copy. articles.ts calls in here with its own helpers so the 409 shape,
 * the byline rule and the story's presentation stay the ones every save uses.
 */
interface Helpers<P> {
  checkBylines(actor: AuthedActor, before: readonly number[], after: readonly number[]): void;
  conflictGuard<T>(id: number, actor: AuthedActor, work: () => Promise<T>): Promise<T>;
  present(row: ArticleRow, actor: AuthedActor): Promise<P>;
}

type SaveBody = WorkingCopyContent & { version: number };
export interface WorkingCopyTransitionBody {
  action: string;
  version: number;
  /** Go past the checks' warnings (editors and above; routes/checks.ts). */
  override?: boolean;
}

/** `live`, `editsGoTo`, `workingCopy` and `allowed.workingCopy` on a presented story. */
export async function withWorkingCopy<T extends { allowed: { update: boolean } }>(
  ctx: Context,
  row: ArticleRow,
  actor: AuthedActor,
  presented: T,
) {
  const toCopy = editsGoToWorkingCopy(row.status);
  const copy = toCopy ? await getWorkingCopy(ctx.db, row.id) : null;
  const subject = { ownerId: row.created_by, status: row.status };
  const revise = can(actor, 'article.revise', subject);
  const publish = can(actor, 'article.publish', subject);
  const actions: WorkingCopyAction[] = [];
  if (copy) {
    if (publish) actions.push('update');
    if (revise) actions.push('discard');
    if (copy.reviewState === 'draft' && revise) actions.push('submit');
    if (copy.reviewState === 'in_review' && publish) actions.push('return');
  }
  return {
    ...presented,
    /** Readers see this story now. */
    live: row.status === 'published',
    /** Where a save goes: the story itself, or (published or scheduled) its working copy. */
    editsGoTo: toCopy ? ('working-copy' as const) : ('story' as const),
    workingCopy: copy
      ? {
          ...workingCopyFields(row, copy),
          version: copy.version,
          baseVersion: copy.baseVersion,
          reviewState: copy.reviewState,
          updatedBy: copy.updatedBy,
          createdAt: copy.createdAt,
          updatedAt: copy.updatedAt,
        }
      : null,
    allowed: {
      ...presented.allowed,
      update: toCopy ? revise : presented.allowed.update,
      workingCopy: actions,
    },
  };
}

export function workingCopyRoutes<P>(ctx: Context, h: Helpers<P>) {
  const now = () => ctx.now().toISOString();

  /** A save or autosave of a published or scheduled story: to its working copy. */
  async function save(current: ArticleRow, body: SaveBody, actor: AuthedActor): Promise<P> {
    authorize(actor, 'article.revise', { ownerId: current.created_by, status: current.status });
    const { version, ...fields } = body;
    const copy = await getWorkingCopy(ctx.db, current.id);
    // Bylines are judged against what the editor loaded (the copy, or the story), as for drafts.
    if (version === (copy?.version ?? current.version)) {
      const before = copy?.content.authorIds ?? (await storyAuthorIds(ctx.db, current.id));
      h.checkBylines(actor, before, fields.authorIds ?? []);
    }
    await h.conflictGuard(current.id, actor, () =>
      saveWorkingCopy(ctx.db, current.id, fields, {
        expectedVersion: version,
        by: actor.label,
        byId: actor.id,
        now: now(),
      }),
    );
    return h.present(current, actor);
  }

  /** Does this transition act on the working copy rather than the story? */
  function handles(action: string, current: ArticleRow): boolean {
    return (
      action === 'update' ||
      action === 'discard' ||
      ((action === 'submit' || action === 'return') && editsGoToWorkingCopy(current.status))
    );
  }

  async function transition(
    current: ArticleRow,
    body: WorkingCopyTransitionBody,
    actor: AuthedActor,
    extra: { notice?: NoticeInput; note?: string } = {},
  ): Promise<P> {
    const subject = { ownerId: current.created_by, status: current.status };
    const id = current.id;
    const by = editorOf(ctx, actor);
    const row = await h.conflictGuard(id, actor, async () => {
      if (body.action === 'update') {
        authorize(actor, 'article.publish', subject);
        // The checks judge the changes about to go public; a stale version skips them for its 409.
        const pending = await getWorkingCopy(ctx.db, id);
        if (pending && pending.version === body.version)
          await assertChecksPass(
            ctx,
            actor,
            current,
            await contentToCheck(ctx.db, current, 'update'),
            'update',
            {
              override: body.override,
            },
          );
        return publishPendingChanges(ctx.db, id, { version: body.version, notice: extra.notice }, by);
      }
      if (body.action === 'discard') {
        authorize(actor, 'article.revise', subject);
        return discardPendingChanges(ctx.db, id, { version: body.version }, by);
      }
      const action = body.action === 'submit' ? 'submit' : 'return';
      authorize(actor, action === 'submit' ? 'article.revise' : 'article.publish', subject);
      await reviewPendingChanges(ctx.db, id, { action, version: body.version, note: extra.note }, by);
      return current;
    });
    return h.present(row, actor);
  }

  return { save, handles, transition };
}

async function storyAuthorIds(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.author_id);
}

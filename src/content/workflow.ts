import { sql } from 'kysely';
import type { ArticleRow, ArticleStatus, Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import type { Transition } from '../shared/vocabulary.js';
import { articleInputOf } from './articles.js';
import { recordArticleChange } from './changes.js';
import { ContentError } from './errors.js';
import { permalinkFor } from './permalinks.js';
import { type RevisionContent, writeRevision } from './revisions.js';
import { laterEmbargo, wireEmbargo } from './wire-embargo.js';

/**
 * Editorial workflow: the moves a story can make between states. Who may make a move is the
 * permission policy's business (shared/policy.ts); whether a move exists from the current
 * state is decided here.
 */
export type { Transition } from '../shared/vocabulary.js';

export const TRANSITIONS: Record<Transition, { from: ArticleStatus[]; to: ArticleStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  return: { from: ['in_review'], to: 'draft' },
  // Publishing also republishes an unpublished or archived story at its old address.
  publish: { from: ['draft', 'in_review', 'scheduled', 'unpublished', 'archived'], to: 'published' },
  schedule: { from: ['draft', 'in_review', 'scheduled'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  unpublish: { from: ['published'], to: 'unpublished' },
  archive: { from: ['published', 'unpublished'], to: 'archived' },
};

export interface TransitionInput {
  action: Transition;
  /** Required for `schedule`: when the story goes public. */
  publishAt?: string | null;
  expectedVersion: number;
}

export interface TransitionOptions {
  by: string;
  timeZone: string;
  now: string;
}

/** Move a story to another state; one transaction with its revision, side effects and permalink. */
export async function transitionArticle(
  db: Db,
  id: number,
  input: TransitionInput,
  opts: TransitionOptions,
): Promise<ArticleRow> {
  const rule = TRANSITIONS[input.action];
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current || current.deleted_at) throw new ContentError(`article ${id} does not exist`, 404);
    // A story from an embargoed agency item keeps the agency's embargo (content/wire-embargo.ts).
    const embargoUntil = laterEmbargo(current.embargo_until, await wireEmbargo(tx, id));
    if (current.version !== input.expectedVersion) {
      throw new ContentError(`article ${id} has changed since version ${input.expectedVersion}`, 409);
    }
    if (!rule.from.includes(current.status)) {
      throw new ContentError(
        `cannot ${input.action} a story that is ${current.status.replace('_', ' ')}`,
        409,
      );
    }
    // Only draft, in-review and scheduled stories have never been public; their publication
    // time and permalink are (re)decided here. A story that has been public keeps both.
    const everPublic = ['published', 'unpublished', 'archived'].includes(current.status);
    let publishAt = current.publish_at;
    let firstPublishedAt = current.first_published_at;
    let path = current.path;
    const placeAt = async (at: string | null) => {
      firstPublishedAt = at;
      path = at ? await permalinkFor(tx, current.section_id, current.slug, at, opts.timeZone, current) : null;
    };
    if (input.action === 'schedule') {
      if (!input.publishAt)
        throw new ContentError('publishAt: required to schedule a story', 400, 'publishAt');
      publishAt = new Date(input.publishAt).toISOString();
      if (publishAt <= opts.now) throw new ContentError('publishAt: must be in the future', 400, 'publishAt');
      if (embargoUntil && publishAt < embargoUntil) {
        throw new ContentError(`publishAt: the story is embargoed until ${embargoUntil}`, 400, 'publishAt');
      }
      await placeAt(publishAt);
    } else if (input.action === 'publish') {
      if (embargoUntil && embargoUntil > opts.now) {
        throw new ContentError(`the story is embargoed until ${embargoUntil}; schedule it instead`, 409);
      }
      publishAt = null;
      if (!everPublic) await placeAt(opts.now);
    } else if (input.action === 'unschedule') {
      publishAt = null;
      await placeAt(null);
    }
    const row = await tx
      .updateTable('articles')
      .set({
        status: rule.to,
        publish_at: publishAt,
        first_published_at: firstPublishedAt,
        path,
        updated_at: opts.now,
        version: current.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    // A save committed between our read and this write (PostgreSQL runs them side by side):
    // the same lost race as a stale version, so the same 409 with the current story.
    if (!row) throw new ContentError(`article ${id} has changed since version ${input.expectedVersion}`, 409);
    await writeRevision(tx, row, await snapshotOf(tx, row), {
      by: opts.by,
      at: opts.now,
      kind: input.action,
      changed: ['status'],
    });
    await recordArticleChange(tx, { before: current, after: row, now: opts.now });
    return row;
  });
}

/** A transition changes no content, but its revision still holds the whole story. */
async function snapshotOf(db: Db, row: ArticleRow): Promise<RevisionContent> {
  const input = await articleInputOf(db, row);
  return {
    ...input,
    headline: input.headline,
    dek: input.dek ?? '',
    authorIds: input.authorIds ?? [],
    tags: input.tags ?? [],
  };
}

/**
 * Publish every scheduled story whose time has come. One UPDATE … WHERE status = 'scheduled'
 * claims the rows, so when several app processes run this at once each story is published
 * by exactly one of them (PostgreSQL re-checks the WHERE after waiting for the row lock).
 */
export async function publishDueArticles(db: Db, now: string): Promise<ArticleRow[]> {
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .updateTable('articles')
      .set({ status: 'published', publish_at: null, updated_at: now, version: sql<number>`version + 1` })
      .where('status', '=', 'scheduled')
      .where('publish_at', '<=', now)
      .where('deleted_at', 'is', null)
      .returningAll()
      .execute();
    for (const row of rows) {
      await writeRevision(tx, row, await snapshotOf(tx, row), {
        by: 'scheduler',
        at: now,
        kind: 'publish',
        detail: { scheduled: true },
        changed: ['status'],
      });
      await recordArticleChange(tx, { before: { ...row, status: 'scheduled' }, after: row, now });
      await tx
        .insertInto('audit_log')
        .values({
          actor_id: null,
          actor_label: 'scheduler',
          action: 'article.publish',
          subject_type: 'article',
          subject_id: String(row.id),
          details: JSON.stringify({ scheduled: true, path: row.path }),
          created_at: now,
        })
        .execute();
    }
    return rows;
  });
}

/** Soft delete: hidden everywhere at once, restorable for 30 days. */
export async function softDeleteArticle(db: Db, id: number, now: string): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current || current.deleted_at) throw new ContentError(`article ${id} does not exist`, 404);
    const row = await tx
      .updateTable('articles')
      .set({ deleted_at: now, updated_at: now, version: current.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordArticleChange(tx, { before: current, after: row, now });
    return row;
  });
}

export async function restoreArticle(db: Db, id: number, now: string): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current?.deleted_at) throw new ContentError(`article ${id} is not deleted`, 404);
    const row = await tx
      .updateTable('articles')
      .set({ deleted_at: null, updated_at: now, version: current.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordArticleChange(tx, { before: current, after: row, now });
    return row;
  });
}

export const SOFT_DELETE_DAYS = 30;

/** Remove stories deleted more than 30 days ago for good. */
export async function purgeDeletedArticles(db: Db, now: string): Promise<number> {
  const cutoff = new Date(new Date(now).getTime() - SOFT_DELETE_DAYS * 86_400_000).toISOString();
  return inTransaction(db, async (tx) => {
    const rows = await tx.selectFrom('articles').selectAll().where('deleted_at', '<', cutoff).execute();
    for (const row of rows) {
      await recordArticleChange(tx, { before: row, after: null, now });
      await tx.deleteFrom('articles').where('id', '=', row.id).execute();
    }
    return rows.length;
  });
}

import { audit } from '../accounts/index.js';
import { type ArticleRow, type Db, inTransaction } from '../db/index.js';
import { addNote, type NoteTransition } from './notes.js';
import {
  addNotice,
  editNotice,
  type Notice,
  type NoticeInput,
  type NoticePatch,
  removeNotice,
} from './notices.js';
import { restoreArticle, softDeleteArticle, type Transition, transitionArticle } from './workflow.js';
import { applyWorkingCopy, discardWorkingCopy, foldWorkingCopy, reviewWorkingCopy } from './working-copy.js';

/**
 * The newsroom's story commands: each is one transaction holding the write, the note that goes
 * with it and its audit entry, so the record can never say something happened that did not (or
 * miss something that did). Routes validate, authorize, call one of these, and present.
 */

/** Who acts, and the writer's clock. */
export interface Editor {
  /** users.id */
  id: number;
  /** Written in the audit log (the account's email). */
  email: string;
  /** Written on the story's rows (`user:12`). */
  label: string;
  /** The newsroom's time zone: scheduled times and date paths are read in it. */
  timeZone: string;
  now: string;
}

// Transitions that change what readers may see go into the audit log; submit/return do not.
const AUDITED: readonly Transition[] = ['publish', 'schedule', 'unschedule', 'unpublish', 'archive'];

export interface MoveRequest {
  action: Transition;
  publishAt?: string | null;
  /** The version the editor saw: a stale one is refused with 409, changing nothing. */
  version: number;
  /** With submit, a note to the editor; with return, the reason. */
  note?: string;
}

/**
 * Moves a story through the workflow (publish, schedule, submit, return…). Leaving the live
 * states folds pending changes into the story, so nothing an editor saved is left behind.
 */
export async function moveStory(db: Db, id: number, req: MoveRequest, by: Editor): Promise<ArticleRow> {
  const who = { by: by.label, timeZone: by.timeZone, now: by.now };
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirst();
    const moved = await transitionArticle(
      tx,
      id,
      { action: req.action, publishAt: req.publishAt, expectedVersion: req.version },
      who,
    );
    await writeNote(tx, by, moved.id, req.action, req.note);
    if (AUDITED.includes(req.action)) {
      await auditStory(tx, by, `article.${req.action}`, moved.id, {
        from: before?.status,
        to: moved.status,
        path: moved.path,
        publishAt: moved.publish_at,
      });
    }
    return foldWorkingCopy(tx, moved, who);
  });
}

/** Deletes a story (restorable for 30 days). */
export async function deleteStory(db: Db, id: number, by: Editor): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const row = await softDeleteArticle(tx, id, by.now);
    await auditStory(tx, by, 'article.delete', row.id, { headline: row.headline, status: row.status });
    return row;
  });
}

export async function restoreStory(db: Db, id: number, by: Editor): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const row = await restoreArticle(tx, id, by.now);
    await auditStory(tx, by, 'article.restore', row.id);
    return row;
  });
}

/**
 * Publishes a live story's pending changes ("update"), with a notice readers see (a
 * correction, say) in the same transaction when one is given.
 */
export async function publishPendingChanges(
  db: Db,
  id: number,
  req: { version: number; notice?: NoticeInput },
  by: Editor,
): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('articles').select('path').where('id', '=', id).executeTakeFirst();
    const updated = await applyWorkingCopy(tx, id, {
      expectedVersion: req.version,
      by: by.label,
      byId: by.id,
      timeZone: by.timeZone,
      now: by.now,
    });
    if (req.notice) await addNotice(tx, updated.id, req.notice, { by: by.label, now: by.now });
    await auditStory(tx, by, 'article.update', id, {
      status: updated.status,
      path: updated.path,
      from: before?.path,
    });
    return updated;
  });
}

/** Drops a live story's pending changes. */
export async function discardPendingChanges(
  db: Db,
  id: number,
  req: { version: number },
  by: Editor,
): Promise<ArticleRow> {
  return discardWorkingCopy(db, id, { expectedVersion: req.version, by: by.label, byId: by.id, now: by.now });
}

/** Sends a live story's pending changes to an editor (submit) or back to the writer (return). */
export async function reviewPendingChanges(
  db: Db,
  id: number,
  req: { action: 'submit' | 'return'; version: number; note?: string },
  by: Editor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await reviewWorkingCopy(tx, id, req.action, {
      expectedVersion: req.version,
      by: by.label,
      byId: by.id,
      now: by.now,
    });
    await writeNote(tx, by, id, req.action, req.note);
  });
}

export async function addStoryNotice(
  db: Db,
  storyId: number,
  input: NoticeInput,
  by: Editor,
): Promise<Notice> {
  return inTransaction(db, async (tx) => {
    const added = await addNotice(tx, storyId, input, { by: by.label, now: by.now });
    await auditNotice(tx, by, 'notice.add', added, { text: added.text });
    return added;
  });
}

export async function editStoryNotice(
  db: Db,
  storyId: number,
  noticeId: number,
  patch: NoticePatch,
  by: Editor,
): Promise<Notice> {
  return inTransaction(db, async (tx) => {
    const { before, after } = await editNotice(tx, storyId, noticeId, patch, { by: by.label, now: by.now });
    await auditNotice(tx, by, 'notice.edit', after, {
      before: { kind: before.kind, text: before.text },
      after: { kind: after.kind, text: after.text },
    });
    return after;
  });
}

export async function removeStoryNotice(
  db: Db,
  storyId: number,
  noticeId: number,
  by: Editor,
): Promise<Notice> {
  return inTransaction(db, async (tx) => {
    const removed = await removeNotice(tx, storyId, noticeId, { by: by.label, now: by.now });
    await auditNotice(tx, by, 'notice.remove', removed, { text: removed.text });
    return removed;
  });
}

async function writeNote(tx: Db, by: Editor, articleId: number, action: string, note: string | undefined) {
  if (!note) return;
  await addNote(tx, {
    articleId,
    userId: by.id,
    text: note,
    transition: action as NoteTransition,
    now: by.now,
  });
}

function auditStory(tx: Db, by: Editor, action: string, id: number, details?: Record<string, unknown>) {
  return audit(
    tx,
    { actor: { id: by.id, label: by.email }, action, subject: { type: 'article', id }, details },
    by.now,
  );
}

function auditNotice(tx: Db, by: Editor, action: string, notice: Notice, details: Record<string, unknown>) {
  return audit(
    tx,
    {
      actor: { id: by.id, label: by.email },
      action,
      subject: { type: 'article', id: notice.articleId },
      details: { notice: notice.id, kind: notice.kind, ...details },
    },
    by.now,
  );
}

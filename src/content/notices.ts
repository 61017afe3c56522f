import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  NOTICE_KINDS,
  NOTICE_MAX_LENGTH,
  type NoticeInput,
  type NoticePatch,
  noticeInput,
  noticePatch,
} from '../shared/inputs.js';
import { announceChange, articleTag, CORRECTIONS } from '../cache/index.js';
import {
  type ArticleRow,
  compiledQuery,
  type Database,
  type Db,
  inTransaction,
  type NoticeKind,
  type NoticeRow,
} from '../db/index.js';
import { recordArticleChange } from './changes.js';
import { ContentError } from './errors.js';
import { isPublicArticle } from './queries.js';

/**
 * Notices readers see with a story: corrections, clarifications, updates and editor's notes.
 * A notice is not part of the story's editable copy (no version bump, so an editor's open copy
 * never turns stale because a colleague added a correction), but it changes what readers see:
 * on a public story it moves the story's `updated_at` (the page's "Updated" stamp, feeds'
 * `updated`, the Content API's `updated_since`), drops the cached pages that show it, and
 * sends an `article.corrected` webhook. Removing a notice keeps its row (removed_at/by) so the
 * record of what readers were told survives; the audit log keeps every change.
 */
type Tx = Transaction<Database>;

export { NOTICE_KINDS, NOTICE_MAX_LENGTH, type NoticeInput, type NoticePatch, noticeInput, noticePatch };

/** The kinds /corrections and JSON-LD `correction` list: the ones that admit an error. */
export const CORRECTION_KINDS: readonly NoticeKind[] = ['correction', 'clarification'];

/** How readers see each kind named. */
export const NOTICE_LABELS: Record<NoticeKind, string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
  editors_note: "Editor's note",
};

/** A notice as the APIs show it. */
export interface Notice {
  id: number;
  articleId: number;
  kind: NoticeKind;
  text: string;
  createdAt: string;
  createdBy: string | null;
  editedAt: string | null;
  editedBy: string | null;
  removedAt: string | null;
  removedBy: string | null;
}

export interface NoticeWriteOptions {
  /** Who (the label revisions and audit entries use, e.g. "user:12"). */
  by: string;
  now: string;
}

export function noticeOf(r: NoticeRow): Notice {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    createdAt: r.created_at,
    createdBy: r.created_by,
    editedAt: r.edited_at,
    editedBy: r.edited_by,
    removedBy: r.removed_by,
    removedAt: r.removed_at,
  };
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'notice';
  throw new ContentError(`${field}: ${issue?.message}`, 400, field);
}

async function storyOf(tx: Tx, articleId: number): Promise<ArticleRow> {
  const row = await tx.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
  if (!row || row.deleted_at) throw new ContentError(`article ${articleId} does not exist`, 404);
  return row;
}

/**
 * Add a notice. Works inside the caller's transaction (the `update` transition adds the
 * correction that comes with an update in the same one) or opens its own.
 */
export async function addNotice(
  db: Db,
  articleId: number,
  input: NoticeInput,
  opts: NoticeWriteOptions,
): Promise<Notice> {
  const data = parse(noticeInput, input);
  return inTransaction(db, async (tx) => {
    const story = await storyOf(tx, articleId);
    const row = await tx
      .insertInto('article_notices')
      .values({
        article_id: articleId,
        kind: data.kind,
        text: data.text,
        created_at: opts.now,
        created_by: opts.by,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Revision history ("Correction added") belongs here, in this transaction, once it has kinds.
    await readersCopyChanged(tx, story, row, 'added', opts.now);
    return noticeOf(row);
  });
}

/** Change a notice's kind or text (editors: see docs/permissions.md `notice.edit`). */
export async function editNotice(
  db: Db,
  articleId: number,
  noticeId: number,
  patch: NoticePatch,
  opts: NoticeWriteOptions,
): Promise<{ before: Notice; after: Notice }> {
  const data = parse(noticePatch, patch);
  return inTransaction(db, async (tx) => {
    const story = await storyOf(tx, articleId);
    const current = await liveNotice(tx, articleId, noticeId);
    const row = await tx
      .updateTable('article_notices')
      .set({ ...data, edited_at: opts.now, edited_by: opts.by })
      .where('id', '=', noticeId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await readersCopyChanged(tx, story, row, 'edited', opts.now);
    return { before: noticeOf(current), after: noticeOf(row) };
  });
}

/** Take a notice off the story; the row stays, marked removed. */
export async function removeNotice(
  db: Db,
  articleId: number,
  noticeId: number,
  opts: NoticeWriteOptions,
): Promise<Notice> {
  return inTransaction(db, async (tx) => {
    const story = await storyOf(tx, articleId);
    await liveNotice(tx, articleId, noticeId);
    const row = await tx
      .updateTable('article_notices')
      .set({ removed_at: opts.now, removed_by: opts.by })
      .where('id', '=', noticeId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await readersCopyChanged(tx, story, row, 'removed', opts.now);
    return noticeOf(row);
  });
}

async function liveNotice(tx: Tx, articleId: number, noticeId: number): Promise<NoticeRow> {
  const row = await tx
    .selectFrom('article_notices')
    .selectAll()
    .where('id', '=', noticeId)
    .where('article_id', '=', articleId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new ContentError(`notice ${noticeId} not found`, 404);
  return row;
}

/**
 * A notice on a public story changes the readers' copy: "Updated" moves to now, the story's
 * pages, feeds, sitemaps and API answers are dropped from caches (through the same seam as
 * every article write), /corrections when the kind is listed there, and subscribers hear
 * `article.corrected`. On a story readers cannot see, nothing public changes.
 */
async function readersCopyChanged(
  tx: Tx,
  story: ArticleRow,
  notice: NoticeRow,
  action: 'added' | 'edited' | 'removed',
  now: string,
): Promise<void> {
  if (!isPublicArticle(story, now)) return;
  const after =
    now > story.updated_at
      ? await tx
          .updateTable('articles')
          .set({ updated_at: now })
          .where('id', '=', story.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : story;
  // The change carries the notice, so the webhook outbox also announces `article.corrected`.
  await recordArticleChange(tx, { before: story, after, now, notice: { ...publicNotice(notice), action } });
  announceChange(tx, [articleTag(story.id), CORRECTIONS]);
}

/** The fields of a notice every public face may show. */
export interface PublicNotice {
  id: number;
  kind: NoticeKind;
  label: string;
  text: string;
  createdAt: string;
  editedAt: string | null;
}

export function publicNotice(r: NoticeRow): PublicNotice {
  return {
    id: r.id,
    kind: r.kind,
    label: NOTICE_LABELS[r.kind],
    text: r.text,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}

/** Every notice of a story for the newsroom, removed ones included, oldest first. */
export async function listNotices(db: Db, articleId: number): Promise<Notice[]> {
  const rows = await db
    .selectFrom('article_notices')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(noticeOf);
}

/**
 * The standing notices of many stories, oldest first, in one query. The caller decides which
 * stories are public (every public face loads its stories through `publicArticles` first).
 */
const noticeRows = compiledQuery((db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_notices')
    .selectAll()
    .where('article_id', 'in', articleIds)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id'),
);

export async function noticesOf(db: Db, articleIds: readonly number[]): Promise<Map<number, PublicNotice[]>> {
  const out = new Map<number, PublicNotice[]>();
  const ids = [...new Set(articleIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await noticeRows(db, ids.slice(i, i + 500));
    for (const r of rows) {
      const list = out.get(r.article_id);
      if (list) list.push(publicNotice(r));
      else out.set(r.article_id, [publicNotice(r)]);
    }
  }
  return out;
}

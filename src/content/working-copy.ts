import { sql } from 'kysely';
import { dialectOf } from '../db/adapter.js';
import { type ArticleRow, type Db, inTransaction, type WorkingCopyRow } from '../db/index.js';
import type { ArticleInput } from '../shared/article-input.js';
import { checkReferences, parseInput, updateArticle } from './articles.js';
import { ContentError } from './errors.js';

/**
 * The working copy of a live story. Once a story is published (or scheduled), saves and
 * autosaves no longer touch its `articles` row, which is all that readers, feeds, the Content
 * API, webhooks, sitemaps, the static export and search ever read: they go to one pending copy
 * per story, with its own version (409 on a stale save, as for stories) and its own review
 * state. `update` applies the copy through `updateArticle` (revision, search, outbox, cache tags
 * in one transaction); `discard` drops it. No working-copy write announces a change: readers
 * have nothing new to see.
 *
 * Versions: the copy's version continues from the story's (a new copy is max(story, last
 * copy) + 1), and applying it lifts the story past the copy, so one number the editor holds is
 * never valid for two different states.
 */
export const WORKING_COPY_STATUSES = ['published', 'scheduled'] as const;

/** Does a save to a story in this state go to its working copy? */
export function editsGoToWorkingCopy(status: string): boolean {
  return (WORKING_COPY_STATUSES as readonly string[]).includes(status);
}

/** The editable fields of a working copy: `updateArticle`'s input without the state. */
export type WorkingCopyContent = Omit<ArticleInput, 'status' | 'publishAt'>;

export interface WorkingCopy {
  content: WorkingCopyContent;
  version: number;
  /** The story's version the copy was started from. */
  baseVersion: number;
  reviewState: 'draft' | 'in_review';
  updatedBy: string | null;
  updatedById: number | null;
  createdAt: string;
  updatedAt: string;
}

export type WorkingCopyAction = 'update' | 'discard' | 'submit' | 'return';
export const WORKING_COPY_ACTIONS: readonly WorkingCopyAction[] = ['update', 'discard', 'submit', 'return'];

interface Who {
  by: string | null;
  byId?: number | null;
  now: string;
}

function copyOf(row: WorkingCopyRow | undefined): WorkingCopy | null {
  if (!row?.content) return null;
  return {
    content: JSON.parse(row.content) as WorkingCopyContent,
    version: row.version,
    baseVersion: row.base_version,
    reviewState: row.review_state,
    updatedBy: row.updated_by,
    updatedById: row.updated_by_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function getWorkingCopy(db: Db, articleId: number): Promise<WorkingCopy | null> {
  return copyOf(
    await db.selectFrom('working_copies').selectAll().where('article_id', '=', articleId).executeTakeFirst(),
  );
}

/**
 * The story and its copy row, the story locked on PostgreSQL: every working-copy write takes
 * this lock first, so two saves of one copy run one after the other and the second sees the
 * first's version (409) instead of overwriting it.
 */
async function lockStory(db: Db, id: number) {
  const story = await db
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', id)
    .$if(dialectOf(db).rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!story || story.deleted_at) throw new ContentError(`article ${id} does not exist`, 404);
  const row = await db
    .selectFrom('working_copies')
    .selectAll()
    .where('article_id', '=', id)
    .executeTakeFirst();
  return { story, row, copy: copyOf(row) };
}

function stale(id: number, current: number, yours: number): ContentError {
  return new ContentError(
    `the changes to article ${id} were saved by someone else (version ${current}, yours ${yours})`,
    409,
  );
}

/**
 * Save (or autosave) to the working copy of a live story. `expectedVersion` is the copy's
 * version, or the story's when there is no copy yet. Committed before it returns.
 */
export async function saveWorkingCopy(
  db: Db,
  id: number,
  input: WorkingCopyContent,
  opts: Who & { expectedVersion: number },
): Promise<WorkingCopy> {
  // Validated exactly as a save of the story would be, so `update` cannot fail on content.
  const data = parseInput({ ...input, status: 'published' });
  return inTransaction(db, async (tx) => {
    const { story, row, copy } = await lockStory(tx, id);
    if (!editsGoToWorkingCopy(story.status))
      throw new ContentError(`article ${id} is ${story.status}; save the story itself`, 409);
    const current = copy ? copy.version : story.version;
    if (current !== opts.expectedVersion) throw stale(id, current, opts.expectedVersion);
    await checkReferences(tx, data);
    const { status: _s, publishAt: _p, ...fields } = data;
    const content = JSON.stringify(fields);
    const version = Math.max(story.version, row?.version ?? 0) + 1;
    const who = { updated_by: opts.by, updated_by_id: opts.byId ?? null, updated_at: opts.now };
    if (!row) {
      await tx
        .insertInto('working_copies')
        .values({
          article_id: id,
          content,
          base_version: story.version,
          version,
          review_state: 'draft',
          created_at: opts.now,
          ...who,
        })
        .execute();
    } else {
      await tx
        .updateTable('working_copies')
        .set({
          content,
          version,
          ...who,
          ...(copy ? {} : { base_version: story.version, review_state: 'draft', created_at: opts.now }),
        })
        .where('article_id', '=', id)
        .where('version', '=', row.version)
        .execute();
    }
    return (await getWorkingCopy(tx, id)) as WorkingCopy;
  });
}

async function pendingCopy(db: Db, id: number, expectedVersion: number) {
  const locked = await lockStory(db, id);
  if (!locked.copy || !locked.row)
    throw new ContentError(`article ${id} has no unpublished changes`, 409, 'workingCopy');
  if (locked.copy.version !== expectedVersion) throw stale(id, locked.copy.version, expectedVersion);
  return { ...locked, copy: locked.copy, row: locked.row };
}

/** Closes the copy; the row stays with its version so the next copy counts on from it. */
async function closeCopy(db: Db, id: number, version: number, now: string): Promise<void> {
  await db
    .updateTable('working_copies')
    .set({ content: null, review_state: 'draft', version, updated_at: now })
    .where('article_id', '=', id)
    .execute();
}

export interface ApplyOptions extends Who {
  expectedVersion: number;
  timeZone: string;
}

/**
 * `update`: the working copy becomes what readers see, through the one story write path
 * (revision, search index, outbox event, cache tags after commit). The story keeps its state
 * (a scheduled story stays scheduled for the same time) and its address, unless the copy
 * changes the slug on purpose: then the old address redirects (updateArticle does that).
 * Returns the story as written, so a caller can add more to the same transaction.
 */
export async function applyWorkingCopy(db: Db, id: number, opts: ApplyOptions): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const { story, copy } = await pendingCopy(tx, id, opts.expectedVersion);
    if (!editsGoToWorkingCopy(story.status))
      throw new ContentError(`article ${id} is ${story.status}; it has nothing live to update`, 409);
    // Lift the story past every version the copy used (see the note at the top).
    const base = Math.max(story.version, copy.version);
    await tx.updateTable('articles').set({ version: base }).where('id', '=', id).execute();
    const row = await updateArticle(
      tx,
      id,
      { ...copy.content, status: story.status, publishAt: story.publish_at },
      // 'update': the history says the working copy was applied here.
      { expectedVersion: base, by: opts.by, kind: 'update', timeZone: opts.timeZone, now: opts.now },
    );
    await closeCopy(tx, id, row.version, opts.now);
    return row;
  });
}

/** `discard`: drop the working copy; the public story is untouched. */
export async function discardWorkingCopy(
  db: Db,
  id: number,
  opts: Who & { expectedVersion: number },
): Promise<ArticleRow> {
  return inTransaction(db, async (tx) => {
    const { story, copy } = await pendingCopy(tx, id, opts.expectedVersion);
    await closeCopy(tx, id, copy.version + 1, opts.now);
    return story;
  });
}

/** `submit` / `return` on a working copy: the same review states a draft has. */
export async function reviewWorkingCopy(
  db: Db,
  id: number,
  action: 'submit' | 'return',
  opts: Who & { expectedVersion: number },
): Promise<WorkingCopy> {
  return inTransaction(db, async (tx) => {
    const { copy } = await pendingCopy(tx, id, opts.expectedVersion);
    const [from, to] =
      action === 'submit' ? (['draft', 'in_review'] as const) : (['in_review', 'draft'] as const);
    if (copy.reviewState !== from)
      throw new ContentError(`cannot ${action} changes that are ${copy.reviewState.replace('_', ' ')}`, 409);
    await tx
      .updateTable('working_copies')
      .set({
        review_state: to,
        version: sql<number>`version + 1`,
        updated_by: opts.by,
        updated_by_id: opts.byId ?? null,
        updated_at: opts.now,
      })
      .where('article_id', '=', id)
      .execute();
    return (await getWorkingCopy(tx, id)) as WorkingCopy;
  });
}

/** The working copy's fields in the API's shape, filled in from the story where a save left one out. */
export function workingCopyFields(story: ArticleRow, copy: WorkingCopy): WorkingCopyContent {
  return { ...copy.content, slug: copy.content.slug ?? story.slug };
}

/**
 * A story that leaves the live states (unscheduled back to draft, unpublished, archived) has no
 * public version to protect any more: its pending copy becomes the story's own content, as one
 * more save, so the editor keeps showing what it was editing and nothing is left hidden.
 * Call it in the transition's transaction; answers the story as it now is.
 */
export async function foldWorkingCopy(
  db: Db,
  story: ArticleRow,
  opts: { by: string | null; timeZone: string; now: string },
): Promise<ArticleRow> {
  if (editsGoToWorkingCopy(story.status)) return story;
  return inTransaction(db, async (tx) => {
    const { story: current, row, copy } = await lockStory(tx, story.id);
    if (!copy || !row) return current;
    const base = Math.max(current.version, copy.version);
    await tx.updateTable('articles').set({ version: base }).where('id', '=', current.id).execute();
    const saved = await updateArticle(
      tx,
      current.id,
      { ...copy.content, status: current.status, publishAt: current.publish_at },
      { expectedVersion: base, by: opts.by, kind: 'save', timeZone: opts.timeZone, now: opts.now },
    );
    await closeCopy(tx, current.id, saved.version, opts.now);
    return saved;
  });
}

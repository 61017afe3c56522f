import { audit } from '../accounts/index.js';
import { announceChange, liveTag } from '../cache/index.js';
import { type Db, inTransaction, type LiveEntryRow } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { DocumentError, validateDocument } from '../shared/document/index.js';
import { type LiveEntryInput, type LiveEntryPatch, liveEntryInput, liveEntryPatch } from '../shared/live.js';
import { type Coverage, coverageOf, entryOf, type LiveEntry, type LiveWriter } from './model.js';

/**
 * Live coverage writes. Reporters post at once without any lock: a post is one insert, and an
 * edit is one conditional update on the entry's version (a stale one is refused with 409 and the
 * current entry, like a story's save). Every state an entry reaches is kept in
 * live_entry_revisions. Each write, starting and ending included, announces `live:ID` alone after
 * its commit: every story page carries that tag (live or not), so do its entry pages, and every
 * node's live hub hears it; lists and feeds that show the story are left alone (a card does not
 * show whether the story is live).
 */

/** Start covering a story live (again, if its coverage had ended). */
export async function startCoverage(db: Db, articleId: number, by: LiveWriter): Promise<Coverage> {
  return inTransaction(db, async (tx) => {
    const article = await tx
      .selectFrom('articles')
      .select(['id', 'deleted_at'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (!article || article.deleted_at) throw notFound(`story ${articleId} does not exist`);
    const current = await tx
      .selectFrom('live_coverage')
      .selectAll()
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (current?.state === 'live')
      throw conflict('this story is already live', { current: coverageOf(current) });
    const values = {
      state: 'live' as const,
      started_at: by.now,
      started_by: by.label,
      ended_at: null,
      ended_by: null,
    };
    const row = current
      ? await tx
          .updateTable('live_coverage')
          .set(values)
          .where('article_id', '=', articleId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('live_coverage')
          .values({ article_id: articleId, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    await auditLive(tx, by, 'live.start', articleId, {});
    announceChange(tx, [liveTag(articleId)]);
    return coverageOf(row);
  });
}

/** End the coverage: the story reads as a normal one again, its entries kept as a timeline. */
export async function endCoverage(db: Db, articleId: number, by: LiveWriter): Promise<Coverage> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('live_coverage')
      .set({ state: 'ended', ended_at: by.now, ended_by: by.label })
      .where('article_id', '=', articleId)
      .where('state', '=', 'live')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('this story is not live');
    await auditLive(tx, by, 'live.end', articleId, {});
    announceChange(tx, [liveTag(articleId)]);
    return coverageOf(row);
  });
}

/** Post an entry to a story being covered live. */
export async function postEntry(
  db: Db,
  articleId: number,
  input: LiveEntryInput,
  by: LiveWriter,
): Promise<LiveEntry> {
  const data = parse(liveEntryInput, input);
  const body = JSON.stringify(documentOf(data.body));
  return inTransaction(db, async (tx) => {
    const coverage = await tx
      .selectFrom('live_coverage')
      .select('state')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    if (coverage?.state !== 'live') throw conflict('this story is not being covered live');
    const row = await tx
      .insertInto('live_entries')
      .values({
        article_id: articleId,
        author_id: by.id,
        author_name: by.name,
        kind: data.kind,
        title: data.title,
        body,
        key_point: data.keyPoint ? 1 : 0,
        pinned: data.pinned ? 1 : 0,
        version: 1,
        created_at: by.now,
        updated_at: by.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await keepRevision(tx, row, by);
    announceChange(tx, [liveTag(articleId)]);
    return entryOf(row);
  });
}

/** Change an entry (text, kind, pin, key point) based on `patch.version`; 409 when stale. */
export async function editEntry(
  db: Db,
  articleId: number,
  id: number,
  patch: LiveEntryPatch,
  by: LiveWriter,
): Promise<LiveEntry> {
  const data = parse(liveEntryPatch, patch);
  const body = data.body === undefined ? undefined : JSON.stringify(documentOf(data.body));
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('live_entries')
      .set((eb) => ({
        version: eb('version', '+', 1),
        updated_at: by.now,
        ...(data.kind !== undefined ? { kind: data.kind } : {}),
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(data.keyPoint !== undefined ? { key_point: data.keyPoint ? 1 : 0 } : {}),
        ...(data.pinned !== undefined ? { pinned: data.pinned ? 1 : 0 } : {}),
      }))
      .where('id', '=', id)
      .where('article_id', '=', articleId)
      .where('version', '=', data.version)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await refusal(tx, articleId, id);
    await keepRevision(tx, row, by);
    announceChange(tx, [liveTag(articleId)]);
    return entryOf(row);
  });
}

/** Remove an entry from the timeline; the row and its history stay, its permalink answers 410. */
export async function deleteEntry(
  db: Db,
  articleId: number,
  id: number,
  version: number,
  by: LiveWriter,
): Promise<LiveEntry> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('live_entries')
      .set((eb) => ({
        version: eb('version', '+', 1),
        updated_at: by.now,
        deleted_at: by.now,
        deleted_by: by.label,
      }))
      .where('id', '=', id)
      .where('article_id', '=', articleId)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await refusal(tx, articleId, id);
    await keepRevision(tx, row, by);
    await auditLive(tx, by, 'live.entry.delete', articleId, { entry: id });
    announceChange(tx, [liveTag(articleId)]);
    return entryOf(row);
  });
}

/** Why a conditional update matched nothing: no such entry (404), deleted or stale (409). */
async function refusal(tx: Db, articleId: number, id: number) {
  const current = await tx
    .selectFrom('live_entries')
    .selectAll()
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!current) return notFound(`entry ${id} does not exist`);
  if (current.deleted_at) return conflict('this entry was deleted', { current: entryOf(current) });
  return conflict('this entry was changed by someone else since you opened it', {
    current: entryOf(current),
  });
}

async function keepRevision(tx: Db, row: LiveEntryRow, by: LiveWriter): Promise<void> {
  await tx
    .insertInto('live_entry_revisions')
    .values({
      entry_id: row.id,
      version: row.version,
      kind: row.kind,
      title: row.title,
      body: row.body,
      key_point: row.key_point,
      pinned: row.pinned,
      deleted: row.deleted_at ? 1 : 0,
      saved_at: by.now,
      saved_by: by.label,
    })
    .execute();
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'entry';
  throw invalidInput(`${field}: ${issue?.message}`, field);
}

function documentOf(body: unknown) {
  try {
    const doc = validateDocument(body);
    if (doc.content.length === 0) throw invalidInput('body: an entry needs some content', 'body');
    return doc;
  } catch (err) {
    if (err instanceof DocumentError) throw invalidInput(`body: ${err.message}`, 'body');
    throw err;
  }
}

function auditLive(
  tx: Db,
  by: LiveWriter,
  action: string,
  articleId: number,
  details: Record<string, unknown>,
) {
  return audit(
    tx,
    { actor: { id: by.id, label: by.email }, action, subject: { type: 'article', id: articleId }, details },
    by.now,
  );
}

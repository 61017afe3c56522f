import { compiledQuery, type Db } from '../db/index.js';
import {
  type Coverage,
  coverageOf,
  entryOf,
  type LiveEntry,
  type LiveEntryRevision,
  revisionOf,
} from './model.js';

/** How many entries a timeline shows at most (newest first); older ones stay on their permalinks. */
export const TIMELINE_LIMIT = 500;

/** A story's coverage, or null when it was never live. */
export async function coverageFor(db: Db, articleId: number): Promise<Coverage | null> {
  const [row] = await coverageRow(db, articleId);
  return row ? coverageOf(row) : null;
}

const coverageRow = compiledQuery((db, articleId: number) =>
  db.selectFrom('live_coverage').selectAll().where('article_id', '=', articleId),
);

/** Coverage of many stories at once (the static export, the hub after a gap). */
export async function coverages(db: Db, opts: { liveOnly?: boolean } = {}): Promise<Coverage[]> {
  let q = db.selectFrom('live_coverage').selectAll().orderBy('article_id');
  if (opts.liveOnly) q = q.where('state', '=', 'live');
  return (await q.execute()).map(coverageOf);
}

/**
 * The timeline readers see: entries not deleted, newest first (ties by id, the posting order);
 * at most TIMELINE_LIMIT. The limit is a constant of the query, not an argument: SQLite prepares
 * a statement with a bound LIMIT anew on every run (db/sqlite.ts, "literal LIMITs").
 */
export async function listEntries(
  db: Db,
  articleId: number,
  opts: { includeDeleted?: boolean } = {},
): Promise<LiveEntry[]> {
  const rows = await (opts.includeDeleted ? timelineWithDeleted : timeline)(db, articleId);
  return rows.map(entryOf);
}

const timelineOf = (db: Db, articleId: number) =>
  db
    .selectFrom('live_entries')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(TIMELINE_LIMIT);
const timelineWithDeleted = compiledQuery(timelineOf);
const timeline = compiledQuery((db, articleId: number) =>
  timelineOf(db, articleId).where('deleted_at', 'is', null),
);

/** One entry of one story, deleted or not (its permalink decides between 200 and 410). */
export async function entryById(db: Db, articleId: number, id: number): Promise<LiveEntry | null> {
  const row = await db
    .selectFrom('live_entries')
    .selectAll()
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? entryOf(row) : null;
}

/** Every state an entry has been in, oldest first. */
export async function entryHistory(db: Db, id: number): Promise<LiveEntryRevision[]> {
  const rows = await db
    .selectFrom('live_entry_revisions')
    .selectAll()
    .where('entry_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map(revisionOf);
}

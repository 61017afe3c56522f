import { z } from 'zod';
import type { ArticleRow, Db } from '../db/index.js';
import { editsGoToWorkingCopy, getWorkingCopy } from './working-copy.js';

/**
 * Who is editing a story. Each editor tab sends a heartbeat every few seconds; it is one row of
 * `editing_sessions`, so every app node sees the same people (no process keeps any of it). A
 * tab whose heartbeat stopped counts as gone after PRESENCE_TTL_MS and its row is deleted later
 * (`purgeStalePresence`, a job). Taking a story over marks the rows of everyone else, and their
 * next heartbeat says so; nothing is locked: their saves still go through the version check.
 * Times come from the caller (`ctx.now()`), so tests move the clock instead of sleeping.
 */
export const HEARTBEAT_MS = 5_000;
export const PRESENCE_TTL_MS = 30_000;
/** Stale rows are kept a little past the TTL, so a tab that wakes from sleep keeps its `since`. */
const PURGE_AFTER_MS = 10 * 60_000;

/** A tab's id: random, chosen by the editor when it opens a story (crypto.randomUUID()). */
export const tabId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, "-" or "_"');

export interface PresenceOptions {
  articleId: number;
  userId: number;
  tabId: string;
  now: Date;
}

export interface Person {
  id: number;
  name: string;
}

/** Another person (or another tab of one's own) with the story open. */
export interface Presence {
  user: Person;
  /** Another tab of the one asking. */
  you: boolean;
  /** How many tabs they have the story open in. */
  tabs: number;
  since: string;
  lastSeen: string;
  /** Someone took the story over from all their tabs. */
  takenOver: boolean;
}

export interface PresenceState {
  /** Since when this tab has had the story open (the second to open it is warned). */
  since: string;
  others: Presence[];
  /** Set when an editor took the story over from this tab. */
  takenOver: { by: Person; at: string } | null;
  /** The story as saved now, so an editor learns of someone else's save within a heartbeat. */
  article: { version: number; status: string; updatedAt: string; updatedBy: Person | null };
  heartbeatSeconds: number;
  goneAfterSeconds: number;
}

const cutoff = (now: Date) => new Date(now.getTime() - PRESENCE_TTL_MS).toISOString();

/** Record this tab's heartbeat (one upsert). */
async function touch(db: Db, o: PresenceOptions): Promise<void> {
  const at = o.now.toISOString();
  // The primary key includes the user, so nobody can refresh or take another person's tab row.
  await db
    .insertInto('editing_sessions')
    .values({ article_id: o.articleId, user_id: o.userId, tab_id: o.tabId, since: at, last_seen: at })
    .onConflict((oc) =>
      oc.columns(['article_id', 'user_id', 'tab_id']).doUpdateSet((eb) => ({
        last_seen: at,
        // A tab back after it counted as gone (a laptop lid closed) starts a new stay.
        since: eb
          .case()
          .when('editing_sessions.last_seen', '<', cutoff(o.now))
          .then(at)
          .else(eb.ref('editing_sessions.since'))
          .end(),
      })),
    )
    .execute();
}

/** Who has the story open (one select over its rows, with their names). */
async function present(db: Db, o: PresenceOptions) {
  return db
    .selectFrom('editing_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('users as t', 't.id', 's.taken_over_by')
    .select([
      's.user_id',
      's.tab_id',
      's.since',
      's.last_seen',
      's.taken_over_by',
      's.taken_over_at',
      'u.name as user_name',
      't.name as taker_name',
    ])
    .where('s.article_id', '=', o.articleId)
    .where('s.last_seen', '>=', cutoff(o.now))
    .orderBy('s.since')
    .orderBy('s.user_id')
    .orderBy('s.tab_id')
    .execute();
}

/** The person behind the story's latest save ("user:12" on its revision), if any. */
async function savedBy(db: Db, article: ArticleRow): Promise<Person | null> {
  const rev = await db
    .selectFrom('revisions')
    .select('created_by')
    .where('article_id', '=', article.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const id = /^user:(\d+)$/.exec(rev?.created_by ?? '')?.[1];
  if (!id) return null;
  const user = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', Number(id))
    .executeTakeFirst();
  return user ?? null;
}

async function copySavedBy(db: Db, userId: number | null): Promise<Person | null> {
  if (userId === null) return null;
  return (
    (await db.selectFrom('users').select(['id', 'name']).where('id', '=', userId).executeTakeFirst()) ?? null
  );
}

/**
 * A heartbeat: this tab is here; who else is, whether someone took the story over from this
 * tab, and the story's current version. `heldVersion` is the version the editor holds: who
 * saved is looked up only when the story moved past it (or it is not given).
 */
export async function heartbeat(
  db: Db,
  article: ArticleRow,
  o: PresenceOptions & { heldVersion?: number },
): Promise<PresenceState> {
  await touch(db, o);
  return stateOf(db, article, o);
}

async function stateOf(
  db: Db,
  article: ArticleRow,
  o: PresenceOptions & { heldVersion?: number },
): Promise<PresenceState> {
  const rows = await present(db, o);
  const mine = rows.find((r) => r.user_id === o.userId && r.tab_id === o.tabId);
  const byUser = new Map<number, Presence>();
  for (const r of rows) {
    if (r === mine) continue;
    const seen = byUser.get(r.user_id);
    if (seen) {
      seen.tabs += 1;
      if (r.last_seen > seen.lastSeen) seen.lastSeen = iso(r.last_seen);
      seen.takenOver &&= r.taken_over_by !== null;
      continue;
    }
    byUser.set(r.user_id, {
      user: { id: r.user_id, name: r.user_name },
      you: r.user_id === o.userId,
      tabs: 1,
      since: iso(r.since),
      lastSeen: iso(r.last_seen),
      takenOver: r.taken_over_by !== null,
    });
  }
  // A live story is edited through its working copy: the version the editor holds and the
  // person who saved last are the copy's while it has one (content/working-copy.ts).
  const copy = editsGoToWorkingCopy(article.status) ? await getWorkingCopy(db, article.id) : null;
  const version = copy ? copy.version : article.version;
  const moved = o.heldVersion === undefined || o.heldVersion !== version;
  return {
    since: iso(mine?.since ?? o.now.toISOString()),
    others: [...byUser.values()],
    takenOver:
      mine?.taken_over_by != null
        ? {
            by: { id: mine.taken_over_by, name: mine.taker_name ?? '' },
            at: iso(mine.taken_over_at ?? mine.last_seen),
          }
        : null,
    article: {
      version,
      status: article.status,
      updatedAt: copy ? copy.updatedAt : iso(article.updated_at),
      updatedBy: moved ? await (copy ? copySavedBy(db, copy.updatedById) : savedBy(db, article)) : null,
    },
    heartbeatSeconds: HEARTBEAT_MS / 1000,
    goneAfterSeconds: PRESENCE_TTL_MS / 1000,
  };
}

/**
 * An editor takes the story over: every other person's open tabs are marked (their next
 * heartbeat tells them who and when), and any earlier take-over of the taker's own tabs ends.
 * Answers the state as the taker's heartbeat would, and how many tabs were taken over.
 */
export async function takeOver(
  db: Db,
  article: ArticleRow,
  o: PresenceOptions,
): Promise<PresenceState & { tookOver: number }> {
  const at = o.now.toISOString();
  await touch(db, o);
  const taken = await db
    .updateTable('editing_sessions')
    .set({ taken_over_by: o.userId, taken_over_at: at })
    .where('article_id', '=', o.articleId)
    .where('user_id', '<>', o.userId)
    .where('last_seen', '>=', cutoff(o.now))
    .executeTakeFirst();
  await db
    .updateTable('editing_sessions')
    .set({ taken_over_by: null, taken_over_at: null })
    .where('article_id', '=', o.articleId)
    .where('user_id', '=', o.userId)
    .execute();
  return { ...(await stateOf(db, article, o)), tookOver: Number(taken.numUpdatedRows) };
}

/** The tab closed the story (or the page is going away). Leaving twice is fine. */
export async function leave(db: Db, o: Omit<PresenceOptions, 'now'>): Promise<void> {
  await db
    .deleteFrom('editing_sessions')
    .where('article_id', '=', o.articleId)
    .where('user_id', '=', o.userId)
    .where('tab_id', '=', o.tabId)
    .execute();
}

/** Delete rows whose heartbeat stopped long ago (a job; any node may run it, idempotent). */
export async function purgeStalePresence(db: Db, now: Date): Promise<number> {
  const res = await db
    .deleteFrom('editing_sessions')
    .where('last_seen', '<', new Date(now.getTime() - PURGE_AFTER_MS).toISOString())
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

// SQLite hands back the ISO text written; PostgreSQL's parser already gives ISO strings.
function iso(value: string): string {
  return new Date(value).toISOString();
}

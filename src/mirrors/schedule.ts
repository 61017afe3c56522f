import type { Context } from '../context.js';
import { addSettingIfAbsent, type Db } from '../db/index.js';
import { checkMirrors, type MirrorStatusRow } from './check.js';

/**
 * Mirror checks without cron: every `MIRROR_CHECK_MINUTES` one server (whichever claims it
 * first) checks every address, so the admin's status and `/mirrors.json`'s "last successful
 * check", which apps use to pick a working address, stay current on their own.
 */
const DUE_KEY = 'mirrors.check.due';

/**
 * True for exactly one caller, across every node on the database, once a check is due; the due
 * time moves on by one interval in the same conditional UPDATE. The first call only schedules:
 * a fresh server does not send requests to its mirrors the moment it starts (tests start many).
 * A due time more than two intervals away (the interval was shortened) counts as due; within
 * that, a node whose clock is a little behind does not claim again a check just made.
 */
export async function claimScheduledCheck(db: Db, now: Date, intervalMs: number): Promise<boolean> {
  const at = now.toISOString();
  const next = new Date(now.getTime() + intervalMs).toISOString();
  const tooFar = new Date(now.getTime() + 2 * intervalMs).toISOString();
  if (await addSettingIfAbsent(db, DUE_KEY, next, at)) return false;
  // ISO times in UTC with milliseconds compare as text.
  const claimed = await db
    .updateTable('settings')
    .set({ value: next, updated_at: at })
    .where('key', '=', DUE_KEY)
    .where((eb) => eb.or([eb('value', '<=', at), eb('value', '>', tooFar)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/**
 * The check running in this process, per context: an admin's "Check now" during a scheduled
 * check (or a second admin's click) joins it instead of doubling the outbound requests and racing
 * it on the same `mirror_checks` rows. Keyed by context because tests run several in one process.
 */
const running = new WeakMap<Context, Promise<MirrorStatusRow[]>>();

export function checkMirrorsOnce(ctx: Context): Promise<MirrorStatusRow[]> {
  let check = running.get(ctx);
  if (!check) {
    check = checkMirrors(ctx).finally(() => running.delete(ctx));
    running.set(ctx, check);
  }
  return check;
}

/** The server's job: checks when this node claims the due check; null when it did not. */
export async function scheduledMirrorCheck(ctx: Context): Promise<MirrorStatusRow[] | null> {
  const minutes = ctx.config.mirrorCheckMinutes;
  if (minutes === 0) return null;
  if (!(await claimScheduledCheck(ctx.db, ctx.now(), minutes * 60_000))) return null;
  return checkMirrorsOnce(ctx);
}

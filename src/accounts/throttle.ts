import type { Db } from '../db/index.js';

/**
 * Login throttling in fixed windows, stored in the database so every app node counts together.
 * An account locks after a few attempts (guessing one person's password); an IP after more
 * (spraying many accounts). Every attempt is counted before its password is checked, in one
 * upsert per key, so parallel guesses cannot all pass a check made before any was recorded.
 * A success clears the account's counter and gives the IP its attempt back.
 */
export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 20;

/** Count one attempt under a key; the count and window start after it, as the database saw them. */
async function countAttempt(db: Db, key: string, now: Date): Promise<{ count: number; windowStart: string }> {
  const windowFloor = new Date(now.getTime() - WINDOW_MS).toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ key, window_start: now.toISOString(), failures: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        // A window that has passed starts over at one attempt.
        failures: eb
          .case()
          .when('login_throttle.window_start', '<=', windowFloor)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('login_throttle.window_start', '<=', windowFloor)
          .then(now.toISOString())
          .else(eb.ref('login_throttle.window_start'))
          .end(),
      })),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.failures), windowStart: new Date(row.window_start).toISOString() };
}

function secondsLeft(windowStart: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(windowStart).getTime() + WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Count a sign-in attempt for this account and IP before its password is checked. Answers 0 when
 * the password may be checked, else the seconds until it may be tried again. The IP is counted
 * first: a locked-out IP adds nothing to the accounts it guesses at.
 */
export async function claimLoginAttempt(db: Db, account: string, ip: string, now: Date): Promise<number> {
  const byIp = await countAttempt(db, `ip:${ip}`, now);
  if (byIp.count > IP_LIMIT) return secondsLeft(byIp.windowStart, now);
  const byAccount = await countAttempt(db, `account:${account}`, now);
  if (byAccount.count > ACCOUNT_LIMIT) return secondsLeft(byAccount.windowStart, now);
  return 0;
}

/** After a right password: the account starts over, and the IP's attempt is not held against it. */
export async function clearLoginFailures(db: Db, account: string, ip: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', `account:${account}`).execute();
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', `ip:${ip}`)
    .where('failures', '>', 0)
    .execute();
}

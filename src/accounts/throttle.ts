import type { Db } from '../db/index.js';

/**
 * Login throttling in fixed windows, stored in the database so every app node counts together.
 * An account locks after a few failures (guessing one person's password); an IP after more
 * (spraying many accounts). A success clears the account's counter.
 */
export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 20;

async function failures(db: Db, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row || now.getTime() - new Date(row.window_start).getTime() >= WINDOW_MS) return 0;
  return row.failures;
}

/** Seconds until a login may be tried again for this account or IP, or 0 when it may now. */
export async function loginBlockedFor(
  db: Db,
  account: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const [a, i] = await Promise.all([failures(db, `account:${account}`, now), failures(db, `ip:${ip}`, now)]);
  if (a < ACCOUNT_LIMIT && i < IP_LIMIT) return 0;
  const rows = await db
    .selectFrom('login_throttle')
    .select('window_start')
    .where('key', 'in', [`account:${account}`, `ip:${ip}`])
    .execute();
  const latest = Math.max(...rows.map((r) => new Date(r.window_start).getTime() + WINDOW_MS));
  return Math.max(1, Math.ceil((latest - now.getTime()) / 1000));
}

export async function recordLoginFailure(
  db: Db,
  account: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  const windowFloor = new Date(now.getTime() - WINDOW_MS).toISOString();
  for (const key of [`account:${account}`, `ip:${ip}`]) {
    await db
      .insertInto('login_throttle')
      .values({ key, window_start: now.toISOString(), failures: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          // A window that has passed starts over at one failure.
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
      .execute();
  }
}

export async function clearLoginFailures(db: Db, account: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', `account:${account}`).execute();
}

import type { Db, UserRow } from '../db/index.js';
import { AccessError } from './errors.js';
import { decoyHash, verifyPassword } from './secrets.js';
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from './throttle.js';
import { userByEmail } from './users.js';

/**
 * Check an email and password. A wrong email and a wrong password get the same answer in the
 * same time (a decoy hash is checked for unknown emails), so logins reveal no accounts.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<UserRow> {
  const account = email.trim().toLowerCase();
  const wait = await loginBlockedFor(db, account, ip, now);
  if (wait > 0)
    throw new AccessError(429, 'too_many_attempts', 'too many failed sign-ins; try again later', wait);
  const user = await userByEmail(db, account);
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!user || !ok || user.active !== 1) {
    await recordLoginFailure(db, account, ip, now);
    throw new AccessError(401, 'invalid_credentials', 'email or password is incorrect');
  }
  await clearLoginFailures(db, account);
  return user;
}

import type { Db, UserRow } from '../db/index.js';
import { DomainError, rateLimited } from '../errors.js';
import { decoyHash, verifyPassword } from './secrets.js';
import { claimLoginAttempt, clearLoginFailures } from './throttle.js';
import { userByEmail } from './users.js';

function tooMany(wait: number): DomainError {
  return rateLimited('too many failed sign-ins; try again later', wait, 'too_many_attempts');
}

/**
 * Check an email and password. A wrong email and a wrong password get the same answer in the
 * same time (a decoy hash is checked for unknown emails), so logins reveal no accounts. The
 * attempt is counted before the hash is checked (see throttle.ts).
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  ip: string,
  now: Date,
): Promise<UserRow> {
  const account = email.trim().toLowerCase();
  const wait = await claimLoginAttempt(db, account, ip, now);
  if (wait > 0) throw tooMany(wait);
  const user = await userByEmail(db, account);
  // An account with no password yet (an imported byline's) is checked against the decoy too.
  const stored = user?.password_hash || (await decoyHash());
  const ok = (await verifyPassword(password, stored)) && stored === user?.password_hash;
  if (!user || !ok || user.active !== 1) {
    throw new DomainError(401, 'invalid_credentials', 'email or password is incorrect');
  }
  await clearLoginFailures(db, account, ip);
  return user;
}

/**
 * Check a signed-in user's own password before a sensitive change (a new password, an API
 * token). Throttled like sign-in, so a stolen session cannot be used to guess the password.
 */
export async function confirmPassword(
  db: Db,
  user: UserRow,
  password: string,
  ip: string,
  now: Date,
): Promise<boolean> {
  const wait = await claimLoginAttempt(db, user.email, ip, now);
  if (wait > 0) throw tooMany(wait);
  if (!(await verifyPassword(password, user.password_hash))) return false;
  await clearLoginFailures(db, user.email, ip);
  return true;
}

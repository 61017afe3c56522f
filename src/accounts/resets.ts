import type { Db } from '../db/index.js';
import { DomainError } from '../errors.js';
import { randomSecret, sha256 } from './secrets.js';
import { setPassword } from './users.js';

/**
 * One-time password reset links: valid for an hour, used once, printed by the CLI. Using one
 * (any password change, in fact) voids the user's other unused links: see `setPassword`.
 */
const VALID_MS = 3_600_000;

export async function createPasswordReset(db: Db, userId: number, now: Date): Promise<string> {
  const token = randomSecret();
  await db
    .insertInto('password_resets')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + VALID_MS).toISOString(),
    })
    .execute();
  return token;
}

export async function completePasswordReset(db: Db, token: string, password: string, now: Date) {
  const hash = sha256(token);
  // Claim the token atomically, so two requests racing with one link cannot both succeed.
  const claimed = await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning('user_id')
    .executeTakeFirst();
  if (!claimed)
    throw new DomainError(400, 'invalid_reset_token', 'this reset link is invalid, used or expired');
  await setPassword(db, claimed.user_id, password, now);
  return claimed.user_id;
}

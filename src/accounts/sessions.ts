import type { Db, UserRow } from '../db/index.js';
import { randomSecret, sha256 } from './secrets.js';
import { revokeAllPersonalTokens } from './tokens.js';

/**
 * Server-side sessions: the cookie carries a random token, the database its hash, the user,
 * and both expiries. Every node sees the same sessions, so any node can serve any request.
 */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 14 * 24 * 3_600_000;
/** last_seen is written at most this often, so reading pages does not mean writing rows. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  db: Db,
  userId: number,
  meta: { ip: string; userAgent: string },
  now: Date,
): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: meta.ip.slice(0, 100),
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  user: UserRow;
  tokenHash: string;
  csrfToken: string;
}

/** The live session behind a cookie token, or nothing: expired (idle or absolute) sessions are removed. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ActiveSession | null> {
  if (token.length < 20 || token.length > 200) return null;
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const { csrf_token, last_seen_at, expires_at, ...user } = row;
  const idleSince = now.getTime() - new Date(last_seen_at).getTime();
  if (user.active !== 1 || new Date(expires_at) <= now || idleSince > SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (idleSince > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return { user, tokenHash, csrfToken: csrf_token };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Every session of a user ends; run when a role changes or a user is deactivated. */
export async function endAllSessions(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** "Sign out everywhere": every session ends and every personal API token is revoked, together. */
export async function signOutEverywhere(
  db: Db,
  userId: number,
  now: Date,
): Promise<{ ended: number; revokedTokens: number }> {
  return db.transaction().execute(async (tx) => ({
    ended: await endAllSessions(tx, userId),
    revokedTokens: await revokeAllPersonalTokens(tx, userId, now),
  }));
}

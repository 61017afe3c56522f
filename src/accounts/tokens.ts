import type { Db, UserRow } from '../db/index.js';
import { randomSecret, sha256 } from './secrets.js';

/**
 * Personal API tokens for scripts: `Authorization: Bearer mh_…`. Shown once, stored hashed,
 * revocable, optionally expiring; a token acts with its user's current role, so demoting a user
 * demotes their scripts. A password change, a reset and "sign out everywhere" revoke them all:
 * a token minted with a stolen session must die with it. Creating one needs the current
 * password (checked by the route through `confirmPassword`).
 */
const PREFIX = 'mh_';
const DAY_MS = 86_400_000;

export async function createPersonalToken(
  db: Db,
  userId: number,
  input: { name: string; expiresInDays?: number | null },
  now: Date,
) {
  const token = randomSecret(PREFIX);
  const row = await db
    .insertInto('personal_tokens')
    .values({
      user_id: userId,
      name: input.name,
      prefix: token.slice(0, PREFIX.length + 6),
      token_hash: sha256(token),
      created_at: now.toISOString(),
      expires_at: input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString()
        : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, view: presentToken(row) };
}

export function presentToken(row: {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
  };
}

export async function listPersonalTokens(db: Db, userId: number) {
  const rows = await db
    .selectFrom('personal_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentToken);
}

export async function revokePersonalToken(db: Db, userId: number, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('personal_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revoke every live token of a user (password change or reset, sign-out-everywhere); how many. */
export async function revokeAllPersonalTokens(db: Db, userId: number, now: Date): Promise<number> {
  const r = await db
    .updateTable('personal_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The active user behind a live (not revoked, not expired) bearer token, or null. */
export async function resolvePersonalToken(db: Db, token: string, now: Date): Promise<UserRow | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db
    .selectFrom('personal_tokens')
    .innerJoin('users', 'users.id', 'personal_tokens.user_id')
    .selectAll('users')
    .select(['personal_tokens.id as token_id', 'personal_tokens.last_used_at'])
    .where('personal_tokens.token_hash', '=', sha256(token))
    .where('personal_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('personal_tokens.expires_at', 'is', null),
        eb('personal_tokens.expires_at', '>', now.toISOString()),
      ]),
    )
    .executeTakeFirst();
  if (row?.active !== 1) return null;
  const { token_id, last_used_at, ...user } = row;
  // Recording use once a minute is plenty for "last used" and keeps reads cheap.
  if (!last_used_at || now.getTime() - new Date(last_used_at).getTime() > 60_000) {
    await db
      .updateTable('personal_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', token_id)
      .execute();
  }
  return user;
}

import type { Db, UserRow } from '../db/index.js';
import { nowIso } from '../lib/time.js';
import { randomSecret, sha256 } from './secrets.js';

/**
 * Personal API tokens for scripts: `Authorization: Bearer mh_…`. Shown once, stored hashed,
 * revocable; a token acts with its user's current role, so demoting a user demotes their scripts.
 */
const PREFIX = 'mh_';

export async function createPersonalToken(db: Db, userId: number, name: string) {
  const token = randomSecret(PREFIX);
  const row = await db
    .insertInto('personal_tokens')
    .values({
      user_id: userId,
      name,
      prefix: token.slice(0, PREFIX.length + 6),
      token_hash: sha256(token),
      created_at: nowIso(),
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
}) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
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

export async function revokePersonalToken(db: Db, userId: number, id: number): Promise<boolean> {
  const r = await db
    .updateTable('personal_tokens')
    .set({ revoked_at: nowIso() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The active user behind a bearer token, or null. */
export async function resolvePersonalToken(db: Db, token: string): Promise<UserRow | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db
    .selectFrom('personal_tokens')
    .innerJoin('users', 'users.id', 'personal_tokens.user_id')
    .selectAll('users')
    .select(['personal_tokens.id as token_id', 'personal_tokens.last_used_at'])
    .where('personal_tokens.token_hash', '=', sha256(token))
    .where('personal_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row?.active !== 1) return null;
  const { token_id, last_used_at, ...user } = row;
  // Recording use once a minute is plenty for "last used" and keeps reads cheap.
  if (!last_used_at || Date.now() - new Date(last_used_at).getTime() > 60_000) {
    await db
      .updateTable('personal_tokens')
      .set({ last_used_at: nowIso() })
      .where('id', '=', token_id)
      .execute();
  }
  return user;
}

import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyRow, Db } from '../../db/index.js';
import { DomainError } from '../../errors.js';

/**
 * Content API keys. A key is shown once, when created; the database keeps its sha256 and a
 * short prefix for telling keys apart. sha256 (not a slow password hash) is right here: keys are
 * 256 random bits, so there is nothing to brute-force, and every API request checks one.
 */
export const DEFAULT_KEY_RATE = 600;
const KEY_PREFIX = 'mh_';

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  rateLimit: number;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A key the service refuses to make (400 `invalid_input`). */
export class ApiKeyError extends DomainError {
  constructor(message: string) {
    super(400, 'invalid_input', message);
  }
}

function info(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    rateLimit: row.rate_limit,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  db: Db,
  input: { name: string; rateLimit?: number },
  now: Date,
): Promise<{ key: string; info: ApiKeyInfo }> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new ApiKeyError('name must be 1 to 200 characters');
  const rate = input.rateLimit ?? DEFAULT_KEY_RATE;
  if (!Number.isSafeInteger(rate) || rate < 1 || rate > 1_000_000)
    throw new ApiKeyError('rate limit must be a whole number of requests per minute, 1 to 1,000,000');
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      name,
      prefix: key.slice(0, 10),
      key_hash: hashKey(key),
      rate_limit: rate,
      created_at: now.toISOString(),
      revoked_at: null,
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, info: info(row) };
}

/** Revokes a key at once; false when there is no such key or it was already revoked. */
export async function revokeApiKey(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return (await db.selectFrom('api_keys').selectAll().orderBy('id').execute()).map(info);
}

/** The active key a request presented, or undefined. Marks it used (at most once a minute). */
export async function verifyApiKey(db: Db, key: string, now: Date): Promise<ApiKeyInfo | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  if (!row.last_used_at || row.last_used_at < minuteAgo) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return info(row);
}

import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import { countUsers, createUser } from './users.js';

export const FIRST_OWNER_EMAIL = 'owner@example.com';

/**
 * A newsroom with no users gets an owner with a random password, printed once by `serve`, so
 * `npm start` ends with a way in. Returns null when users exist (or another node made it first).
 */
export async function ensureFirstOwner(
  db: Db,
  now: string,
): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  // Readable and strong: 20 characters from a 32-letter alphabet without look-alikes (100 bits).
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const password = [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
  try {
    await createUser(db, { email: FIRST_OWNER_EMAIL, name: 'Newsroom owner', password, role: 'owner' }, now);
  } catch {
    return null;
  }
  return { email: FIRST_OWNER_EMAIL, password };
}

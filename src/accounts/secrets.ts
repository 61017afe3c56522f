import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard, built into Node: no native add-on to build).
 * N=2^15, r=8 uses 32 MiB per hash (128·N·r bytes) and a noticeable fraction of a second: slow for an
 * attacker with a stolen table, fine for a login. Parameters are stored with the hash so they can be raised later.
 */
const PRODUCTION_N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
let N = PRODUCTION_N;

/**
 * Test processes hash at a low cost (vitest's setup file calls this): a suite signs in hundreds of
 * times and production cost made one file take 30 s. Safe because the cost is stored with each
 * hash, so a verify always uses the cost the hash was made with; the server never calls this.
 */
export function lowerPasswordCostForTests(): void {
  N = 2 ** 10;
}

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, checked against when the email is unknown so both cases take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A random secret for cookies, API tokens and reset links: 32 bytes, URL-safe. */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a stolen table opens no session. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

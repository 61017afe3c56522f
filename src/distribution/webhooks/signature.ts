import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing in the Standard Webhooks style (standardwebhooks.com), so receivers can use any of its
 * libraries: the secret is "whsec_" + base64 of the key; the signature is
 * "v1," + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), sent in `webhook-signature`
 * next to `webhook-id` and `webhook-timestamp` (Unix seconds).
 */
export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * What a receiver does: recompute and compare in constant time; refuse timestamps more than
 * `toleranceSeconds` away from now (replay protection). Used by our tests and offered to users.
 */
export function verify(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  opts: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const ts = Number(headers.timestamp);
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, headers.id, ts, body));
  // Several space-separated signatures may be sent while a secret is being rotated.
  return headers.signature.split(' ').some((candidate) => {
    const got = Buffer.from(candidate);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

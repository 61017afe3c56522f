import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Pushes are signed the way our own webhooks are (Standard Webhooks, standardwebhooks.com), so an
 * agency can use any of its libraries: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{raw body}")>`, where the key
 * is the base64 after "whsec_" in the source's secret. The HMAC needs the key itself, so the
 * secret is stored as webhook secrets are (docs/decisions.md, "Wire ingest secrets").
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newSourceSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** The signature header value for a body (what an agency's sender computes; tests use it). */
export function signPush(secret: string, id: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export interface PushHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/**
 * Why a push is not authentic, or null when it is: the headers are there, the timestamp within
 * five minutes of now, and one of the signatures (several are sent while a secret is rotated)
 * matches, compared in constant time. A replayed id is the caller's check (it needs the table).
 */
export function pushSignatureProblem(
  secret: string,
  headers: PushHeaders,
  body: Buffer,
  nowSeconds: number,
): string | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature)
    return 'unsigned: webhook-id, webhook-timestamp and webhook-signature are required';
  if (!/^[\x21-\x7e]{1,200}$/.test(id)) return 'webhook-id: at most 200 visible ASCII characters';
  const ts = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - ts) > SIGNATURE_TOLERANCE_SECONDS)
    return 'webhook-timestamp: not within five minutes of our clock';
  const expected = Buffer.from(signPush(secret, id, ts, body));
  const ok = signature.split(' ').some((candidate) => {
    const got = Buffer.from(candidate);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return ok ? null : 'wrong signature';
}

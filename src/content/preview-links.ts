import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';
import { addSettingIfAbsent, readSetting } from '../db/index.js';

/**
 * Private preview links: `/preview/{token}` shows any story — drafts included — exactly as its
 * public page would look (site/preview.ts renders it). The token is `{id}.{expiry}.{HMAC}`; the
 * key lives in the settings table, so every app node accepts every other node's links, and a
 * link stops working at its expiry (or when the key is rotated by deleting the setting).
 */
export const PREVIEW_TTL_MS = 24 * 3_600_000;
const SECRET_KEY = 'preview.secret';

const secrets = new WeakMap<Context, Promise<Buffer>>();

/** The signing key: created once by whichever node needs it first (the insert is race-safe). */
function previewSecret(ctx: Context): Promise<Buffer> {
  let secret = secrets.get(ctx);
  if (!secret) {
    secret = (async () => {
      await addSettingIfAbsent(
        ctx.db,
        SECRET_KEY,
        randomBytes(32).toString('base64url'),
        ctx.now().toISOString(),
      );
      const row = await readSetting(ctx.db, SECRET_KEY);
      if (!row) throw new Error(`the ${SECRET_KEY} setting was removed while it was being created`);
      return Buffer.from(row.value, 'base64url');
    })();
    secret.catch(() => secrets.delete(ctx));
    secrets.set(ctx, secret);
  }
  return secret;
}

function sign(key: Buffer, id: number, expires: number): Buffer {
  return createHmac('sha256', key).update(`preview:v1:${id}:${expires}`).digest();
}

/** A signed preview link for one story, valid for `ttlMs` (root-relative path and expiry). */
export async function issuePreview(ctx: Context, articleId: number, ttlMs = PREVIEW_TTL_MS) {
  const expires = Math.floor((ctx.now().getTime() + ttlMs) / 1000);
  const mac = sign(await previewSecret(ctx), articleId, expires).toString('base64url');
  return {
    path: `/preview/${articleId}.${expires}.${mac}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

export type PreviewCheck =
  | { ok: true; articleId: number; expires: number }
  | { ok: false; reason: 'forged' | 'expired' };

/** The signature is checked before the expiry, so a made-up token never learns it is "expired". */
export async function checkPreviewToken(ctx: Context, token: string): Promise<PreviewCheck> {
  const m = /^([1-9]\d{0,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'forged' };
  const id = Number(m[1]);
  const expires = Number(m[2]);
  const given = Buffer.from(m[3] as string, 'base64url');
  const expected = sign(await previewSecret(ctx), id, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  if (expires * 1000 <= ctx.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, articleId: id, expires };
}

const MEDIA_URL = /\/media\/(\d{1,10})\/\d{1,5}\.(?:avif|webp|jpg)(?=["'\s,)&])/g;

function mediaMac(key: Buffer, id: number, expires: number): string {
  return createHmac('sha256', key).update(`media:v1:${id}:${expires}`).digest('base64url');
}

/**
 * A preview shows images nothing public uses yet, which /media serves to no one else: every
 * image address in the page gets a signature (`?sig={expiry}.{HMAC}`) valid as long as the
 * preview link, for that image alone.
 */
export async function signMediaUrls(ctx: Context, html: string, expires: number): Promise<string> {
  const key = await previewSecret(ctx);
  return html.replace(
    MEDIA_URL,
    (url, id: string) => `${url}?sig=${expires}.${mediaMac(key, Number(id), expires)}`,
  );
}

/** Whether `sig` is a current signature for image `id` (media/routes.ts). */
export async function checkMediaSignature(ctx: Context, id: number, sig: string): Promise<boolean> {
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(sig);
  if (!m) return false;
  const expires = Number(m[1]);
  const given = Buffer.from(m[2] as string, 'base64url');
  const expected = Buffer.from(mediaMac(await previewSecret(ctx), id, expires), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return expires * 1000 > ctx.now().getTime();
}

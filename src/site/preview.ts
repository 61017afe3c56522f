import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import { editsGoToWorkingCopy, getWorkingCopy, type WorkingCopy } from '../content/index.js';
import type { Context } from '../context.js';
import { type ArticleRow, addSettingIfAbsent, readSetting } from '../db/index.js';
import { dateInZone } from '../lib/time.js';
import { type Common, common, loadArticlePage, type PageResult, renderArticlePage } from './pages.js';
import { renderDocument } from './render.js';
import { CSP } from './routes.js';
import { Layout } from './theme/layout.js';
import { sectionHref } from './view.js';

/**
 * Private previews: `/preview/{token}` shows any story — drafts included — exactly as its public
 * page would look, through the site's own render half. The token is `{id}.{expiry}.{HMAC}`; the
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

/** Drafts have no address yet: show the one publishing now would give (it is only a label here). */
function provisionalPath(c: Common, article: ArticleRow): string {
  if (article.path) return article.path;
  const section = c.tree.byId.get(article.section_id);
  const { year, month, day } = dateInZone(c.now, c.ctx.config.site.timeZone);
  return `${section ? sectionHref(section) : ''}/${year}/${month}/${day}/${article.slug}`;
}

/** The story's page as the public site renders it, whatever its state (same loads as the site). */
export async function previewPage(ctx: Context, articleId: number): Promise<PageResult | null> {
  const article = await ctx.db
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', articleId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!article) return null;
  // A live story with unpublished changes previews those changes (its working copy).
  const copy = editsGoToWorkingCopy(article.status) ? await getWorkingCopy(ctx.db, article.id) : null;
  const shown = copy ? withCopy(article, copy) : article;
  const c = await common(ctx);
  return renderArticlePage(
    c,
    { ...shown, path: copy ? article.path : provisionalPath(c, shown) },
    await loadArticlePage(c, shown),
    { preview: true },
  );
}

/**
 * The story's row with its working copy's fields laid over it. Bylines and tags live in tables
 * of their own and still show as published (the page loads them by story id).
 */
function withCopy(row: ArticleRow, copy: WorkingCopy): ArticleRow {
  const w = copy.content;
  return {
    ...row,
    headline: w.headline,
    dek: w.dek ?? row.dek,
    body: JSON.stringify(w.body),
    section_id: w.sectionId,
    lead_media_id: w.leadMediaId ?? null,
    lead_caption: w.leadCaption ?? row.lead_caption,
    lead_credit: w.leadCredit ?? row.lead_credit,
    lead_file_photo: w.leadFilePhoto === undefined ? row.lead_file_photo : w.leadFilePhoto ? 1 : 0,
    seo_title: w.seoTitle ?? null,
    seo_description: w.seoDescription ?? null,
    dateline: w.dateline ?? null,
    embargo_until: w.embargoUntil ?? null,
  };
}

const REFUSED = {
  forged: {
    status: 403,
    title: 'This preview link is not valid',
    text: 'The link was changed or never issued.',
  },
  expired: { status: 410, title: 'This preview link has expired', text: 'Preview links work for 24 hours.' },
  missing: {
    status: 404,
    title: 'This story is no longer here',
    text: 'It was deleted after the link was made.',
  },
} as const;

async function refusedPage(
  ctx: Context,
  why: keyof typeof REFUSED,
): Promise<{ status: number; html: string }> {
  const c = await common(ctx);
  const r = REFUSED[why];
  const head = {
    title: `${r.title} | ${c.view.site.name}`,
    description: r.title,
    canonical: `${c.view.site.url}/`,
    type: 'website' as const,
    jsonLd: [],
    noindex: true,
  };
  const children = h(
    'section',
    { class: 'error-page' },
    h('p', { class: 'list-kind' }, 'Preview'),
    h('h1', null, r.title),
    h('p', null, `${r.text} Ask for a new one: open the story in the newsroom and choose “Preview”.`),
  );
  // Layout is a plain function of its props (no hooks), so calling it is rendering it.
  const page = Layout({ view: c.view, head, children });
  return { status: r.status, html: renderDocument(page) };
}

/** Private: never stored by a browser or CDN, never indexed, the token never sent on as a Referer. */
function send(reply: FastifyReply, status: number, html: string, csp?: string[]) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp ? [CSP, ...csp].join('; ') : CSP)
    .send(html);
}

/** GET /preview/{token}. */
export function previewRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Params: { token: string } }>('/preview/:token', async (req, reply) => {
    const check = await checkPreviewToken(ctx, req.params.token);
    if (!check.ok) {
      const r = await refusedPage(ctx, check.reason);
      return send(reply, r.status, r.html);
    }
    const page = await previewPage(ctx, check.articleId);
    if (!page || page.status === 301) {
      const r = await refusedPage(ctx, 'missing');
      return send(reply, r.status, r.html);
    }
    return send(reply, page.status, await signMediaUrls(ctx, page.html, check.expires), page.csp);
  });
}

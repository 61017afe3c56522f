import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BannerItem, BannerSource } from '../cache/index.js';
import { type Alert, type AlertLevel, currentAlerts } from '../content/index.js';
import type { Context } from '../context.js';
import { escapeHtml } from '../shared/document/index.js';

/**
 * The breaking-news banner as readers see it, and the two small answers behind it:
 * /alerts/banner.html (the fragment nginx includes into pages, cache/banner.ts) and /alerts.json
 * (apps and widgets). Both are read fresh and kept briefly by browsers and proxies: never longer
 * than the time to the next expiry, so an alert ends on time with no write.
 */
export const ALERT_LABELS: Record<AlertLevel, string> = {
  breaking: 'Breaking',
  developing: 'Developing',
  live: 'Live',
};

/** The longest browsers and proxies may keep either answer. */
const MAX_AGE_S = 30;

/** One alert's line in the banner. */
export function alertLine(a: Pick<Alert, 'text' | 'link' | 'level'>): string {
  const text = escapeHtml(a.text);
  const label = `<strong class="alert-level">${ALERT_LABELS[a.level]}</strong>`;
  const body = a.link ? `<a href="${escapeHtml(a.link)}">${text}</a>` : `<span>${text}</span>`;
  return `<p class="alert alert-${a.level}">${label} ${body}</p>`;
}

/** The banner around its lines: plain HTML, shown with no script. */
export function alertBannerHtml(lines: readonly { html: string }[]): string {
  if (lines.length === 0) return '';
  return `<aside class="alert-banner" aria-label="Breaking news">${lines.map((l) => l.html).join('')}</aside>`;
}

/** Where the page cache's banner reads the current alerts (context.ts hands it over). */
export function alertBannerSource(ctx: Pick<Context, 'db' | 'now'>): BannerSource {
  return {
    load: async () =>
      (await currentAlerts(ctx.db, ctx.now().toISOString())).map(
        (a): BannerItem => ({ id: a.id, expiresAt: a.expiresAt, html: alertLine(a) }),
      ),
    render: alertBannerHtml,
  };
}

/** The public JSON shape of an alert (an internal link becomes an absolute URL too). */
export function publicAlert(a: Alert, siteUrl: string) {
  return {
    id: a.id,
    text: a.text,
    level: a.level,
    link: a.link,
    url: a.link === null ? null : a.link.startsWith('/') ? `${siteUrl}${a.link}` : a.link,
    raisedAt: a.raisedAt,
    expiresAt: a.expiresAt,
  };
}

/** Seconds browsers may keep an answer: at most MAX_AGE_S, never past the next expiry. */
function maxAge(nextChangeAt: number | null, now: number): number {
  if (nextChangeAt === null) return MAX_AGE_S;
  return Math.max(0, Math.min(MAX_AGE_S, Math.floor((nextChangeAt - now) / 1000)));
}

function answer(req: FastifyRequest, reply: FastifyReply, type: string, body: string, age: number) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  reply
    .header('cache-control', `public, max-age=${age}, s-maxage=${age}`)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('access-control-allow-origin', '*');
  const inm = req.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}

export function alertRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/alerts/banner.html', async (req, reply) => {
    const snap = await ctx.cache.banner.ready();
    const age = maxAge(snap.nextChangeAt, ctx.now().getTime());
    return answer(req, reply, 'text/html; charset=utf-8', snap.html, age);
  });
  app.get('/alerts.json', async (req, reply) => {
    const now = ctx.now();
    const alerts = await currentAlerts(ctx.db, now.toISOString());
    const next = alerts.length ? Math.min(...alerts.map((a) => Date.parse(a.expiresAt))) : null;
    const body = JSON.stringify({ alerts: alerts.map((a) => publicAlert(a, ctx.config.site.url)) });
    return answer(req, reply, 'application/json; charset=utf-8', body, maxAge(next, now.getTime()));
  });
}

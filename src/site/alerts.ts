import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type BannerItem, type BannerSource, bannerFor } from '../cache/index.js';
import { type Alert, type AlertLevel, currentAlerts } from '../content/index.js';
import type { Context } from '../context.js';
import { defaultEdition, type Edition, editionsOf, loadEditions } from '../editions/index.js';
import { escapeHtml } from '../shared/document/index.js';
import { msg } from './i18n/index.js';

/**
 * The breaking-news banner as readers see it, and the two small answers behind it:
 * /alerts/banner.html (the fragment nginx includes into pages, cache/banner.ts) and /alerts.json
 * (apps and widgets). Both are read fresh and kept briefly by browsers and proxies: never longer
 * than the time to the next expiry, so an alert ends on time with no write.
 *
 * An alert belongs to one edition or to all (`editionId` null). Each edition's pages show their
 * own and everyone's, labelled in the edition's words (`?edition=es` on either answer).
 */
export const ALERT_LABELS: Record<AlertLevel, string> = {
  breaking: 'Breaking',
  developing: 'Developing',
  live: 'Live',
};

/** The longest browsers and proxies may keep either answer. */
const MAX_AGE_S = 30;

/** One alert's line in the banner, its level in the page's language. */
export function alertLine(a: Pick<Alert, 'text' | 'link' | 'level'>, language = 'en'): string {
  const text = escapeHtml(a.text);
  const label = `<strong class="alert-level">${escapeHtml(msg(language, `alert.${a.level}`))}</strong>`;
  const body = a.link ? `<a href="${escapeHtml(a.link)}">${text}</a>` : `<span>${text}</span>`;
  return `<p class="alert alert-${a.level}">${label} ${body}</p>`;
}

/** The banner around its lines: plain HTML, shown with no script. */
export function alertBannerHtml(lines: readonly { html: string }[], language = 'en'): string {
  if (lines.length === 0) return '';
  const label = escapeHtml(msg(language, 'alert.banner'));
  return `<aside class="alert-banner" aria-label="${label}">${lines.map((l) => l.html).join('')}</aside>`;
}

/**
 * Where the page cache's banner reads the current alerts (context.ts hands it over): a line per
 * alert and edition that shows it, in that edition's words; the default edition's lines have no
 * edition code (the site's own slot).
 */
export function alertBannerSource(ctx: Pick<Context, 'db' | 'now' | 'config'>): BannerSource {
  let languages = new Map<string, string>();
  return {
    load: async () => {
      const [alerts, editions] = await Promise.all([
        currentAlerts(ctx.db, ctx.now().toISOString()),
        loadEditions(ctx.db, ctx.config.site),
      ]);
      const home = defaultEdition(editions);
      languages = new Map(editions.map((e) => [e.code, e.language]));
      return alerts.flatMap((a) =>
        editions
          .filter((e) => a.editionId === null || a.editionId === e.id)
          .map(
            (e): BannerItem => ({
              id: a.id,
              expiresAt: a.expiresAt,
              html: alertLine(a, e.language),
              ...(e.id === home.id ? {} : { edition: e.code }),
            }),
          ),
      );
    },
    render: (items, edition) =>
      alertBannerHtml(items, edition ? (languages.get(edition) ?? 'en') : ctx.config.site.language),
  };
}

/** The public JSON shape of an alert (an internal link becomes an absolute URL too). */
export function publicAlert(a: Alert, siteUrl: string, editions: readonly Edition[] = []) {
  return {
    id: a.id,
    /** The edition's code whose pages show it; null: every edition's. */
    edition: a.editionId === null ? null : (editions.find((e) => e.id === a.editionId)?.code ?? null),
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

/** `?edition=CODE`: that edition (undefined: none asked; null: no such edition, a 400). */
async function askedEdition(ctx: Context, raw: unknown): Promise<Edition | undefined | null> {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return null;
  return (await editionsOf(ctx)).find((e) => e.code === raw) ?? null;
}

type EditionQuery = { Querystring: { edition?: unknown } };

export function alertRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<EditionQuery>('/alerts/banner.html', async (req, reply) => {
    const edition = await askedEdition(ctx, req.query.edition);
    if (edition === null) return reply.code(400).type('text/plain; charset=utf-8').send('No such edition');
    const snap = await ctx.cache.banner.ready();
    const age = maxAge(snap.nextChangeAt, ctx.now().getTime());
    const banner = bannerFor(snap, edition && !edition.isDefault ? edition.code : undefined);
    return answer(req, reply, 'text/html; charset=utf-8', banner.html, age);
  });
  // Every current alert with its edition (`edition`: a code, or null for all); with
  // `?edition=es`, those the edition's pages show.
  app.get<EditionQuery>('/alerts.json', async (req, reply) => {
    const edition = await askedEdition(ctx, req.query.edition);
    if (edition === null) {
      return reply.code(400).send({ error: 'edition: no such edition', field: 'edition' });
    }
    const now = ctx.now();
    const [alerts, editions] = await Promise.all([
      currentAlerts(ctx.db, now.toISOString(), edition?.id),
      editionsOf(ctx),
    ]);
    const next = alerts.length ? Math.min(...alerts.map((a) => Date.parse(a.expiresAt))) : null;
    const body = JSON.stringify({ alerts: alerts.map((a) => publicAlert(a, ctx.config.site.url, editions)) });
    return answer(req, reply, 'application/json; charset=utf-8', body, maxAge(next, now.getTime()));
  });
}

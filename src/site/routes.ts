import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheAs, sendStale } from '../cache/index.js';
import { EMBED_FRAME_ORIGINS } from '../shared/document/index.js';
import type { Context } from '../context.js';
import { logServerError, serverFault } from '../errors.js';
import { CORRECTIONS_PATH, correctionsPage } from './corrections.js';
import { authorPage, homePage, notFound, type PageResult, parsePage, pathPage, tagPage } from './pages.js';

// A Map, not an object: /assets/__proto__ or /assets/constructor must find nothing (a 404).
const ASSETS = new Map<string, { type: string; body: Buffer }>([
  ['logo.png', { type: 'image/png', body: fs.readFileSync(new URL('./assets/logo.png', import.meta.url)) }],
]);

/** Sends a page result with the reader-page headers (other domains' pages use it too). */
export function send(reply: FastifyReply, result: PageResult) {
  if (result.status === 301) return reply.code(301).header('location', result.location).send();
  if (result.status === 200 && result.tags) cacheAs(reply.request, result.tags);
  // A page that plays video from other hosts adds the directives its player needs.
  const csp = result.csp ? [CSP, ...result.csp].join('; ') : CSP;
  return reply
    .code(result.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp)
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .send(result.html);
}

/**
 * Defence in depth for reader pages: the only script they run is our own file of search
 * suggestions (JSON-LD blocks are data, not code); they load images and styles from this
 * site, and frame only the embed players we render.
 */
export const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  `frame-src ${EMBED_FRAME_ORIGINS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

type PageQuery = { Querystring: { page?: unknown } };

/** Public routes: thin, each hands a path and query to a page builder. */
export async function siteRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  const cached = { config: { pageCache: true } };
  app.get('/', cached, async (_req, reply) => send(reply, await homePage(ctx)));
  app.get<PageQuery & { Params: { slug: string } }>('/author/:slug', cached, async (req, reply) =>
    send(reply, await authorPage(ctx, req.params.slug, parsePage(req.query.page))),
  );
  app.get<PageQuery & { Params: { slug: string } }>('/tag/:slug', cached, async (req, reply) =>
    send(reply, await tagPage(ctx, req.params.slug, parsePage(req.query.page))),
  );
  app.get<PageQuery>(CORRECTIONS_PATH, cached, async (req, reply) =>
    send(reply, await correctionsPage(ctx, parsePage(req.query.page))),
  );
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const asset = ASSETS.get(req.params.file);
    if (!asset) return send(reply, await notFound(ctx));
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
  });
  // /robots.txt is served by distribution (it names the sitemaps).
  app.get<PageQuery>('/*', cached, async (req, reply) => {
    const raw = req.url.split('?')[0] ?? '/';
    let path: string;
    try {
      path =
        decodeURIComponent(raw)
          .replace(/\/+$/, '')
          .replace(/\/{2,}/g, '/') || '/';
    } catch {
      return send(reply, await notFound(ctx));
    }
    return send(reply, await pathPage(ctx, path, parsePage(req.query.page)));
  });
  app.setNotFoundHandler(async (_req, reply) => send(reply, await notFound(ctx)));
}

/**
 * The app's error handler, set before any route so every plugin inherits it (the newsroom and
 * Content APIs answer in their JSON shape through the same classification, src/errors.ts).
 * Never the error's text: it may hold addresses and paths.
 */
export function appErrorHandler(ctx: Context) {
  return async (err: { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 404) return send(reply, await notFound(ctx));
    if (status !== 500) return reply.code(status).type('text/plain; charset=utf-8').send('Bad request');
    const fault = serverFault(err);
    logServerError(req.log, err, fault);
    if (fault?.status === 503) {
      if (sendStale(ctx.cache.pages, req, reply)) return reply;
      return reply
        .code(503)
        .header('retry-after', String(fault.retryAfter))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .type('text/html; charset=utf-8')
        .send(UNAVAILABLE_PAGE);
    }
    return reply
      .code(fault?.status ?? 500)
      .type('text/plain; charset=utf-8')
      .send(fault ? 'Insufficient storage' : 'Internal error');
  };
}

/** Shown while the database is away: static, so it needs nothing that is missing. */
const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable</title></head>
<body><h1>Temporarily unavailable</h1><p>This page cannot be shown right now. Please try again in a minute.</p></body></html>
`;

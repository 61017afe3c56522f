import http from 'node:http';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { adminRoutes } from './admin/index.js';
import { contentApiMostRead, viewRoutes } from './audience/index.js';
import { ingestPushRoutes } from './ingest/index.js';
import { fastPath, fillSlot, originHooks, originRequests, pageCacheHooks, sendStale } from './cache/index.js';
import type { Context } from './context.js';
import { distributionRoutes } from './distribution/index.js';
import { editionHostScopes } from './editions/index.js';
import { logServerError, serverFault } from './errors.js';
import {
  type HostGate,
  hostGate,
  hostGateHooks,
  RenderQueue,
  renderQueueHooks,
  trustedProxies,
} from './http/index.js';
import { securityHeaders } from './http-headers.js';
import { renditionRoutes } from './media/index.js';
import { mirrorRoutes } from './mirrors/index.js';
import { logsEveryRequest, requestLogging } from './request-log.js';
import { contentApiSearch, searchRoutes } from './search/index.js';
import { correctionsFeedWords, notFound, previewRoutes, send, siteRoutes } from './site/index.js';

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (stdout unless given; tests read them). */
  logStream?: { write(line: string): void };
}

/** The HTTP app over a context. It never listens: the server does, tests use `inject`. */
export async function buildApp(ctx: Context, opts: AppOptions = {}): Promise<FastifyInstance> {
  // Editions on hosts of their own are served there, and cached apart (src/editions/hosts.ts).
  const gate = hostGate(ctx.config, ctx.addresses, editionHostScopes(ctx));
  const proxies = trustedProxies(ctx.config.trustedProxies);
  // With nginx in front (ORIGIN_CACHE_DIR), its requests to fill its cache are always rendered.
  const fromNginx = ctx.cache.origin ? originRequests((peer) => proxies.trusts(peer)) : undefined;
  const cacheHit = fastPath(ctx.cache.pages, ctx.cache.http, gate, fromNginx, ctx.cache.banner);
  const app = Fastify({
    // Cached pages are answered before Fastify routes the request; misses go on as usual.
    serverFactory: (handler) => http.createServer((req, res) => cacheHit(req, res) || handler(req, res)),
    logger: opts.logger
      ? { level: ctx.config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) }
      : false,
    logController: new LogController({ disableRequestLogging: !logsEveryRequest(ctx.config.logLevel) }),
    // Paths such as /news//politics or /news/politics/ mean the same page.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    // X-Forwarded-For/-Proto/-Host count only from TRUSTED_PROXIES: req.ip is then the reader's
    // address (throttles, rate limits) and req.protocol their scheme (Secure cookies).
    trustProxy: proxies.any ? (address: string) => proxies.trusts(address) : false,
  });
  // First, so that every plugin registered below inherits them.
  app.setErrorHandler(appErrorHandler(ctx, gate));
  requestLogging(app, { slowMs: ctx.config.slowRequestMs });
  securityHeaders(app, { siteUrl: ctx.config.site.url, hstsMaxAge: ctx.config.hstsMaxAge });
  hostGateHooks(app, gate); // host policy first: unknown hosts get 421 before any route runs
  mirrorRoutes(app, ctx); // /mirrors.json
  // Before the routes: routes declared with `config: { pageCache: true }` are served through it.
  pageCacheHooks(app, ctx.cache.pages, ctx.cache.http, gate, fromNginx, ctx.cache.banner);
  // After the cache's hooks: what the cache answers never waits in line.
  renderQueueHooks(app, new RenderQueue(ctx.config.renders.concurrency, ctx.config.renders.maxWaiting));
  // Pages outside the page cache (the 404 page, search results) get the banner as they are sent.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.routeOptions.config?.pageCache) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    return fillSlot(payload, await ctx.cache.banner.ready());
  });
  if (ctx.cache.origin && fromNginx)
    originHooks(app, {
      origin: ctx.cache.origin,
      pages: ctx.cache.pages,
      fromNginx,
      log: app.log,
      banner: ctx.cache.banner,
    });
  renditionRoutes(app, ctx); // /media/{id}/{width}.{format}; the media API is the admin's
  // feeds, sitemaps, robots.txt, Content API (with search inside it)
  await distributionRoutes(app, ctx, {
    apiExtensions: [contentApiSearch(ctx), contentApiMostRead(ctx)],
    correctionsWords: correctionsFeedWords,
  });
  await searchRoutes(app, ctx); // /search/suggest
  await adminRoutes(app, ctx); // /api/admin: the newsroom API
  await ingestPushRoutes(app, ctx); // POST /api/ingest/{source}: agencies push wire copy
  previewRoutes(app, ctx); // /preview/{token}: private, signed links to drafts
  viewRoutes(app, ctx); // /views/{id}.gif: the story-view beacon
  await siteRoutes(app, ctx); // reader pages: /, /search, /live, sections, stories …
  // Any path nothing answered: the site's 404 page (with the latest stories).
  app.setNotFoundHandler(async (_req, reply) => send(reply, await notFound(ctx)));
  return app;
}

/**
 * The app's error handler, set before any route so every plugin inherits it (the newsroom and
 * Content APIs answer in their JSON shape through the same classification, src/errors.ts).
 * Never the error's text: it may hold addresses and paths.
 */
function appErrorHandler(ctx: Context, gate: Pick<HostGate, 'keyScope'>) {
  return async (err: { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 404) return send(reply, await notFound(ctx));
    if (status !== 500) return reply.code(status).type('text/plain; charset=utf-8').send('Bad request');
    const fault = serverFault(err);
    logServerError(req.log, err, fault);
    if (fault?.status === 503) {
      if (sendStale(ctx.cache.pages, req, reply, ctx.cache.banner, gate.keyScope)) return reply;
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

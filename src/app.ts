import http from 'node:http';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { adminRoutes } from './admin/index.js';
import { fastPath, pageCacheHooks } from './cache/index.js';
import type { Context } from './context.js';
import { distributionRoutes, videoRoutes } from './distribution/index.js';
import { securityHeaders } from './http-headers.js';
import { trustedProxies } from './lib/trusted-proxies.js';
import { mediaRoutes } from './media/routes.js';
import { hostGate, mirrorRoutes } from './mirrors/index.js';
import { logsEveryRequest, requestLogging } from './request-log.js';
import { contentApiSearch, searchRoutes } from './search/index.js';
import { appErrorHandler, siteRoutes } from './site/index.js';
import { previewRoutes } from './site/preview.js';

export interface AppOptions {
  logger?: boolean;
  /** Where log lines go (stdout unless given; tests read them). */
  logStream?: { write(line: string): void };
}

/** The HTTP app over a context. It never listens: the server does, tests use `inject`. */
export async function buildApp(ctx: Context, opts: AppOptions = {}): Promise<FastifyInstance> {
  const gate = hostGate(ctx.config, ctx.addresses);
  const proxies = trustedProxies(ctx.config.trustedProxies);
  const cacheHit = fastPath(ctx.cache.pages, ctx.cache.http, gate);
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
  app.setErrorHandler(appErrorHandler(ctx));
  requestLogging(app, { slowMs: ctx.config.slowRequestMs });
  securityHeaders(app, { siteUrl: ctx.config.site.url, hstsMaxAge: ctx.config.hstsMaxAge });
  mirrorRoutes(app, ctx); // host policy first: unknown hosts get 421 before any route runs
  // Before the routes: routes declared with `config: { pageCache: true }` are served through it.
  pageCacheHooks(app, ctx.cache.pages, ctx.cache.http, gate);
  mediaRoutes(app, ctx);
  // feeds, sitemaps, robots.txt, Content API (with search inside it)
  await distributionRoutes(app, ctx, { apiExtensions: [contentApiSearch(ctx)] });
  videoRoutes(app, ctx); // /live, player scripts, Roku and Media RSS feeds
  await searchRoutes(app, ctx); // /search, suggestions
  await adminRoutes(app, ctx); // /api/admin: the newsroom API
  previewRoutes(app, ctx); // /preview/{token}: private, signed links to drafts
  await siteRoutes(app, ctx);
  return app;
}

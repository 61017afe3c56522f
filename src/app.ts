import Fastify, { type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { distributionRoutes, videoRoutes } from './distribution/index.js';
import { mediaRoutes } from './media/routes.js';
import { mirrorRoutes } from './mirrors/index.js';
import { contentApiSearch, searchRoutes } from './search/index.js';
import { siteRoutes } from './site/index.js';
import { adminRoutes } from './admin/index.js';

export interface AppOptions {
  logger?: boolean;
}

/** The HTTP app over a context. It never listens: the server does, tests use `inject`. */
export async function buildApp(ctx: Context, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    // Paths such as /news//politics or /news/politics/ mean the same page.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    trustProxy: false,
  });
  // One line per request drowns the log on a busy news day, and the CDN or proxy logs requests
  // anyway: routes log at warn and above unless LOG_LEVEL asks for debug or trace.
  if (!['debug', 'trace'].includes(ctx.config.logLevel)) {
    app.addHook('onRoute', (route) => {
      route.logLevel ??= 'warn';
    });
  }
  mirrorRoutes(app, ctx); // host policy first: unknown hosts get 421 before any route runs
  mediaRoutes(app, ctx);
  // feeds, sitemaps, robots.txt, Content API (with search inside it)
  await distributionRoutes(app, ctx, { apiExtensions: [contentApiSearch(ctx)] });
  videoRoutes(app, ctx); // /live, player scripts, Roku and Media RSS feeds
  await searchRoutes(app, ctx); // /search, suggestions
  await adminRoutes(app, ctx); // /api/admin: the newsroom API
  await siteRoutes(app, ctx);
  return app;
}

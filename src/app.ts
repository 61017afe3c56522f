import Fastify, { type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { mediaRoutes } from './media/routes.js';
import { siteRoutes } from './site/index.js';

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
  mediaRoutes(app, ctx);
  await siteRoutes(app, ctx);
  return app;
}

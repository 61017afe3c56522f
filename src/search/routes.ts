import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { CSP } from '../site/routes.js';
import { apiSearch, suggest } from './api.js';
import { SUGGEST_SCRIPT } from './client.js';
import { SearchParamError } from './params.js';
import { searchPage } from './public-page.js';

/**
 * Search routes, thin: the public page, suggestions, the apps' JSON search, and the script
 * behind the header box. Fixed paths, so they win over the site's catch-all route.
 */
type Query = { Querystring: Record<string, unknown> };

export async function searchRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  app.get<Query>('/search', async (req, reply) => {
    const page = await searchPage(ctx, req.query);
    return reply
      .code(page.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', CSP)
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .header('cache-control', 'no-cache')
      .send(page.html);
  });

  app.get<Query>('/search/suggest', async (req, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(await suggest(ctx, first(req.query.q))),
  );

  app.get('/assets/search.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(SUGGEST_SCRIPT),
  );
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `GET /api/content/v1/search`, registered inside the Content API plugin (see distributionRoutes'
 * `apiExtensions`), so it shares that API's CORS, keys, rate limits and error shape.
 */
export function contentApiSearch(ctx: Context) {
  return (api: FastifyInstance) => {
    api.get<Query>('/search', async (req, reply) => {
      try {
        const body = await apiSearch(ctx, req.query);
        return reply.header('cache-control', 'no-cache').send(body);
      } catch (err) {
        if (!(err instanceof SearchParamError)) throw err;
        // Answered by the Content API's error handler (src/errors.ts): 400 a bad value, 404 a
        // filter naming nothing.
        const details = [{ field: err.param, message: err.message }];
        throw err.kind === 'unknown'
          ? notFound('No such section, author or tag', details)
          : badRequest('Invalid query parameters', details);
      }
    });
  };
}

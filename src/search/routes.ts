import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { apiSearch, suggest } from './api.js';
import { SearchParamError } from './params.js';

/**
 * Search routes, thin: suggestions for the header box and the apps' JSON search (the /search
 * page and the box's script are the site's). Fixed paths, so they win over the site's catch-all.
 */
type Query = { Querystring: Record<string, unknown> };

export async function searchRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  app.get<Query>('/search/suggest', async (req, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(await suggest(ctx, first(req.query.q))),
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

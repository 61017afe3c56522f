import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { notFound, rateLimited, sendError, unauthorized } from '../../errors.js';
import { sendDocument } from '../feeds/conditional.js';
import { parseInput } from './errors.js';
import { verifyApiKey } from './keys.js';
import { API_PREFIX, API_ROUTES, openApiDocument, type RouteId } from './openapi.js';
import { hitRateLimit } from './rate-limit.js';
import {
  articleQuery,
  idParam,
  listArticlesQuery,
  listQuery,
  listSlugParam,
  listTagsQuery,
  slugParam,
} from './schema.js';
import { getArticle, getList, listArticles, listAuthors, listTags, sectionsTree } from './service.js';

/**
 * The Content API under /api/content/v1, as one encapsulated plugin: its CORS policy, key check,
 * rate limit and JSON errors apply to these routes only, never to the site.
 */
type Handler = (ctx: Context, req: FastifyRequest) => Promise<unknown>;

const handlers: Record<RouteId, Handler> = {
  listArticles: (ctx, req) => listArticles(ctx, parseInput(listArticlesQuery, req.query)),
  getArticle: async (ctx, req) => {
    const { id } = parseInput(idParam, req.params, 'path');
    return (await getArticle(ctx, { id }, parseInput(articleQuery, req.query))).json;
  },
  getArticleBySlug: async (ctx, req) => {
    const { slug } = parseInput(slugParam, req.params, 'path');
    return (await getArticle(ctx, { slug }, parseInput(articleQuery, req.query))).json;
  },
  listSections: (ctx) => sectionsTree(ctx),
  listTags: (ctx, req) => listTags(ctx, parseInput(listTagsQuery, req.query)),
  listAuthors: (ctx) => listAuthors(ctx),
  getList: (ctx, req) =>
    getList(ctx, parseInput(listSlugParam, req.params, 'path').slug, parseInput(listQuery, req.query)),
};

const noEndpoint = () => notFound('No such endpoint');

/** The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m?.[1]) throw unauthorized('Authorization must be "Bearer <key>"');
    return m[1];
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

async function authorize(ctx: Context, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const now = ctx.now();
  const key = presentedKey(req);
  let bucket: string;
  let limit: number;
  if (key !== undefined) {
    const found = await verifyApiKey(ctx.db, key, now);
    if (!found) throw unauthorized('Unknown or revoked API key');
    bucket = `key:${found.id}`;
    limit = found.rateLimit;
  } else if (ctx.config.contentApi.public) {
    bucket = `ip:${req.ip}`;
    limit = ctx.config.contentApi.anonymousRateLimit;
  } else {
    throw unauthorized('An API key is required');
  }
  const decision = await hitRateLimit(ctx.db, bucket, limit, now);
  reply
    .header('ratelimit-limit', decision.limit)
    .header('ratelimit-remaining', decision.remaining)
    .header('ratelimit-reset', decision.reset);
  if (!decision.allowed) {
    throw rateLimited(`Rate limit of ${decision.limit} requests per minute exceeded`, decision.reset);
  }
}

function sendJson(req: FastifyRequest, reply: FastifyReply, value: unknown) {
  return sendDocument(req, reply, {
    body: JSON.stringify(value),
    type: 'application/json; charset=utf-8',
    maxAge: 60,
  });
}

/**
 * Routes another domain serves under the prefix (e.g. search's `GET /search`), registered inside
 * this plugin so they get the same CORS, key check, rate limit and JSON errors.
 */
export type ApiExtension = (api: FastifyInstance) => void | Promise<void>;

export async function contentApiRoutes(
  app: FastifyInstance,
  ctx: Context,
  extensions: ApiExtension[] = [],
): Promise<void> {
  await app.register(
    async (api) => {
      // Browser apps on any origin may read; nothing here uses cookies, so no credentials.
      await api.register(cors, {
        origin: '*',
        methods: ['GET', 'HEAD', 'OPTIONS'],
        allowedHeaders: ['Authorization', 'X-Api-Key', 'If-None-Match', 'If-Modified-Since'],
        exposedHeaders: [
          'ETag',
          'Last-Modified',
          'RateLimit-Limit',
          'RateLimit-Remaining',
          'RateLimit-Reset',
          'Retry-After',
        ],
        maxAge: 86400,
      });
      api.addHook('onRequest', async (req, reply) => {
        if (req.method === 'OPTIONS' || req.url.split('?')[0] === `${API_PREFIX}/openapi.json`) return;
        await authorize(ctx, req, reply);
      });
      // Every error, of this API or of another domain's route under it, through the one mapping.
      api.setErrorHandler(async (err, req, reply) => sendError(err, req, reply, 'content'));
      api.setNotFoundHandler(async (req, reply) => sendError(noEndpoint(), req, reply, 'content'));

      for (const route of API_ROUTES) {
        const handler = handlers[route.id];
        api.get(route.path.replace(/\{(\w+)\}/g, ':$1'), async (req, reply) =>
          sendJson(req, reply, await handler(ctx, req)),
        );
      }
      for (const extend of extensions) await extend(api);
      const openapi = JSON.stringify(openApiDocument(ctx.config.site, ctx.config.contentApi.public));
      api.get('/openapi.json', async (req, reply) =>
        sendDocument(req, reply, { body: openapi, type: 'application/json; charset=utf-8', maxAge: 3600 }),
      );
      // The site's catch-all would answer unknown GETs here with an HTML page; this one is JSON.
      api.get('/*', async (req, reply) => sendError(noEndpoint(), req, reply, 'content'));
    },
    { prefix: API_PREFIX },
  );
}

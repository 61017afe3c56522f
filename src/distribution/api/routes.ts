import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { notFound, rateLimited, sendError, unauthorized } from '../../errors.js';
import { type Entry, isCompressible, type PageCache, pickEncoding } from '../../cache/index.js';
import { etagOf, sendDocument } from '../feeds/conditional.js';
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
import {
  type Answer,
  getArticle,
  getList,
  listArticles,
  listAuthors,
  listTags,
  sectionsTree,
} from './service.js';

/**
 * The Content API under /api/content/v1, as one encapsulated plugin: its CORS policy, key check,
 * rate limit and JSON errors apply to these routes only, never to the site.
 */
type Handler = (ctx: Context, req: FastifyRequest) => Promise<Answer>;

const handlers: Record<RouteId, Handler> = {
  listArticles: (ctx, req) => listArticles(ctx, parseInput(listArticlesQuery, req.query)),
  getArticle: (ctx, req) => {
    const { id } = parseInput(idParam, req.params, 'path');
    return getArticle(ctx, { id }, parseInput(articleQuery, req.query));
  },
  getArticleBySlug: (ctx, req) => {
    const { slug } = parseInput(slugParam, req.params, 'path');
    return getArticle(ctx, { slug }, parseInput(articleQuery, req.query));
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

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The page cache's key for an API answer: the path and every query parameter, sorted (`?a=1&b=2`
 * and `?b=2&a=1` are one answer), under a prefix no page address has. The fast path looks up keys
 * made from request URLs, which start with "/", so it can never answer an API request: every one
 * goes through the key check and the rate limit first.
 */
export function apiCacheKey(url: string): string | null {
  if (url.length > 2000) return null;
  const q = url.indexOf('?');
  if (q === -1) return `api ${url}`;
  const params = [...new URLSearchParams(url.slice(q + 1))].sort(([a, av], [b, bv]) =>
    a === b ? av.localeCompare(bv) : a.localeCompare(b),
  );
  return `api ${url.slice(0, q)}?${new URLSearchParams(params).toString()}`;
}

/**
 * Answers from the page cache when it holds this request's answer; else builds it, keeps it with
 * the tags it names, and answers. Answers are the same for every key (nothing here depends on
 * who asks), so one copy serves every client until a write announces one of its tags.
 */
async function answer(ctx: Context, req: FastifyRequest, reply: FastifyReply, handler: Handler) {
  const pages = ctx.cache.pages;
  const key = pages.enabled ? apiCacheKey(req.url) : null;
  const hit = key === null ? undefined : pages.get(key);
  if (hit) return sendEntry(req, reply, pages, key, hit, 'HIT');
  const epoch = pages.begin();
  const { json, tags } = await handler(ctx, req);
  const text = JSON.stringify(json);
  const item = {
    status: 200,
    headers: { 'content-type': JSON_TYPE, etag: etagOf(text) },
    body: Buffer.from(text),
    tags,
  };
  // Kept unless one of its tags changed while it was being built (then it is sent, not kept);
  // compressed now in the encoding this client takes, in others when first asked for.
  const want = pickEncoding(req.headers['accept-encoding'], {
    compressible: isCompressible(item.body.length),
  });
  const entry =
    key === null
      ? { ...item, etag: item.headers.etag, compressible: false, br: null, gzip: null, storedAt: 0 }
      : await pages.store(key, item, epoch, want);
  return sendEntry(req, reply, pages, key, entry, 'MISS');
}

/** One answer, compressed as the client accepts, or 304 when it has these bytes. */
async function sendEntry(
  req: FastifyRequest,
  reply: FastifyReply,
  pages: PageCache,
  key: string | null,
  entry: Entry,
  state: 'HIT' | 'MISS',
) {
  reply
    .header('etag', entry.etag)
    .header('cache-control', 'public, max-age=60')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding')
    .header('x-cache', state);
  if (ifNoneMatch(req.headers['if-none-match'], entry.etag)) return reply.code(304).send();
  const enc = pickEncoding(req.headers['accept-encoding'], entry);
  if (!enc) return reply.type(JSON_TYPE).send(entry.body);
  const body = await pages.variant(entry, enc, key ?? undefined);
  return reply.header('content-encoding', enc).type(JSON_TYPE).send(body);
}

function ifNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== 'string') return false;
  return header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
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
        api.get(route.path.replace(/\{(\w+)\}/g, ':$1'), (req, reply) => answer(ctx, req, reply, handler));
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

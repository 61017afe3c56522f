import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheAs, SITE } from '../cache/index.js';
import { EMBED_FRAME_ORIGINS } from '../shared/document/index.js';
import type { Context } from '../context.js';
import { type Edition, editionsOf, resolveEdition } from '../editions/index.js';
import { alertRoutes } from './alerts.js';
import { CORRECTIONS_PATH, correctionsPage } from './corrections.js';
import { livePage } from './live.js';
import { liveRoutes } from './live-routes.js';
import {
  authorPage,
  homePage,
  notFound,
  oldPostLink,
  type PageResult,
  parsePage,
  pathPage,
  tagPage,
} from './pages.js';
import { scriptRoutes } from './scripts.js';
import { searchPage } from './search.js';
import { topicPage } from './topics.js';

// A Map, not an object: /assets/__proto__ or /assets/constructor must find nothing (a 404).
const ASSETS = new Map<string, { type: string; body: Buffer }>([
  ['logo.png', { type: 'image/png', body: fs.readFileSync(new URL('./assets/logo.png', import.meta.url)) }],
]);

/**
 * Answers with a page result and the reader-page headers (app.ts's 404 and error handlers use it
 * too). Async handlers return what it returns: the page's HTML, which Fastify sends, rather than
 * the reply, which Fastify would wait on by listening for the response's end (about 3 % of a
 * story page in a profile, docs/benchmarks.md).
 */
export function send(reply: FastifyReply, result: PageResult): FastifyReply | string {
  if (result.status === 301) return reply.code(301).header('location', result.location).send();
  if (result.status === 200 && result.tags) cacheAs(reply.request, result.tags);
  // A page that plays video from other hosts adds the directives its player needs.
  const csp = result.csp ? [CSP, ...result.csp].join('; ') : CSP;
  reply
    .code(result.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp)
    .header('referrer-policy', 'strict-origin-when-cross-origin');
  return result.html;
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
  app.get<{ Querystring: { p?: unknown; page_id?: unknown } }>('/', cached, async (req, reply) => {
    // An imported site's old short links (src/import): /?p=ID and /?page_id=ID.
    const old = req.query.p ?? req.query.page_id;
    if (old !== undefined) return send(reply, await oldPostLink(ctx, old));
    return send(reply, await homePage(ctx, await requestEdition(ctx, req.hostname, '/')));
  });
  // Not cached: results change with every story, and the query strings are endless.
  app.get<{ Querystring: Record<string, unknown> }>('/search', async (req, reply) =>
    send(
      reply.header('cache-control', 'no-cache'),
      await searchPage(ctx, req.query, await requestEdition(ctx, req.hostname, '/search')),
    ),
  );
  // An edition's search (`/es/search`); any other `/x/search` is a section's or nothing.
  app.get<{ Params: { prefix: string }; Querystring: Record<string, unknown> }>(
    '/:prefix/search',
    async (req, reply) => {
      const path = `/${req.params.prefix}/search`;
      const edition = await requestEdition(ctx, req.hostname, path);
      if (edition.prefix !== req.params.prefix) {
        return send(reply, await pathPage(ctx, path, parsePage(req.query.page), req.hostname));
      }
      return send(reply.header('cache-control', 'no-cache'), await searchPage(ctx, req.query, edition));
    },
  );
  app.get('/live', async (req, reply) =>
    send(reply, await livePage(ctx, await requestEdition(ctx, req.hostname, '/live'))),
  );
  // The hub is kept on the app for the tests and the benchmark to read its counters.
  app.decorate('liveHub', liveRoutes(app, ctx)); // /live/{id}/events, /live/{id}/entries.json, /assets/live.js
  scriptRoutes(app); // /assets/hls.js, /assets/video-player.js, /assets/search.js
  alertRoutes(app, ctx); // /alerts/banner.html, /alerts.json
  // An author's, a tag's and a topic's pages: a slug and a page number, in the frame of the
  // edition the host names (a prefixed edition's are in editionPageRoutes).
  for (const [route, page] of [
    ['/author/:slug', authorPage],
    ['/tag/:slug', tagPage],
    ['/topics/:slug', topicPage],
  ] as const) {
    app.get<PageQuery & { Params: { slug: string } }>(route, cached, async (req, reply) =>
      send(
        reply,
        await page(
          ctx,
          req.params.slug,
          parsePage(req.query.page),
          await requestEdition(ctx, req.hostname, '/'),
        ),
      ),
    );
  }
  app.get<PageQuery>(CORRECTIONS_PATH, cached, async (req, reply) =>
    send(
      reply,
      await correctionsPage(ctx, parsePage(req.query.page), await requestEdition(ctx, req.hostname, '/')),
    ),
  );
  editionPageRoutes(app, ctx); // the same pages under a prefixed edition: /es/tag/{slug} …
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const asset = ASSETS.get(req.params.file);
    if (!asset) return send(reply, await notFound(ctx));
    cacheAs(req, [SITE]); // part of the release: nginx in front keeps it (cache/origin.ts)
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
    return send(reply, await pathPage(ctx, path, parsePage(req.query.page), req.hostname));
  });
}

/**
 * Tag, author, topic, corrections and live pages under a prefixed edition's path (`/es/tag/x`):
 * drawn in its frame, listing its stories. A first segment that is no edition's prefix is a
 * section's path (or nothing), as any other path.
 */
function editionPageRoutes(app: FastifyInstance, ctx: Context): void {
  const cached = { config: { pageCache: true } };
  type Req = PageQuery & { Params: { prefix: string; slug?: string } };
  const pages: [string, (req: FastifyRequest<Req>, edition: Edition) => Promise<PageResult>][] = [
    ['/:prefix/tag/:slug', (req, ed) => tagPage(ctx, req.params.slug ?? '', parsePage(req.query.page), ed)],
    [
      '/:prefix/author/:slug',
      (req, ed) => authorPage(ctx, req.params.slug ?? '', parsePage(req.query.page), ed),
    ],
    [
      '/:prefix/topics/:slug',
      (req, ed) => topicPage(ctx, req.params.slug ?? '', parsePage(req.query.page), ed),
    ],
    [`/:prefix${CORRECTIONS_PATH}`, (req, ed) => correctionsPage(ctx, parsePage(req.query.page), ed)],
    ['/:prefix/live', (_req, ed) => livePage(ctx, ed)],
  ];
  for (const [route, page] of pages) {
    // /live is not cached at the default's address either (streams start and stop unannounced).
    const opts = route.endsWith('/live') ? {} : cached;
    app.get<Req>(route, opts, async (req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      const edition = await requestEdition(ctx, req.hostname, path);
      if (!edition.prefix || edition.prefix !== req.params.prefix) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(path).replace(/\/+$/, '');
        } catch {
          return send(reply, await notFound(ctx));
        }
        return send(reply, await pathPage(ctx, decoded, parsePage(req.query.page), req.hostname));
      }
      return send(reply, await page(req, edition));
    });
  }
}

/** The edition a request is for (src/editions): its host, else its path's prefix, else the default. */
async function requestEdition(ctx: Context, host: string, path: string): Promise<Edition> {
  return resolveEdition(await editionsOf(ctx), host, path);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheAs, FEEDS } from '../../cache/index.js';
import type { Context } from '../../context.js';
import { sendDocument } from './conditional.js';
import { type CorrectionsWords, correctionsFeedRoutes } from './corrections.js';
import { loadEntries, newestOf } from './entries.js';
import { FEED_FILES, FEED_TYPES, type FeedScope } from './links.js';
import { atom, jsonFeed, rss } from './render.js';
import { resolveScope } from './scope.js';
import { videoFeedRoutes } from './video-routes.js';

/** Builds one feed and answers it (304 when the reader already has these bytes). */
async function serveFeed(
  ctx: Context,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: FeedScope,
  file: string,
) {
  const spec = Object.hasOwn(FEED_FILES, file) ? FEED_FILES[file] : undefined;
  const resolved = spec ? await resolveScope(ctx, scope) : null;
  if (!spec || !resolved) return reply.code(404).type('text/plain; charset=utf-8').send('No such feed');
  const entries = await loadEntries(ctx, resolved.filter, spec.full);
  const updated = newestOf(entries);
  const doc = { site: resolved.site ?? ctx.config.site, scope: resolved, full: spec.full, entries, updated };
  cacheAs(req, [FEEDS, ...resolved.cacheTags, ...entries.flatMap((e) => e.cacheTags)]);
  const body = spec.format === 'rss' ? rss(doc) : spec.format === 'atom' ? atom(doc) : jsonFeed(doc);
  return sendDocument(req, reply, {
    body,
    type: `${FEED_TYPES[spec.format]}; charset=utf-8`,
    lastModified: entries.length ? updated : undefined,
    maxAge: 300,
  });
}

/**
 * Feed routes; see links.ts for the address scheme (the TV feeds: video-routes.ts).
 * `correctionsWords`: the corrections feeds' words in each edition's language (corrections.ts).
 */
export function feedRoutes(app: FastifyInstance, ctx: Context, correctionsWords?: CorrectionsWords): void {
  const all: FeedScope = { kind: 'all' };
  const cached = { config: { pageCache: true } };
  correctionsFeedRoutes(app, ctx, correctionsWords);
  videoFeedRoutes(app, ctx);
  app.get('/feed.xml', cached, (req, reply) => serveFeed(ctx, req, reply, all, 'rss.xml'));
  app.get('/atom.xml', cached, (req, reply) => serveFeed(ctx, req, reply, all, 'atom.xml'));
  app.get('/feed.json', cached, (req, reply) => serveFeed(ctx, req, reply, all, 'feed.json'));
  app.get<{ Params: { file: string } }>('/feeds/all/:file', cached, (req, reply) =>
    serveFeed(ctx, req, reply, all, req.params.file),
  );
  app.get<{ Params: { slug: string; file: string } }>('/feeds/tag/:slug/:file', cached, (req, reply) =>
    serveFeed(ctx, req, reply, { kind: 'tag', slug: req.params.slug }, req.params.file),
  );
  app.get<{ Params: { slug: string; file: string } }>('/feeds/author/:slug/:file', cached, (req, reply) =>
    serveFeed(ctx, req, reply, { kind: 'author', slug: req.params.slug }, req.params.file),
  );
  app.get<{ Params: { slug: string; file: string } }>('/feeds/topic/:slug/:file', cached, (req, reply) =>
    serveFeed(ctx, req, reply, { kind: 'topic', slug: req.params.slug }, req.params.file),
  );
  app.get<{ Params: { code: string; file: string } }>('/feeds/edition/:code/:file', cached, (req, reply) =>
    serveFeed(ctx, req, reply, { kind: 'edition', code: req.params.code }, req.params.file),
  );
  // An edition's own stories about a tag, by an author, about a topic (docs/editions.md).
  for (const kind of ['tag', 'author', 'topic'] as const) {
    app.get<{ Params: { code: string; slug: string; file: string } }>(
      `/feeds/edition/:code/${kind}/:slug/:file`,
      cached,
      (req, reply) =>
        serveFeed(
          ctx,
          req,
          reply,
          { kind, slug: req.params.slug, edition: req.params.code },
          req.params.file,
        ),
    );
  }
  // Section paths have any depth: /feeds/section/news/politics/rss.xml.
  app.get<{ Params: { '*': string } }>('/feeds/section/*', cached, (req, reply) => {
    const rest = req.params['*'].replace(/\/+$/, '');
    const cut = rest.lastIndexOf('/');
    return serveFeed(ctx, req, reply, { kind: 'section', path: rest.slice(0, cut) }, rest.slice(cut + 1));
  });
}

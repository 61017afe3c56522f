/**
 * Distribution: the faces apps, aggregators and crawlers read — feeds, sitemaps and robots.txt,
 * and the Content API. Other domains use what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { type ApiExtension, contentApiRoutes } from './api/index.js';
import { feedRoutes } from './feeds/index.js';
import { sitemapRoutes } from './sitemaps/index.js';

export {
  API_PREFIX,
  type ApiExtension,
  type ApiKeyInfo,
  apiKeyCommands,
  ApiKeyError,
  createApiKey,
  listApiKeys,
  openApiDocument,
  revokeApiKey,
} from './api/index.js';
export { type FeedLink, type FeedScope, feedLinks, feedPath } from './feeds/index.js';
/** Feed render halves, for the static export. */
export {
  entryOf,
  FeedBatch,
  FEED_FILES,
  FEED_SIZE,
  type FeedEntry,
  newestOf,
  renderFeed,
  resolveScope,
} from './feeds/index.js';

/**
 * Registers every distribution route (fixed paths win over the site's catch-all). `apiExtensions`
 * add routes under /api/content/v1 that share the Content API's CORS, keys, limits and errors.
 */
export async function distributionRoutes(
  app: FastifyInstance,
  ctx: Context,
  opts: { apiExtensions?: ApiExtension[] } = {},
): Promise<void> {
  feedRoutes(app, ctx);
  sitemapRoutes(app, ctx);
  await contentApiRoutes(app, ctx, opts.apiExtensions);
}

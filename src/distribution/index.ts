/**
 * Distribution: the faces apps, aggregators and crawlers read — feeds, sitemaps and robots.txt,
 * and the Content API. Other domains use what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { type ApiExtension, contentApiRoutes } from './api/index.js';
import { type CorrectionsWords, feedRoutes } from './feeds/index.js';
import { sitemapRoutes } from './sitemaps/index.js';

export {
  API_PREFIX,
  type ApiExtension,
  ApiKeyError,
  type ApiKeyInfo,
  createApiKey,
  listApiKeys,
  openApiDocument,
  revokeApiKey,
} from './api/index.js';
/** Feed render halves, for the static export. */
export {
  type CorrectionsWords,
  correctionsFeedPath,
  entryOf,
  FEED_FILES,
  FEED_SIZE,
  FeedBatch,
  type FeedEntry,
  type FeedLink,
  type FeedScope,
  feedLinks,
  feedPath,
  newestOf,
  renderFeed,
  resolveScope,
  TV_FEED_FILES,
  tvCatalogue,
  tvFeedBody,
} from './feeds/index.js';

/**
 * Registers every distribution route (fixed paths win over the site's catch-all). `apiExtensions`
 * add routes under /api/content/v1 that share the Content API's CORS, keys, limits and errors.
 */
export async function distributionRoutes(
  app: FastifyInstance,
  ctx: Context,
  opts: { apiExtensions?: ApiExtension[]; correctionsWords?: CorrectionsWords } = {},
): Promise<void> {
  feedRoutes(app, ctx, opts.correctionsWords);
  sitemapRoutes(app, ctx);
  await contentApiRoutes(app, ctx, opts.apiExtensions);
}
export { DEFAULT_KEY_RATE } from './api/keys.js';
export { enqueueAlertEvents, enqueueArticleEvents } from './webhooks/events.js';
export {
  addSubscription,
  deliveryAttempts,
  dispatchDue,
  listDeliveries,
  listSubscriptions,
  purgeOldDeliveries,
  removeSubscription,
  resendDelivery,
  type SubscriptionInput,
  setSubscriptionActive,
} from './webhooks/index.js';
export { WebhookError } from './webhooks/subscriptions.js';

/**
 * Audience: first-party, privacy-preserving story views (docs/admin.md, "Most read"): the beacon,
 * counts kept in memory and written in batches, and the most-read lists and charts built on them.
 */
export { contentApiMostRead, type MostReadItem, mostReadItems } from './api.js';
export { isBot } from './bots.js';
export { BUCKET_MS, bucketOf, createViewCounter, type ViewCounter } from './counter.js';
export {
  compactViews,
  type MostRead,
  mostRead,
  rankingFingerprint,
  siteViews,
  storyViews,
  type ViewSeries,
  type ViewWindow,
  WINDOWS,
} from './queries.js';
export { BEACON_PIXEL, beaconPath, viewRoutes } from './routes.js';

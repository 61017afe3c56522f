export { sendDocument } from './conditional.js';
export { type CorrectionsWords, correctionsFeedPath } from './corrections.js';
/** Render halves, for the static export (which renders every feed from data loaded in bulk). */
export { entryOf, FEED_SIZE, type FeedEntry, newestOf } from './entries.js';
export {
  FEED_FILES,
  type FeedFile,
  type FeedFormat,
  type FeedLink,
  type FeedScope,
  feedLinks,
  feedPath,
} from './links.js';
/** The TV and video feeds: pure functions of the catalogue. */
export { mrssFeed } from './mrss.js';
export { FeedBatch, type FeedDocument, renderFeed } from './render.js';
export { ROKU_MAX_BYTES, rokuFeed } from './roku.js';
export { rokuSearchFeed } from './roku-search.js';
export { feedRoutes } from './routes.js';
export { type ResolvedScope, resolveScope } from './scope.js';
export { type Catalogue, loadCatalogue } from './video-catalogue.js';
export { TV_FEED_FILES, type TvFeedFile, tvCatalogue, tvFeedBody } from './video-routes.js';

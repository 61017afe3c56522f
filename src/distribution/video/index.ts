/** Video stories, live streams, the video player's page parts and the TV-app feeds. */
export { type Catalogue, loadCatalogue } from './catalogue.js';
export { livePage } from './live-page.js';
export { mrssFeed } from './mrss.js';
export { publicVideoStories, type VideoStory } from './queries.js';
export { ROKU_MAX_BYTES, rokuFeed } from './roku.js';
export { rokuSearchFeed } from './roku-search.js';
export { videoRoutes } from './routes.js';
export { type LiveStreamInput, liveStreamInput, type VideoInput, videoInput } from './schema.js';
export {
  createLiveStream,
  listLiveStreams,
  removeArticleVideo,
  removeLiveStream,
  setArticleVideo,
  updateLiveStream,
  VideoError,
  videoOf,
} from './service.js';
export { articleVideo, isoDuration, mediaCsp, thumbnailOf, videoObject } from './view.js';

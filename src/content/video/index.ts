/** Video: a story's video and the live streams (rows and writes); pages and feeds shape them. */
export { publicVideoStories, type VideoStory, videoWithPoster } from './queries.js';
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

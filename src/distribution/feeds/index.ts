export { type FeedFormat, type FeedLink, type FeedScope, feedLinks, feedPath } from './links.js';
export { feedRoutes } from './routes.js';
export { sendDocument } from './conditional.js';

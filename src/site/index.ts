export { ALERT_LABELS, alertBannerHtml, alertBannerSource, alertLine, publicAlert } from './alerts.js';
/** Render halves of the page builders, for rendering many pages from data loaded in bulk. */
export { cardOf } from './cards.js';
export { correctionsFeedWords } from './corrections.js';
/** Page builders, for the static export (which renders the same pages without HTTP). */
export {
  type ArticlePageData,
  authorMeta,
  authorPage,
  collectImages,
  type Frame,
  homePage,
  renderHomePage,
  curatedSectionPage,
  loadFrame,
  notFound,
  PAGE_SIZE,
  type PageResult,
  parsePage,
  pathPage,
  renderArticlePage,
  renderListPage,
  sectionMeta,
  tagMeta,
  tagPage,
} from './pages.js';
export { entryPath, type LiveData, loadLive } from './live-coverage.js';
export { previewRoutes } from './preview.js';
export { topicPage } from './topics.js';
export { CSP, send, siteRoutes } from './routes.js';
export { keepCardMarkup } from './theme/components.js';
export { articleVideo } from './video.js';
export type { StoryCard } from './view.js';
// The static export draws an edition's corrections and live pages (src/export/render.ts).
export { correctionsPage } from './corrections.js';
export { livePage } from './live.js';

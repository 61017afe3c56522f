export { CSP, send, siteRoutes } from './routes.js';
/** Page builders, for the static export (which renders the same pages without HTTP). */
export {
  authorPage,
  homePage,
  notFound,
  PAGE_SIZE,
  type PageResult,
  parsePage,
  pathPage,
  tagPage,
} from './pages.js';
/** Render halves of the page builders, for rendering many pages from data loaded in bulk. */
export { cardOf } from './cards.js';
export { keepCardMarkup } from './theme/components.js';
export { articleVideo } from './video.js';
export {
  type ArticlePageData,
  authorMeta,
  collectImages,
  type Frame,
  loadFrame,
  renderArticlePage,
  renderListPage,
  sectionMeta,
  tagMeta,
} from './pages.js';

/** Render halves of the page builders, for rendering many pages from data loaded in bulk. */
export { cardOf } from './cards.js';
/** Page builders, for the static export (which renders the same pages without HTTP). */
export {
  type ArticlePageData,
  authorMeta,
  authorPage,
  type Common,
  collectImages,
  common,
  homePage,
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
export { appErrorHandler, siteRoutes } from './routes.js';
export { keepCardMarkup } from './theme/components.js';

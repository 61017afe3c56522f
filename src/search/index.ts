/** The search domain's public face. */
export type { SearchEngine } from './engine.js';
export { foldText } from './fold.js';
export { indexArticle, indexArticleChange, reindexAll, reindexArticles } from './indexer.js';
export {
  configureSearchLanguage,
  indexedLanguages,
  languageCode,
  storyLanguage,
} from './language.js';
export {
  parseSearchParams,
  resolveFilters,
  SearchParamError,
  type SearchParams,
  searchParams,
} from './params.js';
export { isEmptyQuery, type ParsedQuery, parseQuery } from './query.js';
export { contentApiSearch, searchRoutes } from './routes.js';
export {
  MAX_LIMIT,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  searchArticles,
} from './search.js';
export { type ResultView, resultViews } from './view.js';

export { articleSitemap, listingSitemap, newsSitemap, SITEMAP_LIMIT, sitemapIndex } from './build.js';
export { sitemapRoutes } from './routes.js';

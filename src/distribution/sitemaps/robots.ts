import type { Context } from '../../context.js';

/**
 * robots.txt: the whole public site may be crawled; the newsroom and the JSON APIs are not
 * pages. Sitemaps are named with the primary address, as the protocol requires absolute URLs.
 */
export function robotsTxt(ctx: Context): string {
  const url = ctx.config.site.url;
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /api/',
    '',
    `Sitemap: ${url}/sitemap.xml`,
    `Sitemap: ${url}/sitemap-news.xml`,
    '',
  ].join('\n');
}

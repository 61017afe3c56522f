/**
 * The public addresses of sections, authors and tags (root-relative): the site links to them,
 * and the search results the Content API returns name them too. Story paths are stored
 * (content/permalinks.ts).
 */
export function sectionHref(section: { path: string }): string {
  return `/${section.path}`;
}
export function authorHref(author: { slug: string }): string {
  return `/author/${author.slug}`;
}
export function tagHref(tag: { slug: string }): string {
  return `/tag/${tag.slug}`;
}

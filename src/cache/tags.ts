/**
 * The cache tag vocabulary: what a cached response shows, and what a write touches, in one set
 * of names. Pages tag themselves with everything they display; writes name what they changed;
 * an invalidation drops every response sharing a tag. A CDN purges the same names
 * (`Surrogate-Key` / `Cache-Tag`). Dependency-free, so content, site and distribution all use it.
 */

/** Shows this story (its page, a card of it, an item in a feed). */
export const articleTag = (id: number) => `article:${id}`;
/** Shows this section's name or details (navigation, breadcrumbs, card labels, its front's header). */
export const sectionTag = (id: number) => `section:${id}`;
export const authorTag = (id: number) => `author:${id}`;
export const tagTag = (id: number) => `tag:${id}`;
export const mediaTag = (id: number) => `media:${id}`;
/** Shows this registry entity's name or details (its topic page's heading, a story's topics line). */
export const entityTag = (id: number) => `entity:${id}`;

/**
 * Lists whose membership is decided by a scope: "newest stories in this section and below",
 * "by this author", "about this tag", "in the whole site". A story entering or leaving a list
 * changes every page of it, including pages that never showed that story.
 */
export const sectionListTag = (id: number) => `list:section:${id}`;
export const authorListTag = (id: number) => `list:author:${id}`;
export const tagListTag = (id: number) => `list:tag:${id}`;
/** A topic page (/topics/{slug}): the public stories confirmed about this entity, and its related entities. */
export const entityListTag = (id: number) => `list:entity:${id}`;
export const ALL_LIST = 'list:all';

/**
 * Curated fronts (src/fronts): a page showing a stored list carries its tag, and a page built
 * from a front carries the front's (a list added, removed or moved changes its layout). A list's
 * edit, its scheduled version taking over and a pin expiring announce the list's tag alone.
 */
export const frontListTag = (slug: string) => `front-list:${slug}`;
export const frontTag = (front: string) => `front:${front}`;

/** Groups a CDN operator may want to purge at once. */
export const HOME = 'home';
export const FEEDS = 'feeds';
export const SITEMAPS = 'sitemaps';
/** /corrections and its feed: every correction and clarification on a public story. */
export const CORRECTIONS = 'corrections';
/** On every cached response: purging it empties the cache. */
export const SITE = 'site';
/**
 * On no response: announced with `SITE` when the newsroom saves its alternate addresses or app
 * links, so other nodes read them again (every page's footer shows them, hence `SITE`).
 */
export const ADDRESSES = 'addresses';
/**
 * Breaking-news alerts: the banner fragment and /alerts.json. Pages never carry it: the banner is
 * put into them as they are served (cache/banner.ts), so raising an alert drops no page.
 */
export const ALERTS = 'alerts';
/**
 * Most-read lists on fronts (fronts/sources.ts). Views are not writes anyone announces, so the
 * `most-read-refresh` job announces this when the ranking it sees has changed (src/jobs).
 */
export const MOST_READ = 'most-read';
/**
 * A story's live coverage (src/live): its page and every entry's permalink carry it, and each
 * entry posted, edited or removed announces it alone (the story's lists and feeds stay). The live
 * hub of every node hears it and reads the timeline once for all its readers.
 */
export const liveTag = (articleId: number) => `live:${articleId}`;

/**
 * Feed addresses. Every feed lives under /feeds/{scope}/{file}:
 *   scope: all | section/{section path} | tag/{slug} | author/{slug} | topic/{slug}
 *          | edition/{code} | edition/{code}/tag/{slug} (author, topic: an edition's own stories)
 *   file:  rss.xml, atom.xml, feed.json (summaries) or rss-full.xml, atom-full.xml, feed-full.json
 * /feed.xml, /atom.xml and /feed.json are short aliases of the site-wide feeds. File names hold
 * a dot and section slugs never do, so a section path never collides with a file name.
 */
export type FeedFormat = 'rss' | 'atom' | 'json';

export type FeedScope =
  | { kind: 'all' }
  | { kind: 'section'; path: string }
  /** `edition`: an edition's code, for its own stories about the tag (author, topic) alone. */
  | { kind: 'tag'; slug: string; edition?: string }
  | { kind: 'author'; slug: string; edition?: string }
  | { kind: 'topic'; slug: string; edition?: string }
  /** An edition's whole feed (src/editions): /feeds/edition/{code}/…; `/es/feed.xml` too. */
  | { kind: 'edition'; code: string };

export interface FeedFile {
  format: FeedFormat;
  full: boolean;
}

export const FEED_FILES: Record<string, FeedFile> = {
  'rss.xml': { format: 'rss', full: false },
  'atom.xml': { format: 'atom', full: false },
  'feed.json': { format: 'json', full: false },
  'rss-full.xml': { format: 'rss', full: true },
  'atom-full.xml': { format: 'atom', full: true },
  'feed-full.json': { format: 'json', full: true },
};

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

export function scopePath(scope: FeedScope): string {
  switch (scope.kind) {
    case 'all':
      return '/feeds/all';
    case 'section':
      return `/feeds/section/${scope.path}`;
    case 'tag':
    case 'author':
    case 'topic':
      return `${scope.edition ? `/feeds/edition/${scope.edition}` : '/feeds'}/${scope.kind}/${scope.slug}`;
    case 'edition':
      return `/feeds/edition/${scope.code}`;
  }
}

/**
 * File name of each format, summary and full: looked up once (every page's head names its feeds,
 * and searching `FEED_FILES` each time was 1% of a static export's rendering thread).
 */
const FILE_NAMES = new Map(Object.entries(FEED_FILES).map(([name, f]) => [`${f.format} ${f.full}`, name]));

/** Root-relative path of one feed. */
export function feedPath(scope: FeedScope, format: FeedFormat, full = false): string {
  return `${scopePath(scope)}/${FILE_NAMES.get(`${format} ${full}`)}`;
}

export interface FeedLink {
  title: string;
  href: string;
  type: string;
}

/** `<link rel="alternate">` entries for a page about `scope`, titled with the page's name. */
export function feedLinks(scope: FeedScope, name: string): FeedLink[] {
  return (['rss', 'atom', 'json'] as const).map((format) => ({
    title: `${name} (${FORMAT_NAMES[format]})`,
    href: feedPath(scope, format),
    type: FEED_TYPES[format],
  }));
}

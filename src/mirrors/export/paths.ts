/**
 * How a live URL becomes a file a plain static server finds, and how links inside exported
 * pages are rewritten so each one names that file directly.
 *
 * Static hosts share exactly one rule: a URL ending in `/` serves that directory's index.html.
 * So every page is written as `{path}/index.html` and every internal page link gets a trailing
 * slash (no host-specific redirect from `/news` to `/news/` is needed). Query strings do not
 * exist on a static host, so pagination `?page=N` becomes a path: `/news?page=2` is written to
 * `news/page/2/index.html` and linked as `/news/page/2/`. That cannot collide with a section or
 * a story: section slugs start with a letter and story paths end in a four-digit year path.
 * Files (a dot in the last segment: renditions, the logo, feeds, mirrors.json) keep their path.
 */

/** Only these characters ever reach the file system: no `..`, no backslashes, no surprises. */
const SAFE_PATH = /^\/(?:[a-z0-9_-][a-z0-9._-]*\/)*(?:[a-z0-9_-][a-z0-9._-]*)?$/i;

function isFilePath(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.');
}

/** `/news?page=2` → `/news/page/2/`; `/news` → `/news/`; `/media/1/640.webp` unchanged. */
export function staticHref(url: string): string {
  const m = /^([^?#]*)(?:\?page=(\d+))?(#.*)?$/.exec(url);
  if (!m) return url;
  const [, rawPath = '/', page, hash = ''] = m;
  if (isFilePath(rawPath)) return rawPath + hash;
  const base = rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
  return (page && page !== '1' ? `${base}page/${page}/` : base) + hash;
}

/** The file (relative to the export directory) a URL is written to, or null if unsafe. */
export function fileFor(url: string): string | null {
  const href = staticHref(url);
  const path = href.split('#')[0] ?? '';
  if (!SAFE_PATH.test(path.replace(/\/$/, '') || '/') || path.includes('..')) return null;
  return path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
}

/**
 * Rewrite root-relative `href`s of an exported page. Pages come from our own renderer (every
 * attribute double-quoted, text escaped), so an attribute pattern is exact: text that merely
 * looks like `href="/x"` is escaped to `href=&quot;…` and never matches.
 */
export function rewriteLinks(html: string): string {
  return html.replace(/ href="(\/(?!\/)[^"]*)"/g, (_all, url: string) => ` href="${staticHref(url)}"`);
}

/**
 * Root-relative files a page refers to: `/media/…` renditions (src and every srcset candidate)
 * into `media`, anything else with a file name (icons, scripts, feeds) into `files`.
 */
export function mediaRefs(html: string, media: Set<string>, files: Set<string>): void {
  for (const m of html.matchAll(/ (src|srcset|href)="([^"]*)"/g)) {
    for (const candidate of m[1] === 'srcset' ? (m[2] ?? '').split(',') : [m[2] ?? '']) {
      const url = candidate.trim().split(/\s+/)[0] ?? '';
      if (!url.startsWith('/') || url.startsWith('//')) continue;
      if (url.startsWith('/media/')) media.add(url);
      else if (isFilePath(url.split(/[?#]/)[0] ?? '')) files.add(url.split('#')[0] ?? url);
    }
  }
}

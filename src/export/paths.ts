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
  // Most links are plain page paths: no pattern needed for those.
  if (!/[?#.]/.test(url)) return url.endsWith('/') ? url : `${url}/`;
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
 * A page as a static host serves it, in three parts (before, the inlined stylesheet, after;
 * joined they are the file): root-relative `href`s rewritten to name their files, and every
 * file it refers to noted in `refs`, in one pass over the HTML. Pages come from our own
 * renderer (every attribute double-quoted, text escaped), so an attribute pattern is exact:
 * text that merely looks like `href="/x"` is escaped to `href=&quot;…` and never matches. The
 * inlined stylesheet (a third or more of a page, and no attributes) is not scanned, nor
 * copied before the file is written.
 */
export function staticParts(html: string, refs: PageRefs): [string, string, string] {
  return linkParts(splitStyle(html), refs);
}

/** A page cut around its inlined stylesheet: before, the `<style>` element's start and text, after. */
export function splitStyle(html: string): [string, string, string] {
  const start = html.indexOf('<style>');
  const end = start < 0 ? -1 : html.indexOf('</style>', start);
  if (end < 0) return [html, '', ''];
  return [html.slice(0, start), html.slice(start, end), html.slice(end)];
}

/** `staticParts` of a page already cut by `splitStyle` (the write thread gets pages cut). */
export function linkParts([before, style, after]: readonly [string, string, string], refs: PageRefs) {
  refs.begin();
  const parts: [string, string, string] = [staticPart(before, refs), style, after && staticPart(after, refs)];
  return parts;
}

/** The page as one string (the 404 page, tests). */
export const staticPage = (html: string, refs: PageRefs): string => staticParts(html, refs).join('');

function staticPart(html: string, refs: PageRefs): string {
  return html.replace(/ (src|srcset|href)="([^"]*)"/g, (all, name: string, value: string) => {
    if (name !== 'href') {
      refs.add(name, value);
      return all;
    }
    // Most links are root-relative page paths (no file, nothing to note): no lookup for those.
    if (value.charCodeAt(0) !== SLASH || value.charCodeAt(1) === SLASH) return all;
    const href = staticHref(value);
    if (!href.endsWith('/')) refs.add(name, value);
    return href === value ? all : ` href="${href}"`;
  });
}

const SLASH = 47;
const BEACONS = '/views/';

/**
 * Root-relative files pages refer to: `/media/…` renditions (src and every srcset candidate)
 * and anything else with a file name (icons, scripts, feeds), for the page being rewritten
 * (`page`, from `begin`) and for all pages so far (`media`, `files`). Pages repeat the same
 * few srcsets and files thousands of times, so each distinct value is read once (`seen`).
 */
export class PageRefs {
  readonly media = new Set<string>();
  readonly files = new Set<string>();
  /** Files the current page refers to (possibly repeated). */
  page: string[] = [];
  /** Attribute value → the files it names. */
  private readonly seen = new Map<string, string[]>();

  /** Start a new page. */
  begin(): void {
    this.page = [];
  }

  /** One attribute's value. */
  add(name: string, value: string): void {
    // A story's view beacon (`/views/{id}.gif`, src/audience) is no file of the site but one
    // per story page: the export writes one for each story page it has (export.ts). Noted
    // here, it made every story's set of references one of its own.
    if (value.startsWith(BEACONS)) return;
    let files = this.seen.get(value);
    if (!files) {
      const candidates = name === 'srcset' ? value.split(',') : [value];
      files = candidates
        .map(fileOf)
        .filter((f): f is string => f !== null)
        .map(own);
      if (this.seen.size >= 10_000) this.seen.clear();
      this.seen.set(own(value), files);
      for (const f of files) (f.startsWith('/media/') ? this.media : this.files).add(f);
    }
    for (const f of files) this.page.push(f);
  }
}

/** The root-relative file an attribute's URL (or srcset candidate) names, or null. */
function fileOf(candidate: string): string | null {
  const url = firstWord(candidate);
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  if (url.startsWith('/media/')) return url;
  const file = cut(url, '#');
  return isFilePath(cut(file, '?')) ? file : null;
}

function firstWord(s: string): string {
  const t = s.trim();
  const space = t.search(/\s/);
  return space < 0 ? t : t.slice(0, space);
}

function cut(s: string, at: string): string {
  const i = s.indexOf(at);
  return i < 0 ? s : s.slice(0, i);
}

/**
 * A copy of a string that does not point into the page it was cut from: V8 keeps a substring
 * as a view of its parent, so a set of substrings kept every page they came from alive.
 */
function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

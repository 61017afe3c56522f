import type { ArticleRow, Db } from '../db/index.js';
import type { ArticleInput } from '../shared/article-input.js';
import { isPublicArticle, redirectFor } from './queries.js';
import { RESERVED_SLUGS } from './sections.js';

/**
 * Checks before publishing: what a demanding desk editor looks at before a story goes out.
 * They read the story's editable content (the shape `updateArticle` takes), so a working copy
 * can be checked as well as the stored story. Errors are things that would break the site or
 * a promise (a broken or leaking link, an uncredited photo, a broken embargo) and can never be
 * waived; warnings are house style an editor may waive with one click. docs/admin.md lists
 * them; docs/decisions.md says why the headline limit is 70.
 */
export type CheckAction = 'publish' | 'schedule' | 'update';
export const CHECK_ACTIONS: readonly CheckAction[] = ['publish', 'schedule', 'update'];

export interface StoryCheck {
  /** Which check (several links can each fail `link-*`). */
  id: string;
  severity: 'error' | 'warning';
  /** The field to fix, as the API names it. */
  field: string;
  message: string;
  /** The sentence at fault, where there is one (the knowledge layer's consistency checks). */
  sentence?: string;
  /** Words of `sentence` to highlight. */
  highlight?: string[];
}

export interface CheckOptions {
  /** The story being checked (a link to itself is not judged); null for one not saved yet. */
  articleId: number | null;
  action: CheckAction;
  now: string;
  /** For `schedule`: the time asked for (else the content's `publishAt`). */
  publishAt?: string | null;
  /** The site's primary URL and alternate addresses: links to them are internal. */
  siteOrigins: readonly string[];
}

/** Longest headline search results show whole; see docs/decisions.md. */
export const SEO_TITLE_MAX = 70;

export async function checkStory(db: Db, content: ArticleInput, opts: CheckOptions): Promise<StoryCheck[]> {
  const out: StoryCheck[] = [];
  const error = (id: string, field: string, message: string) =>
    out.push({ id, severity: 'error', field, message });
  const warn = (id: string, field: string, message: string) =>
    out.push({ id, severity: 'warning', field, message });

  // Lead image: alt text lives on the library item; caption and credit on the story, falling
  // back to the library's (as the article page shows them).
  if (!content.leadMediaId) {
    warn(
      'lead-image',
      'leadMediaId',
      'No lead image: the story shows no picture on fronts, feeds and shares.',
    );
  } else {
    const media = await db
      .selectFrom('media')
      .select(['alt', 'caption', 'credit'])
      .where('id', '=', content.leadMediaId)
      .executeTakeFirst();
    if (!media?.alt.trim())
      warn('lead-alt', 'leadMediaId', 'The lead image has no alt text (set it in the media library).');
    if (!(content.leadCaption ?? '').trim() && !media?.caption.trim())
      warn('lead-caption', 'leadCaption', 'The lead image has no caption.');
    if (!(content.leadCredit ?? '').trim() && !media?.credit.trim())
      error(
        'lead-credit',
        'leadCredit',
        'The lead image has no credit: a photo is never published uncredited.',
      );
  }
  if (!(content.dek ?? '').trim()) warn('dek', 'dek', 'The dek (summary) is empty.');
  if (!content.authorIds?.length) warn('byline', 'authorIds', 'The story has no byline.');

  const title = (content.seoTitle ?? '').trim() || content.headline.trim();
  if ([...title].length > SEO_TITLE_MAX) {
    const field = (content.seoTitle ?? '').trim() ? 'seoTitle' : 'headline';
    warn(
      'headline-length',
      field,
      `The ${field === 'seoTitle' ? 'SEO title' : 'headline'} is ${[...title].length} characters; search results cut it after ${SEO_TITLE_MAX}${field === 'headline' ? ' (set a shorter SEO title)' : ''}.`,
    );
  }

  // When readers would first see this version: now, or the time asked for by a schedule.
  const at = opts.action === 'schedule' ? (opts.publishAt ?? content.publishAt ?? null) : opts.now;
  const goesLive = at ? new Date(at).toISOString() : null;
  // "Publish now" (or applying an update) before the embargo ends would break it.
  const embargo = content.embargoUntil ? new Date(content.embargoUntil).toISOString() : null;
  if (embargo && goesLive && embargo > goesLive)
    error(
      'embargo',
      'embargoUntil',
      opts.action === 'schedule'
        ? `The embargo ends at ${embargo}, after the scheduled time.`
        : `The story is embargoed until ${embargo}: schedule it instead.`,
    );

  const dateline = (content.dateline ?? '').trim();
  if (dateline && startsWithDateline(firstText(content.body), dateline))
    warn(
      'dateline-repeated',
      'body',
      `The body starts with the dateline "${dateline}", which the page already shows.`,
    );

  // A table's column headers and caption are what a screen reader announces to find one's way.
  const tables = tablesIn(content.body);
  if (tables.some((t) => t.attrs?.headerRow !== true))
    warn('table-header', 'body', 'A table has no header row: mark its first row as column headers.');
  if (tables.some((t) => !t.attrs?.caption?.trim()))
    warn('table-caption', 'body', 'A table has no caption: say in a line what it shows.');

  for (const href of new Set(linksIn(content.body))) {
    const path = internalPath(href, opts.siteOrigins);
    if (path === null) continue;
    const problem = await judgeInternalPath(db, path, opts.articleId, opts.now, goesLive);
    if (problem) error(problem.id, 'body', `Link to ${href}: ${problem.message}`);
  }
  return out;
}

/** Every link href in a body document, in order. */
function linksIn(body: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { marks?: unknown; content?: unknown };
    if (Array.isArray(n.marks)) {
      for (const m of n.marks as { type?: string; attrs?: { href?: unknown } }[])
        if (m?.type === 'link' && typeof m.attrs?.href === 'string') out.push(m.attrs.href);
    }
    if (Array.isArray(n.content)) for (const c of n.content) walk(c);
  };
  walk(body);
  return out;
}

/** The body's tables (top level: the schema has no tables inside other blocks). */
function tablesIn(body: unknown): { attrs?: { headerRow?: unknown; caption?: string } }[] {
  const content = (body as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return [];
  return content.filter((n) => (n as { type?: unknown } | null)?.type === 'table');
}

/** The text of the body's first paragraph. */
function firstText(body: unknown): string {
  const first = (
    body as { content?: { type?: string; content?: { text?: string }[] }[] } | null
  )?.content?.find((n) => n?.type === 'paragraph');
  return (first?.content ?? []).map((t) => t?.text ?? '').join('');
}

/** "KYIV — …" or "Kyiv, Ukraine (Reuters) — …" under a "KYIV" dateline; "Kyivans …" is not. */
function startsWithDateline(text: string, dateline: string): boolean {
  const t = text.trimStart().toLocaleLowerCase();
  const d = dateline.toLocaleLowerCase();
  return t.startsWith(d) && !/[\p{L}\p{N}]/u.test(t.charAt(d.length));
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The path of a link to this site (any of its addresses, any port), or null for elsewhere. */
export function internalPath(href: string, siteOrigins: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const hosts = new Set(siteOrigins.map(hostOf));
  if (!hosts.has(url.hostname.toLowerCase().replace(/\.$/, ''))) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
  // As the site's router reads paths (src/site/routes.ts).
  return path.replace(/\/+$/, '').replace(/\/{2,}/g, '/') || '/';
}

const ARTICLE_PATH = /\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+$/;

/**
 * What a reader following the link would get, from the tables the site routes by (no request
 * is made): null when it is a page, else why not. Follows redirects a few hops.
 */
async function judgeInternalPath(
  db: Db,
  start: string,
  selfId: number | null,
  now: string,
  goesLive: string | null,
): Promise<{ id: string; message: string } | null> {
  let path = start;
  for (let hop = 0; hop < 5; hop++) {
    if (path === '/') return null;
    const first = path.split('/')[1] ?? '';
    if (first === 'admin' || first === 'preview')
      return { id: 'link-unpublished', message: 'a newsroom or preview address readers cannot open.' };
    if (first === 'author' || first === 'tag') {
      const slug = path.split('/')[2] ?? '';
      const table = first === 'author' ? 'authors' : 'tags';
      const found = await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
      if (found && path.split('/').length === 3) return null;
    } else if (RESERVED_SLUGS.has(first) || /\.[a-z]+$/.test(first)) {
      // Search, feeds, media, sitemaps, /robots.txt …: served by other parts of the site.
      return null;
    } else if (/^\/[a-z0-9/-]*$/.test(path)) {
      if (ARTICLE_PATH.test(path)) {
        const story = await db.selectFrom('articles').selectAll().where('path', '=', path).executeTakeFirst();
        if (story) return judgeStory(story, selfId, now, goesLive);
      }
      const section = await db
        .selectFrom('sections')
        .select('id')
        .where('path', '=', path.slice(1))
        .executeTakeFirst();
      if (section) return null;
    }
    const to = await redirectFor(db, path);
    if (!to) return { id: 'link-broken', message: 'this address answers 404 (not found).' };
    path = to;
  }
  return { id: 'link-broken', message: 'this address redirects in a loop.' };
}

function judgeStory(
  story: ArticleRow,
  selfId: number | null,
  now: string,
  goesLive: string | null,
): { id: string; message: string } | null {
  if (story.id === selfId) return null;
  if (story.deleted_at || story.status === 'unpublished' || story.status === 'archived')
    return { id: 'link-gone', message: `"${story.headline}" was taken off the site (410 gone).` };
  if (isPublicArticle(story, now)) return null;
  // A scheduled story that is public by the time this one is: fine for a schedule.
  const publicAt =
    story.status === 'scheduled'
      ? story.publish_at
      : story.status === 'published'
        ? story.first_published_at
        : null;
  if (publicAt && goesLive && publicAt <= goesLive) return null;
  return { id: 'link-unpublished', message: `"${story.headline}" is not published yet.` };
}

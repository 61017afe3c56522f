import { liveTag, mediaTag } from '../cache/index.js';
import { mediaByIds } from '../content/index.js';
import type { Config } from '../config.js';
import type { Db, MediaRow } from '../db/index.js';
import { type Coverage, coverageFor, type LiveEntry, listEntries } from '../live/index.js';
import { imageView } from '../media/index.js';
import { escapeHtml, excerpt, renderHtml, renderText } from '../shared/document/index.js';
import { msg } from './i18n/index.js';
import { renderFragment } from './render.js';
import { publisher } from './structured-data.js';
import { TimeTag } from './theme/components.js';

/**
 * A live story as readers see it: the "Live" badge and key points at the top, pinned entries,
 * then the timeline newest first, every entry with its own permalink. Each entry is rendered to
 * markup here once, and the same markup goes into the page, the entry's own page and the events
 * the live hub sends (live-hub.ts), so the script that appends entries only moves our own HTML.
 */

/** What a story page needs of its live coverage (null: never covered live). */
export interface LiveData {
  coverage: Coverage;
  /** Not deleted, newest first. */
  entries: LiveEntry[];
  media: Map<number, MediaRow>;
}

type Site = Config['site'];

/** A story's coverage and timeline, with the images the entries show (two or three reads). */
export async function loadLive(db: Db, articleId: number): Promise<LiveData | null> {
  const coverage = await coverageFor(db, articleId);
  if (!coverage) return null;
  const entries = await listEntries(db, articleId);
  return { coverage, entries, media: await mediaByIds(db, entryImages(entries)) };
}

/** Ids of the images entries show (to load them with the entries). */
export function entryImages(entries: readonly LiveEntry[]): number[] {
  const out: number[] = [];
  const walk = (nodes: readonly unknown[] | undefined) => {
    for (const node of nodes ?? []) {
      const n = node as { type: string; attrs?: { mediaId?: number }; content?: unknown[] };
      if (n.type === 'image' && typeof n.attrs?.mediaId === 'number') out.push(n.attrs.mediaId);
      walk(n.content);
    }
  };
  for (const e of entries) walk(e.body.content);
  return out;
}

/** The address of an entry's own page. */
export const entryPath = (storyPath: string, id: number) => `${storyPath}/entry/${id}`;

/** Where a live story's events and its polling fallback are (live-hub.ts). */
export const liveEventsPath = (articleId: number) => `/live/${articleId}/events`;
export const livePollPath = (articleId: number) => `/live/${articleId}/entries.json`;

/** One entry's markup. `anchor`: carries the `entry-ID` id (the timeline's copy; pinned ones do not). */
export function entryHtml(
  site: Site,
  storyPath: string,
  e: LiveEntry,
  media: Map<number, MediaRow>,
  anchor = true,
): string {
  const body = renderHtml(e.body, {
    media: (id) => {
      const m = media.get(id);
      return m ? imageView(m) : undefined;
    },
  });
  const href = entryPath(storyPath, e.id);
  const classes = [
    'live-entry',
    `live-${e.kind}`,
    e.pinned ? 'is-pinned' : '',
    e.keyPoint ? 'is-key-point' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return renderFragment(
    <article
      class={classes}
      {...(anchor ? { id: `entry-${e.id}` } : {})}
      data-entry={String(e.id)}
      data-version={String(e.version)}
      data-created={e.createdAt}
    >
      <header class="live-entry-head">
        <a class="live-time" href={href}>
          <TimeTag iso={e.createdAt} site={site} />
        </a>
        {e.pinned ? <span class="live-flag">{msg(site.language, 'live.pinned')}</span> : null}
        {e.keyPoint ? <span class="live-flag">{msg(site.language, 'live.keyPoint')}</span> : null}
        {e.title ? <h3 class="live-entry-title">{e.title}</h3> : null}
      </header>
      <div class="live-entry-body" dangerouslySetInnerHTML={{ __html: body }} />
      <footer class="live-entry-foot">
        {e.authorName ? <span class="live-author">{e.authorName}</span> : null}
        <a class="live-permalink" href={href}>
          {msg(site.language, 'live.link')}
        </a>
      </footer>
    </article>,
  );
}

/** What an entry is called in lists and share cards: its title, else the start of its text. */
export function entrySummary(e: LiveEntry, max = 160): string {
  return e.title || excerpt(e.body, max) || renderText(e.body).slice(0, max);
}

/** The key points box: links into the timeline, oldest first (the order events happened). */
export function keyPointsHtml(storyPath: string, entries: readonly LiveEntry[], language = 'en'): string {
  const points = entries.filter((e) => e.keyPoint).reverse();
  if (points.length === 0) return '';
  return renderFragment(
    <>
      <h2 class="live-box-title">{msg(language, 'live.keyPoints')}</h2>
      <ul>
        {points.map((e) => (
          <li key={e.id}>
            <a href={`${storyPath}#entry-${e.id}`}>{entrySummary(e)}</a>
          </li>
        ))}
      </ul>
    </>,
  );
}

/** The pinned entries, newest first (copies: the timeline keeps each in its place too). */
export function pinnedHtml(site: Site, storyPath: string, data: Pick<LiveData, 'entries' | 'media'>): string {
  const pinned = data.entries.filter((e) => e.pinned);
  if (pinned.length === 0) return '';
  return `<h2 class="live-box-title">${escapeText(msg(site.language, 'live.pinned'))}</h2>${pinned.map((e) => entryHtml(site, storyPath, e, data.media, false)).join('')}`;
}

/** The parts a story page puts around its body. */
export interface LiveBlock {
  live: boolean;
  /** Badge and key points, above the body. */
  topHtml: string;
  /** Pinned entries and the timeline, below the body. */
  feedHtml: string;
  tags: string[];
}

export function liveBlock(site: Site, articleId: number, storyPath: string, data: LiveData): LiveBlock {
  const live = data.coverage.state === 'live';
  // Where the page stands: the script asks the hub for what changed after it (ISO strings).
  let since = data.coverage.startedAt;
  for (const e of data.entries) if (e.updatedAt > since) since = e.updatedAt;
  const lang = site.language;
  const badge = live
    ? `<p class="live-badge" id="live-badge"><span class="live-dot" aria-hidden="true"></span>${escapeText(msg(lang, 'live.badge'))}</p>`
    : '';
  const points = keyPointsHtml(storyPath, data.entries, lang);
  const pinned = pinnedHtml(site, storyPath, data);
  const timeline = data.entries.map((e) => entryHtml(site, storyPath, e, data.media)).join('');
  const attrs = live
    ? ` data-live-events="${liveEventsPath(articleId)}" data-live-poll="${livePollPath(articleId)}" data-live-since="${since}" data-live-words="${escapeHtml(liveWords(lang))}"`
    : '';
  const feedTitle = escapeText(msg(lang, live ? 'live.latest' : 'live.unfolded'));
  const feedHtml =
    `<section class="live-feed" id="live"${attrs} aria-labelledby="live-title">` +
    `<div class="live-pinned" id="live-pinned">${pinned}</div>` +
    `<h2 class="block-title" id="live-title">${feedTitle}</h2>` +
    (live ? '<p class="live-status" id="live-status" role="status" aria-live="polite"></p>' : '') +
    `<div class="live-timeline" id="live-timeline">${timeline || (live ? `<p class="live-empty">${escapeText(msg(lang, 'live.noUpdates'))}</p>` : '')}</div>` +
    '</section>' +
    // An enhancement: the page reads in full without it (and in the static mirrors).
    (live ? '<script src="/assets/live.js" defer></script>' : '');
  return {
    live,
    topHtml: `${badge}<section class="live-key-points" id="live-key-points"${points ? '' : ' hidden'}>${points}</section>`,
    feedHtml,
    tags: [liveTag(articleId), ...[...data.media.keys()].map(mediaTag)],
  };
}

/**
 * What the page's script says as updates arrive (live-script.ts), in the page's language: the
 * "N new updates" message in each plural form the language has (`{n}` where the number goes; the
 * script picks the form with Intl.PluralRules), and the line said when the coverage ends. JSON.
 */
export function liveWords(language: string): string {
  const cached = wordsByLanguage.get(language);
  if (cached) return cached;
  const rules = new Intl.PluralRules(language);
  const number = new Intl.NumberFormat(language);
  const wanted = rules.resolvedOptions().pluralCategories.length;
  const updates: Record<string, string> = {};
  for (let n = 0; n <= 200 && Object.keys(updates).length < wanted; n++) {
    const form = rules.select(n);
    if (!(form in updates))
      updates[form] = msg(language, 'live.newUpdates', { count: n }).replace(number.format(n), '{n}');
  }
  const words = JSON.stringify({ updates, ended: msg(language, 'live.ended') });
  if (wordsByLanguage.size < 100) wordsByLanguage.set(language, words);
  return words;
}

const wordsByLanguage = new Map<string, string>();

/** schema.org LiveBlogPosting: the story, its coverage times and its entries as BlogPostings. */
export function liveBlogPosting(
  site: Site,
  story: { url: string; headline: string; description: string; published: string; modified: string },
  data: LiveData,
) {
  return {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    '@id': story.url,
    url: story.url,
    headline: story.headline.slice(0, 110),
    description: story.description,
    datePublished: story.published,
    dateModified: data.entries[0]?.updatedAt ?? story.modified,
    coverageStartTime: data.coverage.startedAt,
    ...(data.coverage.endedAt ? { coverageEndTime: data.coverage.endedAt } : {}),
    publisher: publisher(site),
    inLanguage: site.language,
    liveBlogUpdate: data.entries.slice(0, 100).map((e) => ({
      '@type': 'BlogPosting',
      '@id': `${story.url}/entry/${e.id}`,
      url: `${story.url}/entry/${e.id}`,
      headline: entrySummary(e, 110),
      articleBody: renderText(e.body),
      datePublished: e.createdAt,
      dateModified: e.updatedAt,
      ...(e.authorName ? { author: { '@type': 'Person', name: e.authorName } } : {}),
    })),
  };
}

/** Catalogue text going into the markup strings above: our words, escaped all the same. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

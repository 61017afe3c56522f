import {
  type Alert,
  ancestry,
  currentAlerts,
  editionTree,
  listLiveStreams,
  loadSectionTree,
  mediaByIds,
  publicVideoStories,
  type VideoStory,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import type { LiveStreamRow, MediaRow } from '../../db/index.js';
import type { Edition } from '../../editions/index.js';
import { homeFront, resolveLists, storedLists } from '../../fronts/index.js';
import { thumbnailOf } from '../../media/index.js';

/**
 * What the TV feeds list, loaded once per request: public video stories with a usable
 * thumbnail, the top-level section of each, and the active live streams. The feeds are pure
 * functions of this, so each format's rules stay in its own file.
 */
export interface CatalogueItem extends VideoStory {
  /** Immutable id in every TV feed. */
  feedId: string;
  url: string;
  thumbnail: { url: string; width: number; height: number };
  root: { name: string; slug: string } | null;
  sectionName: string;
}

export interface LiveItem {
  feedId: string;
  stream: LiveStreamRow;
  url: string;
  thumbnail: { url: string; width: number; height: number } | null;
}

export interface Catalogue {
  site: Context['config']['site'];
  now: Date;
  items: CatalogueItem[];
  live: LiveItem[];
  /** Breaking-news alerts current at `now` (content/alerts.ts): the edition's and everyone's. */
  alerts: Alert[];
  /**
   * The edition's curated home front's lists at `now` (src/fronts), each its stories' ids in
   * order: the TV feeds' first rows, as the newsroom arranged them (none while that home is
   * uncurated).
   */
  rows?: { slug: string; title: string; ids: number[] }[];
}

export const articleFeedId = (id: number) => `masthead-article-${id}`;
export const liveFeedId = (id: number) => `masthead-live-${id}`;

/**
 * `edition`: the TV feeds of one edition (src/editions): its stories, in its language and under
 * its name, the rows of its own curated home (`home@ID`; the default's is `home`), and its
 * breaking-news alerts with everyone's. None (a newsroom with one edition): every story and
 * alert. The live streams are the newsroom's, so only the default edition's feeds carry them.
 */
export async function loadCatalogue(ctx: Context, edition?: Edition): Promise<Catalogue> {
  const now = ctx.now();
  const own = edition && !edition.isDefault;
  const site = own ? { ...ctx.config.site, language: edition.language, name: edition.name } : ctx.config.site;
  const [stories, tree, streams, alerts] = await Promise.all([
    publicVideoStories(ctx.db, now.toISOString(), 500, edition?.id),
    loadSectionTree(ctx.db),
    own ? [] : listLiveStreams(ctx.db, { activeOnly: true }),
    currentAlerts(ctx.db, now.toISOString(), edition?.id),
  ]);
  // Only a curated home gives rows (its automatic default is not resolved for nothing), drawn
  // as the edition's pages draw it: over its top-level sections, its newest stories.
  const stored = await storedLists(ctx.db, edition ? homeFront(edition) : 'home');
  const lists = stored.length
    ? await resolveLists(ctx.db, edition ? editionTree(tree, edition.id) : tree, stored, now.toISOString())
    : [];
  const rows = lists.map((l) => ({ slug: l.slug, title: l.title, ids: l.stories.map((s) => s.id) }));
  const items: CatalogueItem[] = [];
  for (const s of stories) {
    const thumb = thumbnailOf(s.image);
    // TV apps refuse items without a large enough image; such stories stay on the website only.
    if (!thumb) continue;
    const chain = ancestry(tree, s.sectionId);
    const root = chain[0];
    items.push({
      ...s,
      feedId: articleFeedId(s.id),
      url: `${site.url}${s.path}`,
      thumbnail: { ...thumb, url: `${site.url}${thumb.path}` },
      root: root ? { name: root.name, slug: root.slug } : null,
      sectionName: chain.at(-1)?.name ?? '',
    });
  }
  const posters: Map<number, MediaRow> = await mediaByIds(
    ctx.db,
    streams.map((s) => s.poster_media_id),
  );
  const live = streams.map((stream) => {
    const thumb = thumbnailOf(
      stream.poster_media_id === null ? null : (posters.get(stream.poster_media_id) ?? null),
    );
    return {
      feedId: liveFeedId(stream.id),
      stream,
      url: `${site.url}/live#${stream.slug}`,
      thumbnail: thumb ? { ...thumb, url: `${site.url}${thumb.path}` } : null,
    };
  });
  return { site, now, items, live, alerts, rows };
}

/** Clip to `max` characters on a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  if (chars.length <= max) return text.trim();
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

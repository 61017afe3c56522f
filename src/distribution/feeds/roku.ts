import { type Catalogue, type CatalogueItem, clip } from './video-catalogue.js';

/**
 * The Roku Direct Publisher JSON feed (the format Roku's SDK channel templates read).
 * Short-form videos are under 15 minutes; longer ones are TV specials, which the spec requires
 * to carry captions (so a long video without captions is left out). Categories and playlists
 * come from the top-level sections. The feed stays under 500 KB by dropping the oldest items.
 */
export const ROKU_MAX_BYTES = 500 * 1024;
const SHORT_FORM_MAX_SECONDS = 15 * 60;
/** Non-adaptive (MP4) videos must state a bitrate; ours is an estimate from the quality. */
const BITRATE_KBPS = { SD: 1500, HD: 3000, FHD: 6000, UHD: 15000 } as const;

/** Roku's date-time form: 2015-11-11T22:21:37+00:00. */
export function rokuTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
}

function content(item: CatalogueItem, language: string) {
  const v = item.video;
  return {
    dateAdded: rokuTime(item.publishedAt),
    videos: [
      {
        url: v.source_url,
        quality: v.quality,
        videoType: v.kind === 'hls' ? 'HLS' : 'MP4',
        ...(v.kind === 'mp4' ? { bitrate: BITRATE_KBPS[v.quality] } : {}),
      },
    ],
    duration: v.duration_seconds,
    ...(v.captions_url && v.captions_language
      ? { captions: [{ url: v.captions_url, language: v.captions_language, captionType: 'CLOSED_CAPTION' }] }
      : {}),
    language,
  };
}

function entry(item: CatalogueItem, language: string) {
  const short = clip(item.dek || item.headline, 200);
  const long = clip(item.dek, 500);
  const tags = item.tags.filter((t) => [...t].length <= 20).map((t) => t.toLowerCase());
  return {
    id: item.feedId,
    title: item.headline,
    content: content(item, language),
    thumbnail: item.thumbnail.url,
    shortDescription: short,
    ...(long && long !== short ? { longDescription: long } : {}),
    releaseDate: item.publishedAt.slice(0, 10),
    genres: ['news'],
    ...(tags.length ? { tags } : {}),
  };
}

function build(cat: Catalogue, items: CatalogueItem[]) {
  const language = cat.site.language;
  const short = items.filter((i) => i.video.duration_seconds < SHORT_FORM_MAX_SECONDS);
  const specials = items.filter((i) => i.video.duration_seconds >= SHORT_FORM_MAX_SECONDS);
  // Playlist names are limited to 20 characters; the category carries the display name.
  const playlists: { name: string; itemIds: string[] }[] = [];
  const categories: { name: string; playlistName: string; order: string }[] = [];
  // The curated home front's lists come first, in the newsroom's order, with its video stories.
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const row of cat.rows ?? []) {
    const ids = row.ids.flatMap((id) => byId.get(id)?.feedId ?? []);
    const name = `list-${row.slug}`.slice(0, 20);
    if (!ids.length || playlists.some((p) => p.name === name)) continue;
    playlists.push({ name, itemIds: ids });
    categories.push({ name: row.title || cat.site.name, playlistName: name, order: 'manual' });
  }
  if (items.length) {
    playlists.push({ name: 'latest', itemIds: items.map((i) => i.feedId) });
    categories.push({ name: 'Latest', playlistName: 'latest', order: 'most_recent' });
  }
  const roots = new Map<string, { name: string; ids: string[] }>();
  for (const i of items) {
    if (!i.root) continue;
    const group = roots.get(i.root.slug) ?? { name: i.root.name, ids: [] };
    group.ids.push(i.feedId);
    roots.set(i.root.slug, group);
  }
  for (const [slug, group] of roots) {
    const name = `section-${slug}`.slice(0, 20);
    if (playlists.some((p) => p.name === name)) continue;
    playlists.push({ name, itemIds: group.ids });
    categories.push({ name: group.name, playlistName: name, order: 'most_recent' });
  }
  const newest = [...items.map((i) => i.updatedAt), ...cat.live.map((l) => l.stream.updated_at)]
    .sort()
    .at(-1);
  return {
    providerName: cat.site.name,
    language,
    lastUpdated: rokuTime(newest ?? cat.now.toISOString()),
    categories,
    playlists,
    shortFormVideos: short.map((i) => entry(i, language)),
    tvSpecials: specials.map((i) => entry(i, language)),
    liveFeeds: cat.live
      .filter((l) => l.thumbnail)
      .map((l) => ({
        id: l.feedId,
        title: l.stream.title,
        content: {
          dateAdded: rokuTime(l.stream.created_at),
          videos: [{ url: l.stream.hls_url, quality: 'HD', videoType: 'HLS' }],
          // A live stream has no runtime.
          duration: 0,
          language,
        },
        thumbnail: l.thumbnail?.url,
        shortDescription: clip(l.stream.description || l.stream.title, 200),
        genres: ['news'],
      })),
    // Not part of Direct Publisher's format (Roku's own templates ignore unknown keys): for SDK
    // channels built on this feed, which show it as a ticker. Only present while there is one.
    ...(cat.alerts.length
      ? {
          alerts: cat.alerts.map((a) => ({
            id: `masthead-alert-${a.id}`,
            text: a.text,
            level: a.level,
            url: a.link === null ? null : a.link.startsWith('/') ? `${cat.site.url}${a.link}` : a.link,
            expires: rokuTime(a.expiresAt),
          })),
        }
      : {}),
  };
}

/** The feed as JSON text, newest items kept, within `maxBytes`. */
export function rokuFeed(cat: Catalogue, maxBytes = ROKU_MAX_BYTES): string {
  const eligible = cat.items.filter(
    (i) =>
      i.video.duration_seconds < SHORT_FORM_MAX_SECONDS ||
      (i.video.captions_url && i.video.captions_language),
  );
  const text = (n: number) => JSON.stringify(build(cat, eligible.slice(0, n)));
  let body = text(eligible.length);
  if (Buffer.byteLength(body) <= maxBytes) return body;
  // Items are newest first: find the largest number of newest items that fits.
  let lo = 0;
  let hi = eligible.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(text(mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  body = text(lo);
  return body;
}

import type { Config } from '../config.js';
import { videoWithPoster } from '../content/index.js';
import type { ArticleRow, ArticleVideoRow, Db, LiveStreamRow, MediaRow } from '../db/index.js';
import { mediaUrl, thumbnailOf } from '../media/index.js';
import { publisher } from './structured-data.js';
import type { PlayerView } from './theme/video.js';

/** Shaping videos for pages: players, VideoObject JSON-LD, the CSP a player needs. */

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

function languageLabel(code: string): string {
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

export function playerOf(
  video: Pick<ArticleVideoRow, 'kind' | 'source_url' | 'captions_url' | 'captions_language'>,
  poster: MediaRow | null,
  title: string,
): PlayerView {
  const thumb =
    thumbnailOf(poster) ?? (poster ? { path: mediaUrl(poster.id, 960, 'jpg'), width: 0, height: 0 } : null);
  return {
    kind: video.kind,
    src: video.source_url,
    poster: thumb?.path ?? null,
    width: 1280,
    height: 720,
    captions:
      video.captions_url && video.captions_language
        ? {
            src: video.captions_url,
            lang: video.captions_language,
            label: languageLabel(video.captions_language),
          }
        : null,
    title,
  };
}

/** ISO 8601 duration, e.g. PT11M3S. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function videoObject(
  site: Config['site'],
  v: {
    name: string;
    description: string;
    url: string;
    uploadDate: string;
    durationSeconds?: number;
    contentUrl: string;
    thumbnail: string | null;
    live?: boolean;
  },
) {
  return {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    name: v.name,
    description: v.description || v.name,
    url: v.url,
    uploadDate: v.uploadDate,
    ...(v.durationSeconds ? { duration: isoDuration(v.durationSeconds) } : {}),
    contentUrl: v.contentUrl,
    thumbnailUrl: v.thumbnail ? [`${site.url}${v.thumbnail}`] : [],
    inLanguage: site.language,
    publisher: publisher(site),
    ...(v.live ? { publication: { '@type': 'BroadcastEvent', isLiveBroadcast: true } } : {}),
  };
}

/**
 * Extra CSP directives for a page that plays videos from other hosts: the player fetches the
 * media (and, through hls.js, the playlists and segments, into blob: URLs) from those origins.
 */
export function mediaCsp(urls: (string | null)[]): string[] {
  const origins = [...new Set(urls.filter((u): u is string => !!u).map((u) => new URL(u).origin))];
  return [
    `media-src 'self' blob: ${origins.join(' ')}`.trim(),
    `connect-src 'self' ${origins.join(' ')}`.trim(),
  ];
}

/** What an article page needs to show its video: the player, JSON-LD and CSP, or null. */
export async function articleVideo(db: Db, article: ArticleRow, site: Config['site']) {
  const found = await videoWithPoster(db, article);
  if (!found) return null;
  const { video, poster } = found;
  const player = { ...playerOf(video, poster, article.headline), caption: article.lead_caption };
  return {
    player,
    hls: video.kind === 'hls',
    csp: mediaCsp([video.source_url, video.captions_url]),
    jsonLd: videoObject(site, {
      name: article.headline,
      description: article.seo_description || article.dek,
      url: `${site.url}${article.path}`,
      uploadDate: article.first_published_at ?? article.updated_at,
      durationSeconds: video.duration_seconds,
      contentUrl: video.source_url,
      thumbnail: player.poster,
    }),
  };
}

export function livePlayer(stream: LiveStreamRow, poster: MediaRow | null): PlayerView {
  return playerOf(
    { kind: 'hls', source_url: stream.hls_url, captions_url: null, captions_language: null },
    poster,
    stream.title,
  );
}

/**
 * The embed allow-list. An embed node names a provider and a URL; the URL must be one this
 * provider serves, so an editor cannot smuggle an arbitrary page into an iframe. Each provider
 * also decides how it renders: a privacy-friendly iframe player, or a plain link card (those
 * providers only offer script-based embeds, and we never emit third-party scripts).
 */

export const EMBED_PROVIDER_NAMES = ['youtube', 'vimeo', 'spotify', 'x', 'instagram', 'soundcloud'] as const;

export type EmbedProvider = (typeof EMBED_PROVIDER_NAMES)[number];

/** What an iframe player needs; every value is built here from the matched id, never copied. */
export interface EmbedFrame {
  src: string;
  title: string;
  /** Omitted when the player should take the column width (set by the theme's CSS). */
  width?: number;
  height: number;
  allow: string;
}

/** A recognised embed URL, normalised. */
export interface EmbedInfo {
  provider: EmbedProvider;
  /** The provider's own id for the item, e.g. a YouTube video id or `track/<id>` on Spotify. */
  id: string;
  /** Canonical https address of the item on the provider's site. */
  url: string;
  /** Link text for the item, e.g. "View post on X". */
  label: string;
  /** Present for providers rendered as an iframe player. */
  frame?: EmbedFrame;
}

export interface EmbedProviderSpec {
  /** Display name, e.g. "YouTube". */
  name: string;
  render: 'iframe' | 'link';
  /** Hosts the provider accepts (exact match, lower case). */
  hosts: readonly string[];
  /** Recognises a URL already known to be on one of `hosts`; null if it is not an item URL. */
  match(url: URL): EmbedInfo | null;
}

const MAX_URL_LENGTH = 2048;
// WHATWG URL parsing silently drops tabs/newlines and trims controls, which is how
// "java\tscript:" tricks work; refusing them (and invisible/bidi characters) outright is simpler.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

function parseWebUrl(raw: string): URL | null {
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH || UNSAFE_URL_CHARS.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Credentials or odd ports never appear in real share links; they only serve to confuse.
  if (url.username || url.password || url.port) return null;
  return url;
}

/** "90", "90s", "1m30s", "1h2m3s" → seconds; anything else → 0 (start at the beginning). */
function parseStartSeconds(value: string | null): number {
  if (!value) return 0;
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const m = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(value);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_PATH = /^\/(?:embed|shorts|live|v)\/([^/]+)\/?$/;

const youtube: EmbedProviderSpec = {
  name: 'YouTube',
  render: 'iframe',
  hosts: [
    'youtube.com',
    'www.youtube.com',
    'm.youtube.com',
    'youtu.be',
    'youtube-nocookie.com',
    'www.youtube-nocookie.com',
  ],
  match(url) {
    let id: string | null | undefined;
    if (url.hostname === 'youtu.be') id = /^\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    else if (url.pathname === '/watch') id = url.searchParams.get('v');
    else id = YOUTUBE_PATH.exec(url.pathname)?.[1];
    if (!id || !YOUTUBE_ID.test(id)) return null;
    const start = parseStartSeconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
    return {
      provider: 'youtube',
      id,
      url: `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}s` : ''}`,
      label: 'Watch on YouTube',
      frame: {
        // The no-cookie host sets no tracking cookies until the reader presses play.
        src: `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`,
        title: 'YouTube video player',
        width: 560,
        height: 315,
        allow: 'autoplay; encrypted-media; picture-in-picture; web-share',
      },
    };
  },
};

const VIMEO_PAGE = /^\/(?:channels\/[\w-]{1,64}\/)?(\d{1,12})(?:\/([0-9a-f]{6,20}))?\/?$/;
const VIMEO_PLAYER = /^\/video\/(\d{1,12})\/?$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/;

const vimeo: EmbedProviderSpec = {
  name: 'Vimeo',
  render: 'iframe',
  hosts: ['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'],
  match(url) {
    let id: string | undefined;
    // Unlisted videos carry a privacy hash, in the path on vimeo.com and as ?h= on the player.
    let hash: string | null | undefined;
    if (url.hostname === 'player.vimeo.com') {
      id = VIMEO_PLAYER.exec(url.pathname)?.[1];
      hash = url.searchParams.get('h');
    } else {
      const m = VIMEO_PAGE.exec(url.pathname);
      id = m?.[1];
      hash = m?.[2];
    }
    if (!id) return null;
    if (hash && !VIMEO_HASH.test(hash)) return null;
    return {
      provider: 'vimeo',
      id,
      url: `https://vimeo.com/${id}${hash ? `/${hash}` : ''}`,
      label: 'Watch on Vimeo',
      frame: {
        // dnt=1 asks Vimeo not to track the reader.
        src: `https://player.vimeo.com/video/${id}?dnt=1${hash ? `&h=${hash}` : ''}`,
        title: 'Vimeo video player',
        width: 560,
        height: 315,
        allow: 'autoplay; fullscreen; picture-in-picture',
      },
    };
  },
};

const SPOTIFY_PATH =
  /^\/(?:intl-[a-z]{2}(?:-[a-z]{2})?\/)?(?:embed\/)?(track|album|playlist|episode|show|artist)\/([A-Za-z0-9]{22})\/?$/;

const spotify: EmbedProviderSpec = {
  name: 'Spotify',
  render: 'iframe',
  hosts: ['open.spotify.com'],
  match(url) {
    const m = SPOTIFY_PATH.exec(url.pathname);
    if (!m) return null;
    const [, kind, itemId] = m;
    const id = `${kind}/${itemId}`;
    return {
      provider: 'spotify',
      id,
      url: `https://open.spotify.com/${id}`,
      label: 'Listen on Spotify',
      frame: {
        src: `https://open.spotify.com/embed/${id}`,
        title: 'Spotify player',
        // Spotify's compact player fits one track or episode; collections get the tall one.
        height: kind === 'track' || kind === 'episode' ? 152 : 352,
        allow: 'autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture',
      },
    };
  },
};

const X_PATH = /^\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/(\d{1,20})(?:\/(?:photo|video)\/\d)?\/?$/;

const x: EmbedProviderSpec = {
  name: 'X',
  render: 'link',
  hosts: ['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  match(url) {
    const m = X_PATH.exec(url.pathname);
    if (!m) return null;
    const [, user, status] = m;
    return {
      provider: 'x',
      id: status as string,
      url: `https://x.com/${user}/status/${status}`,
      label: 'View post on X',
    };
  },
};

const INSTAGRAM_PATH = /^\/(?:[A-Za-z0-9_.]{1,30}\/)?(p|reels?|tv)\/([A-Za-z0-9_-]{5,64})\/?$/;

const instagram: EmbedProviderSpec = {
  name: 'Instagram',
  render: 'link',
  hosts: ['instagram.com', 'www.instagram.com'],
  match(url) {
    const m = INSTAGRAM_PATH.exec(url.pathname);
    if (!m) return null;
    const kind = m[1] === 'reels' ? 'reel' : (m[1] as string);
    const code = m[2] as string;
    return {
      provider: 'instagram',
      id: code,
      url: `https://www.instagram.com/${kind}/${code}/`,
      label: 'View post on Instagram',
    };
  },
};

const SOUNDCLOUD_PATH = /^\/([a-z0-9_-]{1,64})\/(sets\/)?([a-z0-9_-]{1,128})\/?$/i;

const soundcloud: EmbedProviderSpec = {
  name: 'SoundCloud',
  render: 'link',
  hosts: ['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com'],
  match(url) {
    const m = SOUNDCLOUD_PATH.exec(url.pathname);
    if (!m) return null;
    const id = `${m[1]}/${m[2] ?? ''}${m[3]}`;
    return {
      provider: 'soundcloud',
      id,
      url: `https://soundcloud.com/${id}`,
      label: 'Listen on SoundCloud',
    };
  },
};

/** Every embed provider we accept, by the name stored in `embed.attrs.provider`. */
export const EMBED_PROVIDERS: Readonly<Record<EmbedProvider, EmbedProviderSpec>> = Object.freeze({
  youtube,
  vimeo,
  spotify,
  x,
  instagram,
  soundcloud,
});

/** True if `value` names a provider on the allow-list. */
export function isEmbedProvider(value: unknown): value is EmbedProvider {
  return typeof value === 'string' && Object.hasOwn(EMBED_PROVIDERS, value);
}

/** Normalised info for `url` if it is an item URL served by `provider`, else null. */
export function matchEmbed(provider: EmbedProvider, url: string): EmbedInfo | null {
  // Guard again at runtime: callers may hand us a provider name straight from stored JSON.
  if (!isEmbedProvider(provider) || typeof url !== 'string') return null;
  const spec = EMBED_PROVIDERS[provider];
  const parsed = parseWebUrl(url);
  if (!parsed || !spec.hosts.includes(parsed.hostname)) return null;
  return spec.match(parsed);
}

/**
 * Origins the iframe players above load from. The public site's Content-Security-Policy allows
 * frames from these alone, so keep this list in step with the `frame.src` values.
 */
export const EMBED_FRAME_ORIGINS = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://open.spotify.com',
] as const;

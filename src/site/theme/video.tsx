import { msg } from '../i18n/index.js';

/**
 * The HTML5 video player of video stories and the Live page. It works with no script at all
 * for MP4 and for HLS where the browser plays HLS itself (Safari, iOS, Android); elsewhere our
 * small script attaches hls.js, which is loaded only on pages that show an HLS video.
 */
export interface PlayerView {
  kind: 'hls' | 'mp4';
  src: string;
  /** Root-relative poster image, or null. */
  poster: string | null;
  width: number;
  height: number;
  captions: { src: string; lang: string; label: string } | null;
  /** Accessible name of the player. */
  title: string;
  caption?: string;
}

const TYPES = { hls: 'application/vnd.apple.mpegurl', mp4: 'video/mp4' } as const;

export function VideoPlayer({
  video,
  eager,
  lang = 'en',
}: {
  video: PlayerView;
  eager?: boolean;
  lang?: string;
}) {
  return (
    <figure class="lead-video">
      {/* biome-ignore lint/a11y/useMediaCaption: the <track> is rendered whenever the newsroom supplied a captions file; none can be invented */}
      <video
        controls
        playsinline
        preload={eager ? 'metadata' : 'none'}
        poster={video.poster ?? undefined}
        width={video.width}
        height={video.height}
        aria-label={video.title}
        crossorigin={video.captions || video.kind === 'hls' ? 'anonymous' : undefined}
        data-hls={video.kind === 'hls' ? video.src : undefined}
      >
        <source src={video.src} type={TYPES[video.kind]} />
        {video.captions ? (
          <track
            kind="captions"
            src={video.captions.src}
            srclang={video.captions.lang}
            label={video.captions.label}
            default
          />
        ) : null}
        <p>
          {msg(lang, 'video.unsupported')} <a href={video.src}>{msg(lang, 'video.open')}</a>.
        </p>
      </video>
      {video.caption ? <figcaption>{video.caption}</figcaption> : null}
    </figure>
  );
}

/** hls.js and our attach script; render once per page, only when it shows an HLS video. */
export function HlsScripts() {
  return (
    <>
      <script src="/assets/hls.js" defer />
      <script src="/assets/video-player.js" defer />
    </>
  );
}

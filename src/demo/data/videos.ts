/**
 * Demo video stories and the demo live stream. Sources are example addresses (nothing is
 * fetched at seed or test time); point them at real files to see the players play.
 */
export interface DemoVideo {
  /** Slug of the demo story the video belongs to. */
  article: string;
  sourceUrl: string;
  durationSeconds: number;
  quality: 'SD' | 'HD' | 'FHD' | 'UHD';
  captionsUrl?: string;
  captionsLanguage?: string;
}

export interface DemoLiveStream {
  slug: string;
  title: string;
  hlsUrl: string;
  description: string;
  /** Key of an image under src/demo/images, used as the poster. */
  poster: string;
}

export const demoVideos: DemoVideo[] = [
  {
    article: 'video-night-trains-return-to-europe',
    sourceUrl: 'https://media.example.com/demo/night-trains/master.m3u8',
    durationSeconds: 11 * 60 + 4,
    quality: 'FHD',
    captionsUrl: 'https://media.example.com/demo/night-trains/captions.en.vtt',
    captionsLanguage: 'en',
  },
  {
    article: 'video-volunteers-keep-concert-hall-alive',
    sourceUrl: 'https://media.example.com/demo/whinmoor-hall/report-720p.mp4',
    durationSeconds: 9 * 60 + 12,
    quality: 'HD',
  },
  {
    // Longer than 15 minutes: a TV special in the Roku feed, so it carries captions.
    article: 'kiptanui-breaks-vltava-marathon-record',
    sourceUrl: 'https://media.example.com/demo/vltava-marathon/highlights.m3u8',
    durationSeconds: 18 * 60 + 30,
    quality: 'HD',
    captionsUrl: 'https://media.example.com/demo/vltava-marathon/captions.en.vtt',
    captionsLanguage: 'en',
  },
];

export const demoLiveStreams: DemoLiveStream[] = [
  {
    slug: 'masthead-live',
    title: 'Masthead Live: the newsroom channel',
    hlsUrl: 'https://media.example.com/demo/live/channel.m3u8',
    description:
      'Around-the-clock headlines, interviews from our correspondents and live coverage of the day’s main events.',
    poster: 'newsroom-studio',
  },
];

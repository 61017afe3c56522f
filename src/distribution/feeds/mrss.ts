import { htmlField } from './field-text.js';
import { el, xmlDocument } from './mrss-xml.js';
import type { Catalogue } from './video-catalogue.js';

/**
 * A Media RSS feed (RSS 2.0 + the media: namespace, rssboard.org/media-rss) of the video
 * stories, for video platforms and apps that ingest MRSS.
 */
export const MRSS_NS = 'http://search.yahoo.com/mrss/';
const TYPES = { hls: 'application/vnd.apple.mpegurl', mp4: 'video/mp4' } as const;

export function mrssFeed(cat: Catalogue, selfUrl: string): string {
  const { site } = cat;
  const newest =
    cat.items
      .map((i) => i.updatedAt)
      .sort()
      .at(-1) ?? cat.now.toISOString();
  return xmlDocument(
    el(
      'rss',
      { version: '2.0', 'xmlns:media': MRSS_NS, 'xmlns:atom': 'http://www.w3.org/2005/Atom' },
      el(
        'channel',
        {},
        el('title', {}, `${site.name} — Video`),
        el('link', {}, `${site.url}/`),
        el('description', {}, htmlField(`Video stories from ${site.name}`)),
        el('language', {}, site.language),
        el('lastBuildDate', {}, new Date(newest).toUTCString()),
        el('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
        ...cat.items.map((i) =>
          el(
            'item',
            {},
            el('title', {}, i.headline),
            el('link', {}, i.url),
            el('guid', { isPermaLink: 'false' }, i.feedId),
            el('pubDate', {}, new Date(i.publishedAt).toUTCString()),
            el('description', {}, htmlField(i.dek)),
            i.sectionName ? el('category', {}, i.sectionName) : null,
            el(
              'media:content',
              {
                url: i.video.source_url,
                type: TYPES[i.video.kind],
                medium: 'video',
                duration: i.video.duration_seconds,
                lang: site.language,
              },
              el('media:title', { type: 'plain' }, i.headline),
              el('media:description', { type: 'plain' }, i.dek || i.headline),
              el('media:thumbnail', {
                url: i.thumbnail.url,
                width: i.thumbnail.width,
                height: i.thumbnail.height,
              }),
              i.video.captions_url
                ? el('media:subTitle', {
                    type: 'text/vtt',
                    lang: i.video.captions_language ?? site.language,
                    href: i.video.captions_url,
                  })
                : null,
              i.sectionName ? el('media:category', {}, i.sectionName) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

import { type Catalogue, clip } from './video-catalogue.js';

/**
 * The Roku Search feed (JSON, version "1"): the same video stories as searchable short-form
 * assets. Availability countries default to the United States, where Roku Search runs.
 */
const COUNTRIES = ['us'];

export function rokuSearchFeed(cat: Catalogue): string {
  const language = cat.site.language.toLowerCase();
  return JSON.stringify({
    version: '1',
    defaultLanguage: language,
    defaultAvailabilityCountries: COUNTRIES,
    assets: cat.items.map((i) => {
      const long = clip(i.dek, 500);
      return {
        id: i.feedId,
        type: 'shortForm',
        titles: [{ value: clip(i.headline, 200), languages: [language] }],
        shortDescriptions: [{ value: clip(i.dek || i.headline, 200), languages: [language] }],
        ...(long ? { longDescriptions: [{ value: long, languages: [language] }] } : {}),
        releaseDate: i.publishedAt.slice(0, 10),
        genres: ['news'],
        ...(i.tags.length ? { tags: i.tags } : {}),
        images: [{ type: 'main', url: i.thumbnail.url, languages: [language] }],
        durationInSeconds: i.video.duration_seconds,
        content: {
          playOptions: [{ license: 'free', quality: i.video.quality.toLowerCase(), playId: i.feedId }],
        },
      };
    }),
  });
}

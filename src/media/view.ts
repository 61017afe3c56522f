import type { MediaRow } from '../db/index.js';
import { widthsFor } from './renditions.js';

/** What a page needs to show an image: URLs of the renditions and the intrinsic size. */
export interface ImageView {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
}

export function mediaUrl(id: number, width: number, format: 'webp' | 'jpg'): string {
  return `/media/${id}/${width}.${format}`;
}

/**
 * `sizes` says how wide the image is drawn, so the browser picks the smallest file that is
 * sharp enough; the default fits the article column.
 */
export function imageView(
  media: MediaRow,
  sizes = '(min-width: 760px) 720px, 100vw',
  alt?: string,
): ImageView {
  const widths = widthsFor(media);
  const fallback = widths.find((w) => w >= 960) ?? widths[widths.length - 1] ?? 960;
  return {
    src: mediaUrl(media.id, fallback, 'jpg'),
    srcset: widths.map((w) => `${mediaUrl(media.id, w, 'webp')} ${w}w`).join(', '),
    sizes,
    width: media.width,
    height: media.height,
    alt: alt ?? media.alt,
  };
}

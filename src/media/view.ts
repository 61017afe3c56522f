import type { MediaRow } from '../db/index.js';
import { type RenditionFormat, widthsFor } from './renditions.js';

/** A `<source>` of a `<picture>`: one modern format at every width. */
export interface ImageSource {
  type: 'image/avif' | 'image/webp';
  srcset: string;
}

/**
 * What a page needs to show an image: `<picture>` sources (AVIF, WebP), the JPEG fallback with
 * its own srcset, the intrinsic size, and the focal point as a CSS `object-position`.
 */
export interface ImageView {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
  sources: ImageSource[];
  /** "50% 30%": where crops (object-fit: cover) centre; the focal point set in the library. */
  position: string;
}

export function mediaUrl(id: number, width: number, format: RenditionFormat): string {
  return `/media/${id}/${width}.${format}`;
}

type Viewable = Pick<MediaRow, 'id' | 'width' | 'height' | 'alt'> &
  Partial<Pick<MediaRow, 'focal_x' | 'focal_y'>>;

/** A fraction 0..1 as a CSS percentage; anything else (old rows, bad data) is the centre. */
function percent(v: number | undefined): string {
  const f = typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0.5;
  return `${Math.round(f * 1000) / 10}%`;
}

/**
 * `sizes` says how wide the image is drawn, so the browser picks the smallest file that is
 * sharp enough; the default fits the article column.
 */
export function imageView(
  media: Viewable,
  sizes = '(min-width: 760px) 720px, 100vw',
  alt?: string,
): ImageView {
  const widths = widthsFor(media);
  const fallback = widths.find((w) => w >= 960) ?? widths[widths.length - 1] ?? 960;
  const srcset = (format: RenditionFormat) =>
    widths.map((w) => `${mediaUrl(media.id, w, format)} ${w}w`).join(', ');
  return {
    src: mediaUrl(media.id, fallback, 'jpg'),
    srcset: srcset('jpg'),
    sizes,
    width: media.width,
    height: media.height,
    alt: alt ?? media.alt,
    sources: [
      { type: 'image/avif', srcset: srcset('avif') },
      { type: 'image/webp', srcset: srcset('webp') },
    ],
    position: `${percent(media.focal_x)} ${percent(media.focal_y)}`,
  };
}

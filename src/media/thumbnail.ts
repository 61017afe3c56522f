import type { MediaRow } from '../db/index.js';
import { widthsFor } from './renditions.js';
import { mediaUrl } from './view.js';

/** TV apps ask for thumbnails of at least 800×450. */
const MIN_THUMB = { width: 800, height: 450 };

/** The JPEG rendition to use as a TV thumbnail (1280 wide when the original allows), or null. */
export function thumbnailOf(media: MediaRow | null): { path: string; width: number; height: number } | null {
  if (!media) return null;
  const sizes = widthsFor(media).map((w) => {
    const width = Math.min(w, media.width);
    return { w, width, height: Math.round((media.height * width) / media.width) };
  });
  const ok = sizes.filter((s) => s.width >= MIN_THUMB.width && s.height >= MIN_THUMB.height);
  const pick = ok.find((s) => s.w === 1280) ?? ok[0];
  return pick ? { path: mediaUrl(media.id, pick.w, 'jpg'), width: pick.width, height: pick.height } : null;
}

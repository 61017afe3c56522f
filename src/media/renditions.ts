import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaRow } from '../db/index.js';
import { loadSharp } from './sharp.js';

/**
 * Responsive renditions, made on first request and kept on disk. Only these widths exist, so
 * a crawler cannot make us resize an image to every width from 1 to 10,000.
 */
export const RENDITION_WIDTHS = [320, 640, 960, 1280, 1600] as const;
export const RENDITION_FORMATS = ['avif', 'webp', 'jpg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];

// Uploads are checked against the configured limit; this is the backstop for originals that
// arrived some other way (sharp refuses inputs above it: a guard against decompression bombs).
const PIXEL_LIMIT = 250_000_000;

/** Renditions being made now, so simultaneous first requests encode once (AVIF is slow). */
const inFlight = new Map<string, Promise<string>>();

/** Widths worth offering for an image: those narrower than the original, plus the original's. */
export function widthsFor(media: Pick<MediaRow, 'width'>): number[] {
  const below = RENDITION_WIDTHS.filter((w) => w < media.width);
  const top = RENDITION_WIDTHS.find((w) => w >= media.width);
  return top ? [...below, top] : below.length ? below : [RENDITION_WIDTHS[0]];
}

export function renditionPath(mediaDir: string, id: number, width: number, format: RenditionFormat): string {
  return path.join(mediaDir, 'renditions', String(id), `${width}.${format}`);
}

/** Path of the rendition file, creating it when missing (atomically, so readers never see half a file). */
export async function ensureRendition(
  mediaDir: string,
  media: Pick<MediaRow, 'id' | 'file'>,
  width: number,
  format: RenditionFormat,
): Promise<string> {
  const target = renditionPath(mediaDir, media.id, width, format);
  try {
    await fs.access(target);
    return target;
  } catch {
    // fall through and render
  }
  let pending = inFlight.get(target);
  if (!pending) {
    pending = render(path.join(mediaDir, media.file), target, width, format).finally(() =>
      inFlight.delete(target),
    );
    inFlight.set(target, pending);
  }
  return pending;
}

async function render(source: string, target: string, width: number, format: RenditionFormat) {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  // rotate() applies EXIF orientation; sharp writes no metadata unless asked (withMetadata,
  // keepExif), so GPS position, camera serials and the like never reach a published file.
  const sharp = await loadSharp();
  const pipeline = sharp(source, { limitInputPixels: PIXEL_LIMIT })
    .rotate()
    .resize({ width, withoutEnlargement: true });
  const encoded =
    format === 'avif'
      ? pipeline.avif({ quality: 55, effort: 2 })
      : format === 'webp'
        ? pipeline.webp({ quality: 78 })
        : pipeline.jpeg({ quality: 80, mozjpeg: true });
  try {
    await encoded.toFile(tmp);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return target;
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, MediaRow } from '../db/index.js';
import { DomainError } from '../errors.js';
import { loadSharp } from './sharp.js';
import { ACCEPTED_NAMES, type AcceptedType, SNIFF_BYTES, sniffImage } from './sniff.js';

export interface MediaMeta {
  alt?: string;
  caption?: string;
  credit?: string;
  filePhoto?: boolean;
  /** The user uploading it (none for the demo, imports and tests). */
  uploadedBy?: number | null;
}

export interface MediaLimits {
  /** Largest file accepted, in bytes. */
  maxUploadBytes: number;
  /** Largest image accepted, in pixels (width × height): the decompression-bomb guard. */
  maxPixels: number;
}

/** Limits for files the newsroom's own tools add (demo seed, imports): generous, still bounded. */
export const TRUSTED_LIMITS: MediaLimits = { maxUploadBytes: 1024 ** 3, maxPixels: 250_000_000 };

/** A file the library will not take, with the status the API answers and a reason a person can act on. */
export class MediaRefused extends DomainError {
  declare readonly status: 413 | 415 | 422;
  declare readonly code: 'too_large' | 'unsupported_media_type' | 'too_many_pixels' | 'unreadable_image';
  constructor(
    status: 413 | 415 | 422,
    code: 'too_large' | 'unsupported_media_type' | 'too_many_pixels' | 'unreadable_image',
    readonly fileName: string,
    message: string,
  ) {
    super(status, code, message, { field: 'file' });
  }
}

/** A checked image, still in its temporary file, ready to be kept. */
export interface Inspected {
  tmp: string;
  fileName: string;
  type: AcceptedType;
  /** Size as shown: EXIF orientation applied, like every rendition. */
  width: number;
  height: number;
  bytes: number;
}

const mb = (n: number) => `${Number((n / 1024 / 1024).toFixed(1))} MB`;
const mp = (n: number) => `${Number((n / 1_000_000).toFixed(1))} megapixels`;

/** Where uploads wait while they are checked: inside the media directory, so keeping one is a rename. */
export function tmpPath(mediaDir: string): string {
  return path.join(mediaDir, 'tmp', `${randomUUID()}.upload`);
}

/**
 * Checks a file by its content: size, type from the magic bytes (never the name or the declared
 * type), pixel count from the header before anything is decoded, then one small decode so a
 * truncated or corrupt file is refused now rather than on a reader's first page view.
 */
export async function inspectImage(tmp: string, fileName: string, limits: MediaLimits): Promise<Inspected> {
  const { size } = await fs.stat(tmp);
  if (size > limits.maxUploadBytes) {
    throw new MediaRefused(
      413,
      'too_large',
      fileName,
      `${fileName} is larger than the ${mb(limits.maxUploadBytes)} limit`,
    );
  }
  const handle = await fs.open(tmp, 'r');
  const head = new Uint8Array(Math.min(size, SNIFF_BYTES));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const sniffed = await sniffImage(head);
  if (!sniffed.ok) {
    const what =
      sniffed.found === 'SVG' ? 'SVG is not accepted' : `found ${sniffed.found}, which is not accepted`;
    throw new MediaRefused(
      415,
      'unsupported_media_type',
      fileName,
      `${fileName}: ${what} (accepted: ${ACCEPTED_NAMES})`,
    );
  }
  const unreadable = (err: unknown) =>
    new MediaRefused(
      422,
      'unreadable_image',
      fileName,
      `${fileName} looks like ${sniffed.type.name} but cannot be read: ${(err as Error).message}`,
    );
  // The header alone: no pixels are decoded, so a 100,000 × 100,000 claim costs nothing here.
  const sharp = await loadSharp();
  const info = await sharp(tmp, { limitInputPixels: false })
    .metadata()
    .catch((err) => {
      throw unreadable(err);
    });
  const width = info.autoOrient?.width ?? info.width;
  const height = info.autoOrient?.height ?? info.height;
  if (!width || !height) throw unreadable(new Error('no image size in the header'));
  if (width * height > limits.maxPixels) {
    throw new MediaRefused(
      422,
      'too_many_pixels',
      fileName,
      `${fileName} is ${width} × ${height} pixels (${mp(width * height)}); the limit is ${mp(limits.maxPixels)}`,
    );
  }
  await sharp(tmp, { limitInputPixels: limits.maxPixels, failOn: 'error' })
    .resize(64, 64, { fit: 'inside' })
    .raw()
    .toBuffer()
    .catch((err) => {
      throw unreadable(err);
    });
  return { tmp, fileName, type: sniffed.type, width, height, bytes: size };
}

/**
 * Keeps checked images: each original is renamed from its temporary file to
 * originals/YYYY/MM/{random}.{ext} (a rename is atomic: readers never see half a file), then
 * all rows go in with one statement. If that fails, the moved files are removed.
 */
export async function keepImages(
  db: Db,
  mediaDir: string,
  images: Inspected[],
  now: string,
  meta: MediaMeta = {},
): Promise<MediaRow[]> {
  const moved: string[] = [];
  try {
    const rows: Omit<MediaRow, 'id' | 'focal_x' | 'focal_y' | 'public' | 'taken_down_at'>[] = [];
    for (const image of images) {
      const file = path.posix.join(
        'originals',
        now.slice(0, 4),
        now.slice(5, 7),
        `${randomUUID()}.${image.type.ext}`,
      );
      await fs.mkdir(path.join(mediaDir, path.dirname(file)), { recursive: true });
      await fs.rename(image.tmp, path.join(mediaDir, file));
      moved.push(path.join(mediaDir, file));
      rows.push({
        file,
        mime_type: image.type.mime,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        alt: meta.alt ?? '',
        caption: meta.caption ?? '',
        credit: meta.credit ?? '',
        file_photo: meta.filePhoto ? 1 : 0,
        // The name as uploaded, so the library can be searched by it ("IMG_2041.jpg").
        original_name: image.fileName,
        uploaded_by: meta.uploadedBy ?? null,
        created_at: now,
        updated_at: now,
      });
    }
    if (!rows.length) return [];
    // One statement, so all rows or none (and callers may pass a transaction of their own).
    const inserted = await db.insertInto('media').values(rows).returningAll().execute();
    return inserted.sort((a, b) => a.id - b.id);
  } catch (err) {
    await Promise.all(moved.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
}

/** Adds an image file from disk to the library (the demo seed, tests, imports). */
export async function addMediaFile(
  db: Db,
  mediaDir: string,
  source: string,
  now: string,
  meta: MediaMeta = {},
  limits: MediaLimits = TRUSTED_LIMITS,
): Promise<MediaRow> {
  const tmp = tmpPath(mediaDir);
  await fs.mkdir(path.dirname(tmp), { recursive: true });
  await fs.copyFile(source, tmp);
  try {
    const image = await inspectImage(tmp, path.basename(source), limits);
    const [row] = await keepImages(db, mediaDir, [image], now, meta);
    if (!row) throw new Error('the media row was not written');
    return row;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

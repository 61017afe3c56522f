import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Db, MediaRow } from '../db/index.js';
import { nowIso } from '../lib/time.js';

const TYPES: Record<string, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  heif: { mime: 'image/avif', ext: 'avif' },
};

export interface MediaMeta {
  alt?: string;
  caption?: string;
  credit?: string;
  filePhoto?: boolean;
}

/**
 * Store an image file in the library: the type comes from the bytes (sharp's decoder), never
 * from the file name. Originals live under originals/YYYY/MM/ with a random name.
 */
export async function addMediaFile(
  db: Db,
  mediaDir: string,
  source: string,
  meta: MediaMeta = {},
): Promise<MediaRow> {
  const bytes = await fs.readFile(source);
  const info = await sharp(bytes, { limitInputPixels: 80_000_000 }).metadata();
  const type = info.format ? TYPES[info.format] : undefined;
  if (!type || !info.width || !info.height)
    throw new Error(`${path.basename(source)} is not a supported image`);
  const now = nowIso();
  const file = path.posix.join('originals', now.slice(0, 4), now.slice(5, 7), `${randomUUID()}.${type.ext}`);
  await fs.mkdir(path.join(mediaDir, path.dirname(file)), { recursive: true });
  await fs.writeFile(path.join(mediaDir, file), bytes);
  return db
    .insertInto('media')
    .values({
      file,
      mime_type: type.mime,
      width: info.width,
      height: info.height,
      bytes: bytes.length,
      alt: meta.alt ?? '',
      caption: meta.caption ?? '',
      credit: meta.credit ?? '',
      file_photo: meta.filePhoto ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

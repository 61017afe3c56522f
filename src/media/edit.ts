import { announceChange, mediaTag } from '../cache/index.js';
import type { Db, MediaRow } from '../db/index.js';
import { notFound } from '../errors.js';

/** What the newsroom may edit on an image: its words, the focal point, whether it is public. */
export interface MediaPatch {
  alt?: string;
  caption?: string;
  credit?: string;
  filePhoto?: boolean;
  /** Fractions of width and height, 0..1. */
  focalX?: number;
  focalY?: number;
  public?: boolean;
}

/** Edits an image's metadata; only the fields given change. Every page using it is stale after. */
export async function updateMedia(db: Db, id: number, patch: MediaPatch, now: Date): Promise<MediaRow> {
  const m = await db
    .updateTable('media')
    .set({
      ...(patch.alt !== undefined ? { alt: patch.alt } : {}),
      ...(patch.caption !== undefined ? { caption: patch.caption } : {}),
      ...(patch.credit !== undefined ? { credit: patch.credit } : {}),
      ...(patch.filePhoto !== undefined ? { file_photo: patch.filePhoto ? 1 : 0 } : {}),
      ...(patch.focalX !== undefined ? { focal_x: patch.focalX } : {}),
      ...(patch.focalY !== undefined ? { focal_y: patch.focalY } : {}),
      ...(patch.public !== undefined ? { public: patch.public ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!m) throw notFound(`media ${id} not found`);
  // Alt text, captions, credits and the focal point show on every page using the image.
  announceChange(db, [mediaTag(m.id)]);
  return m;
}

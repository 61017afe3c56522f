import { z } from 'zod';
import type { Context } from '../../context.js';
import { containsText, type MediaRow } from '../../db/index.js';
import { DomainError, notFound, unsupportedMediaType } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { multiLine, singleLine } from '../../lib/text.js';
import {
  deleteMedia,
  imageView,
  type MediaUse,
  mediaSearchWords,
  mediaUsage,
  receiveUpload,
  setMediaTakenDown,
  updateMedia,
} from '../../media/index.js';
import { authorize, idParams, type Router } from '../http.js';

function presentMedia(m: MediaRow, usedIn?: MediaUse[]) {
  const view = imageView(m);
  return {
    id: m.id,
    /** The file's name when uploaded ('' for images kept before it was recorded). */
    originalName: m.original_name,
    /** Who uploaded it (a user id), or null when the system added it. */
    uploadedBy: m.uploaded_by,
    /** Taken down: readers never get it, pages render without it. */
    takenDownAt: m.taken_down_at,
    /** The stories (not deleted) showing it, as lead image or in the body; the library's lists and one image carry it. */
    ...(usedIn ? { usedIn } : {}),
    mimeType: m.mime_type,
    width: m.width,
    height: m.height,
    bytes: m.bytes,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
    filePhoto: m.file_photo === 1,
    focalX: m.focal_x,
    focalY: m.focal_y,
    /** Served to anyone even while nothing public uses it (otherwise only then). */
    public: m.public === 1,
    src: view.src,
    srcset: view.srcset,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

const fraction = z.number().min(0).max(1);

/** The media library: uploads (checked by content, see media/library.ts), search, metadata. */
export function mediaRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'POST',
    url: '/media',
    tag: 'media',
    summary:
      'Upload images (multipart/form-data, one or more files): JPEG, PNG, WebP, AVIF or GIF, identified by content. ' +
      'All files are kept or none: any refused file (413 too large, 415 other type, 422 too many pixels or unreadable) refuses the request',
    status: 201,
    multipartFields: z.object({
      alt: singleLine().max(1000).optional(),
      caption: multiLine().max(2000).optional(),
      credit: singleLine().max(300).optional(),
      filePhoto: z.enum(['true', 'false']).optional(),
    }),
    handler: async ({ req, actor }) => {
      authorize(actor, 'media.create');
      if (!req.isMultipart()) {
        throw unsupportedMediaType('send the files as multipart/form-data');
      }
      // A request refused as a whole throws UploadError (a DomainError: 400 or 413).
      const result = await receiveUpload(
        req,
        ctx.db,
        ctx.config.mediaDir,
        ctx.config.media,
        ctx.now().toISOString(),
        actor.id,
      );
      const [first, ...more] = result.refused;
      if (first) {
        // One file's status and code lead; every refused file is named in the details.
        const message = more.length ? `${first.message} (and ${more.length} more refused)` : first.message;
        throw new DomainError(first.status, first.code, message, {
          details: result.refused.map((f) => ({
            field: 'file',
            file: f.fileName,
            code: f.code,
            message: f.message,
          })),
        });
      }
      return { media: result.media.map((m) => presentMedia(m, [])) };
    },
  });
  r.add({
    method: 'GET',
    url: '/media',
    tag: 'media',
    summary:
      'The media library, newest first, each image with the stories using it; `q`: every word must appear in the alt text, caption, credit or original file name',
    query: z.object({
      q: singleLine().trim().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
    }),
    handler: async ({ query }) => {
      let q = ctx.db.selectFrom('media').selectAll();
      // Several words: each must appear somewhere ("harbour night IMG_20" finds the harbour
      // photo whatever field holds each word).
      for (const word of mediaSearchWords(query.q ?? '')) {
        const match = (col: 'alt' | 'caption' | 'credit' | 'original_name') =>
          containsText(ctx.dialect, col, word);
        q = q.where((eb) => eb.or([match('alt'), match('caption'), match('credit'), match('original_name')]));
      }
      const rows = await q
        .$if(query.before !== undefined, (qb) => qb.where('id', '<', query.before as number))
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      const usage = await mediaUsage(
        ctx.db,
        rows.map((m) => m.id),
      );
      return { media: rows.map((m) => presentMedia(m, usage.get(m.id) ?? [])) };
    },
  });
  r.add({
    method: 'GET',
    url: '/media/:id',
    tag: 'media',
    summary: 'One image',
    params: idParams,
    handler: async ({ params }) => {
      const m = await ctx.db.selectFrom('media').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!m) throw notFound(`media ${params.id} not found`);
      return presentMedia(m, (await mediaUsage(ctx.db, [m.id])).get(m.id) ?? []);
    },
  });
  r.add({
    method: 'DELETE',
    url: '/media/:id',
    tag: 'media',
    summary:
      'Delete an image nothing uses (row, original, renditions); 409 when a story, deleted story, portrait or poster uses it — take it down instead',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      authorize(actor, 'media.delete');
      await deleteMedia(ctx.db, ctx.config.mediaDir, params.id);
    },
  });
  r.add({
    method: 'POST',
    url: '/media/:id/take-down',
    tag: 'media',
    summary:
      'Take an image down (`down: true`: readers get 410 for its renditions and every page renders without it) or put it back (`down: false`)',
    params: idParams,
    body: z.object({ down: z.boolean() }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'media.takedown');
      const m = await setMediaTakenDown(ctx.db, params.id, body.down, ctx.now());
      return presentMedia(m, (await mediaUsage(ctx.db, [m.id])).get(m.id) ?? []);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/media/:id',
    tag: 'media',
    summary:
      'Edit alt text, default caption and credit, the file-photo flag, the focal point (fractions of width and height, 0..1), and whether the image is public before anything public uses it',
    params: idParams,
    body: z.object({
      alt: singleLine().trim().max(1000).optional(),
      caption: multiLine().trim().max(2000).optional(),
      credit: singleLine().trim().max(300).optional(),
      filePhoto: z.boolean().optional(),
      focalX: fraction.optional(),
      focalY: fraction.optional(),
      public: z.boolean().optional(),
    }),
    handler: async ({ params, body, actor }) => {
      // Contributors describe the pictures they filed; staff any picture.
      const before = await ctx.db
        .selectFrom('media')
        .select('uploaded_by')
        .where('id', '=', params.id)
        .executeTakeFirst();
      if (!before) throw notFound(`media ${params.id} not found`);
      authorize(actor, 'media.update', { ownerId: before.uploaded_by });
      const m = await updateMedia(ctx.db, params.id, body, ctx.now());
      return presentMedia(m, (await mediaUsage(ctx.db, [m.id])).get(m.id) ?? []);
    },
  });
}

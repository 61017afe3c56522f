import { z } from 'zod';
import type { Context } from '../../context.js';
import type { MediaRow } from '../../db/index.js';
import { nowIso } from '../../lib/time.js';
import { imageView } from '../../media/view.js';
import { ApiError, authorize, idParams, type Router } from '../http.js';

function presentMedia(m: MediaRow) {
  const view = imageView(m);
  return {
    id: m.id,
    mimeType: m.mime_type,
    width: m.width,
    height: m.height,
    bytes: m.bytes,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
    filePhoto: m.file_photo === 1,
    src: view.src,
    srcset: view.srcset,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

/** Media library metadata (uploads come with the media pipeline). */
export function mediaRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/media',
    tag: 'media',
    summary: 'The media library, newest first; `q` searches alt text, captions and credits',
    query: z.object({
      q: z.string().trim().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    }),
    handler: async ({ query }) => {
      const like = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined;
      const rows = await ctx.db
        .selectFrom('media')
        .selectAll()
        .$if(like !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('alt', ctx.dialect.ilike, like as string),
              eb('caption', ctx.dialect.ilike, like as string),
              eb('credit', ctx.dialect.ilike, like as string),
            ]),
          ),
        )
        .$if(query.before !== undefined, (q) => q.where('id', '<', query.before as number))
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return { media: rows.map(presentMedia) };
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
      if (!m) throw new ApiError(404, 'not_found', `media ${params.id} not found`);
      return presentMedia(m);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/media/:id',
    tag: 'media',
    summary: 'Edit alt text, default caption and credit, and the file-photo flag',
    params: idParams,
    body: z.object({
      alt: z.string().trim().max(1000).optional(),
      caption: z.string().trim().max(2000).optional(),
      credit: z.string().trim().max(300).optional(),
      filePhoto: z.boolean().optional(),
    }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'media.update');
      const m = await ctx.db
        .updateTable('media')
        .set({
          ...(body.alt !== undefined ? { alt: body.alt } : {}),
          ...(body.caption !== undefined ? { caption: body.caption } : {}),
          ...(body.credit !== undefined ? { credit: body.credit } : {}),
          ...(body.filePhoto !== undefined ? { file_photo: body.filePhoto ? 1 : 0 } : {}),
          updated_at: nowIso(),
        })
        .where('id', '=', params.id)
        .returningAll()
        .executeTakeFirst();
      if (!m) throw new ApiError(404, 'not_found', `media ${params.id} not found`);
      return presentMedia(m);
    },
  });
}

import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { ensureRendition, RENDITION_FORMATS, RENDITION_WIDTHS, type RenditionFormat } from './renditions.js';

const MIME: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** `/media/{id}/{width}.{avif|webp|jpg}`: renditions are immutable, so browsers and CDNs keep them a year. */
export function mediaRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Params: { id: string; file: string } }>('/media/:id/:file', async (req, reply) => {
    const match = /^(\d{1,5})\.(avif|webp|jpg)$/.exec(req.params.file);
    const id =
      /^\d{1,10}$/.test(req.params.id) && Number(req.params.id) < 2 ** 31
        ? Number(req.params.id)
        : Number.NaN;
    const width = Number(match?.[1]);
    const format = match?.[2] as RenditionFormat | undefined;
    if (
      !format ||
      !RENDITION_FORMATS.includes(format) ||
      !(RENDITION_WIDTHS as readonly number[]).includes(width) ||
      !Number.isSafeInteger(id)
    ) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    const media = await ctx.db
      .selectFrom('media')
      .select(['id', 'file'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!media) return reply.code(404).type('text/plain').send('Not found');
    const file = await ensureRendition(ctx.config.mediaDir, media, width, format);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(MIME[format])
      .send(fs.createReadStream(file));
  });
}

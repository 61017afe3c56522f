import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession } from '../accounts/index.js';
import { cacheAs, mediaTag } from '../cache/index.js';
import type { Context } from '../context.js';
import { checkMediaSignature } from '../content/index.js';
import { ensureRendition, RENDITION_FORMATS, RENDITION_WIDTHS, type RenditionFormat } from './renditions.js';
import { isMediaPublic } from './visibility.js';

const MIME: Record<RenditionFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/** `/media/{id}/{width}.{avif|webp|jpg}`: renditions are immutable, so browsers and CDNs keep them a year. */
/** A preview's signed image address, or a signed-in newsroom member (the admin's library). */
async function privatelyAllowed(ctx: Context, req: FastifyRequest, id: number): Promise<boolean> {
  const sig = (req.query as { sig?: unknown }).sig;
  if (typeof sig === 'string' && (await checkMediaSignature(ctx, id, sig))) return true;
  const token = /(?:^|;\s*)masthead_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) return false;
  let value: string;
  try {
    value = decodeURIComponent(token);
  } catch {
    return false;
  }
  return (await resolveSession(ctx.db, value, ctx.now())) !== null;
}

/** GET /media/{id}/{width}.{format}: the image renditions pages and apps load. */
export function renditionRoutes(app: FastifyInstance, ctx: Context): void {
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
      .select(['id', 'file', 'taken_down_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    // Taken down: gone for readers (410, kept by no cache); the newsroom still sees it.
    if (media?.taken_down_at && !(await privatelyAllowed(ctx, req, id)))
      return reply.code(410).header('cache-control', 'no-store').type('text/plain').send('Gone');
    const open = media ? await isMediaPublic(ctx.db, id, ctx.now().toISOString()) : false;
    // Nothing public uses it: only a preview's signed address or the newsroom may see it, and
    // neither answer may be kept by a shared cache (nor the 404, which a publish turns into 200).
    if (!media || (!open && !(await privatelyAllowed(ctx, req, id))))
      return reply.code(404).header('cache-control', 'no-store').type('text/plain').send('Not found');
    const file = await ensureRendition(ctx.config.mediaDir, media, width, format);
    // Public renditions never change; nginx keeps them (cache/origin.ts) like a CDN does.
    if (open) cacheAs(req, [mediaTag(id)]);
    return reply
      .header('cache-control', open ? 'public, max-age=31536000, immutable' : 'private, no-store')
      .type(MIME[format])
      .send(fs.createReadStream(file));
  });
}

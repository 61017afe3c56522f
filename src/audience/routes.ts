import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { isBot } from './bots.js';

/**
 * The beacon: every story page carries `<img src="/views/{id}.gif">`. The image request reaches
 * the app even when the page itself came from the page cache, nginx or a CDN (it is never
 * cached: `no-store`, and nginx keeps nothing the app does not mark), works without JavaScript,
 * on every alternate address and the .onion (the path is relative). It sets no cookie and the
 * app keeps nothing of it but +1 on the story's count: not the address, not the user agent.
 */

/** A transparent 1×1 GIF (the static export writes it as each story's beacon file). */
export const BEACON_PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function beaconPath(articleId: number): string {
  return `/views/${articleId}.gif`;
}

export function viewRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Params: { file: string } }>('/views/:file', async (req, reply) => {
    const m = /^([1-9]\d{0,11})\.gif$/.exec(req.params.file);
    if (!m) return reply.code(404).header('cache-control', 'no-store').send();
    const prefetch = req.headers['sec-purpose'] ?? req.headers.purpose ?? req.headers['x-moz'];
    if (!prefetch && !isBot(req.headers['user-agent'])) ctx.views.record(Number(m[1]), ctx.now());
    return reply
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex')
      .type('image/gif')
      .send(BEACON_PIXEL);
  });
}

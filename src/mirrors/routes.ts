import type { FastifyInstance } from 'fastify';
import { ADDRESSES, cacheAs } from '../cache/index.js';
import type { Context } from '../context.js';
import { mirrorsDocument } from './addresses.js';

/** GET /mirrors.json: every address of the site, for readers' apps and mirror lists. */
export function mirrorRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/mirrors.json', async (req, reply) => {
    // Not in the page cache (it is small), but nginx keeps it until the addresses change.
    cacheAs(req, [ADDRESSES]);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(JSON.stringify(await mirrorsDocument(ctx.db, ctx.config.site, ctx.addresses.current()), null, 2));
  });
}

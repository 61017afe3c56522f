import type { FastifyInstance } from 'fastify';
import { ADDRESSES, cacheAs, SITE } from '../cache/index.js';
import type { Context } from '../context.js';
import { editionSiteUrl, editionsOf } from '../editions/index.js';
import { mirrorsDocument } from './addresses.js';

/** GET /mirrors.json: every address of the site, for readers' apps and mirror lists. */
export function mirrorRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/mirrors.json', async (req, reply) => {
    // Not in the page cache (it is small), but nginx keeps it until the addresses change.
    cacheAs(req, [ADDRESSES, SITE]);
    const doc = await mirrorsDocument(ctx.db, ctx.config.site, ctx.addresses.current());
    // With several editions (src/editions), where each one's home is, so an app can offer them.
    const editions = await editionsOf(ctx);
    const body =
      editions.length > 1
        ? {
            ...doc,
            editions: editions.map((e) => ({
              code: e.code,
              language: e.language,
              direction: e.direction,
              name: e.name,
              url: `${editionSiteUrl(ctx.config.site.url, e)}${e.isDefault || !e.prefix ? '/' : e.home}`,
              // Its own alternate addresses, each serving it at `/` (src/editions, "Addresses").
              alternates: e.alternates ?? [],
            })),
          }
        : doc;
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(JSON.stringify(body, null, 2));
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Context } from '../../context.js';
import { editionsOf } from '../../editions/index.js';
import { sendDocument } from './conditional.js';
import { mrssFeed } from './mrss.js';
import { rokuFeed } from './roku.js';
import { rokuSearchFeed } from './roku-search.js';
import { type Catalogue, loadCatalogue } from './video-catalogue.js';

/**
 * The TV and video feeds: Roku Direct Publisher, Roku Search, Media RSS. The site's own are the
 * default edition's (every story's while there is one edition); each other edition has its own
 * under /feeds/edition/{code}/, in its language (src/editions).
 */
export function videoFeedRoutes(app: FastifyInstance, ctx: Context): void {
  /** The catalogue of the edition `code` names (none: the site's), or null for no such edition. */
  async function catalogue(code: string | undefined): Promise<Catalogue | null> {
    const editions = await editionsOf(ctx);
    if (code === undefined)
      return loadCatalogue(ctx, editions.length > 1 ? editions.find((e) => e.isDefault) : undefined);
    const edition = editions.find((e) => e.code === code && !e.isDefault);
    return edition ? loadCatalogue(ctx, edition) : null;
  }
  const noSuchFeed = (reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').send('No such feed');

  for (const prefix of ['/feeds', '/feeds/edition/:code']) {
    app.get<{ Params: { code?: string } }>(`${prefix}/roku.json`, async (req, reply) => {
      const cat = await catalogue(req.params.code);
      if (!cat) return noSuchFeed(reply);
      // It carries the current alerts: never kept past the next one's end.
      const ends = cat.alerts.map((a) => Math.floor((Date.parse(a.expiresAt) - cat.now.getTime()) / 1000));
      return sendDocument(req, reply, {
        body: rokuFeed(cat),
        type: 'application/json; charset=utf-8',
        maxAge: Math.max(0, Math.min(300, ...ends)),
      });
    });
    app.get<{ Params: { code?: string } }>(`${prefix}/roku-search.json`, async (req, reply) => {
      const cat = await catalogue(req.params.code);
      if (!cat) return noSuchFeed(reply);
      return sendDocument(req, reply, {
        body: rokuSearchFeed(cat),
        type: 'application/json; charset=utf-8',
        maxAge: 300,
      });
    });
    app.get<{ Params: { code?: string } }>(`${prefix}/video.xml`, async (req, reply) => {
      const cat = await catalogue(req.params.code);
      if (!cat) return noSuchFeed(reply);
      const self =
        req.params.code === undefined ? '/feeds/video.xml' : `/feeds/edition/${req.params.code}/video.xml`;
      return sendDocument(req, reply, {
        body: mrssFeed(cat, `${ctx.config.site.url}${self}`),
        type: 'application/rss+xml; charset=utf-8',
        maxAge: 300,
      });
    });
  }
}

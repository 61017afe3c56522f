import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import { sendDocument } from './conditional.js';
import { mrssFeed } from './mrss.js';
import { rokuFeed } from './roku.js';
import { rokuSearchFeed } from './roku-search.js';
import { loadCatalogue } from './video-catalogue.js';

/** The TV and video feeds: Roku Direct Publisher, Roku Search, Media RSS. */
export function videoFeedRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/feeds/roku.json', async (req, reply) => {
    const cat = await loadCatalogue(ctx);
    // It carries the current alerts: never kept past the next one's end.
    const ends = cat.alerts.map((a) => Math.floor((Date.parse(a.expiresAt) - cat.now.getTime()) / 1000));
    return sendDocument(req, reply, {
      body: rokuFeed(cat),
      type: 'application/json; charset=utf-8',
      maxAge: Math.max(0, Math.min(300, ...ends)),
    });
  });
  app.get('/feeds/roku-search.json', async (req, reply) =>
    sendDocument(req, reply, {
      body: rokuSearchFeed(await loadCatalogue(ctx)),
      type: 'application/json; charset=utf-8',
      maxAge: 300,
    }),
  );
  app.get('/feeds/video.xml', async (req, reply) =>
    sendDocument(req, reply, {
      body: mrssFeed(await loadCatalogue(ctx), `${ctx.config.site.url}/feeds/video.xml`),
      type: 'application/rss+xml; charset=utf-8',
      maxAge: 300,
    }),
  );
}

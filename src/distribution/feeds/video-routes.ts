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
 * under /feeds/edition/{code}/, in its language (src/editions). The static export writes the
 * same bodies (`tvCatalogue`, `tvFeedBody`), so its files are the routes' bytes.
 */
export const TV_FEED_FILES = ['roku.json', 'roku-search.json', 'video.xml'] as const;
export type TvFeedFile = (typeof TV_FEED_FILES)[number];

/** The catalogue of the edition `code` names (none: the site's), or null for no such edition. */
export async function tvCatalogue(ctx: Context, code: string | undefined): Promise<Catalogue | null> {
  const editions = await editionsOf(ctx);
  if (code === undefined)
    return loadCatalogue(ctx, editions.length > 1 ? editions.find((e) => e.isDefault) : undefined);
  const edition = editions.find((e) => e.code === code && !e.isDefault);
  return edition ? loadCatalogue(ctx, edition) : null;
}

/** A TV feed's body from its catalogue (`code`: its edition's, none for the site's). */
export function tvFeedBody(ctx: Context, cat: Catalogue, code: string | undefined, file: TvFeedFile): string {
  switch (file) {
    case 'roku.json':
      return rokuFeed(cat);
    case 'roku-search.json':
      return rokuSearchFeed(cat);
    case 'video.xml': {
      const self = code === undefined ? '/feeds/video.xml' : `/feeds/edition/${code}/video.xml`;
      return mrssFeed(cat, `${ctx.config.site.url}${self}`);
    }
  }
}

export function videoFeedRoutes(app: FastifyInstance, ctx: Context): void {
  const noSuchFeed = (reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').send('No such feed');

  for (const prefix of ['/feeds', '/feeds/edition/:code']) {
    app.get<{ Params: { code?: string } }>(`${prefix}/roku.json`, async (req, reply) => {
      const cat = await tvCatalogue(ctx, req.params.code);
      if (!cat) return noSuchFeed(reply);
      // It carries the current alerts: never kept past the next one's end.
      const ends = cat.alerts.map((a) => Math.floor((Date.parse(a.expiresAt) - cat.now.getTime()) / 1000));
      return sendDocument(req, reply, {
        body: tvFeedBody(ctx, cat, req.params.code, 'roku.json'),
        type: 'application/json; charset=utf-8',
        maxAge: Math.max(0, Math.min(300, ...ends)),
      });
    });
    app.get<{ Params: { code?: string } }>(`${prefix}/roku-search.json`, async (req, reply) => {
      const cat = await tvCatalogue(ctx, req.params.code);
      if (!cat) return noSuchFeed(reply);
      return sendDocument(req, reply, {
        body: tvFeedBody(ctx, cat, req.params.code, 'roku-search.json'),
        type: 'application/json; charset=utf-8',
        maxAge: 300,
      });
    });
    app.get<{ Params: { code?: string } }>(`${prefix}/video.xml`, async (req, reply) => {
      const cat = await tvCatalogue(ctx, req.params.code);
      if (!cat) return noSuchFeed(reply);
      return sendDocument(req, reply, {
        body: tvFeedBody(ctx, cat, req.params.code, 'video.xml'),
        type: 'application/rss+xml; charset=utf-8',
        maxAge: 300,
      });
    });
  }
}

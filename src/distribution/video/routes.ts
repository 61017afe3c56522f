import fs from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../context.js';
import { send } from '../../site/routes.js';
import { sendDocument } from '../feeds/conditional.js';
import { loadCatalogue } from './catalogue.js';
import { livePage } from './live-page.js';
import { mrssFeed } from './mrss.js';
import { PLAYER_SCRIPT } from './player-script.js';
import { rokuFeed } from './roku.js';
import { rokuSearchFeed } from './roku-search.js';

/** A script file, kept in memory with its gzip form (hls.js is ~390 KB, ~120 KB gzipped). */
interface Script {
  body: Buffer;
  gzip: Buffer;
}

const require = createRequire(import.meta.url);
const scripts = new Map<string, Script>();

function script(name: string, load: () => Buffer): Script {
  let s = scripts.get(name);
  if (!s) {
    const body = load();
    s = { body, gzip: gzipSync(body) };
    scripts.set(name, s);
  }
  return s;
}

function sendScript(req: FastifyRequest, reply: FastifyReply, s: Script) {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  reply
    .type('text/javascript; charset=utf-8')
    .header('cache-control', 'public, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? s.gzip : s.body);
}

/** Video routes: the Live page, the player scripts and the TV feeds. */
export function videoRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/live', async (_req, reply) => send(reply, await livePage(ctx)));
  // The light build: no in-manifest subtitles or DRM; captions are plain <track> elements.
  app.get('/assets/hls.js', (req, reply) =>
    sendScript(
      req,
      reply,
      script('hls', () => fs.readFileSync(require.resolve('hls.js/dist/hls.light.min.js'))),
    ),
  );
  app.get('/assets/video-player.js', (req, reply) =>
    sendScript(
      req,
      reply,
      script('player', () => Buffer.from(PLAYER_SCRIPT)),
    ),
  );
  app.get('/feeds/roku.json', async (req, reply) =>
    sendDocument(req, reply, {
      body: rokuFeed(await loadCatalogue(ctx)),
      type: 'application/json; charset=utf-8',
      maxAge: 300,
    }),
  );
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

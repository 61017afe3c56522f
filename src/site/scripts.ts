import fs from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheAs, SITE } from '../cache/index.js';
import { PLAYER_SCRIPT } from './player-script.js';
import { SUGGEST_SCRIPT } from './search-script.js';

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
  // Part of the release: nginx in front keeps it (cache/origin.ts) until the whole site goes.
  cacheAs(req, [SITE]);
  reply
    .type('text/javascript; charset=utf-8')
    .header('cache-control', 'public, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? s.gzip : s.body);
}

/** The scripts reader pages load: the video player, hls.js, and search suggestions. */
export function scriptRoutes(app: FastifyInstance): void {
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
  app.get('/assets/search.js', async (req, reply) => {
    cacheAs(req, [SITE]);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(SUGGEST_SCRIPT);
  });
}

import type { FastifyInstance } from 'fastify';
import { cacheAs, SITE } from '../cache/index.js';
import type { Context } from '../context.js';
import { MAX_ROW_ID } from '../shared/ids.js';
import { LiveHub } from './live-hub.js';
import { LIVE_SCRIPT } from './live-script.js';

/**
 * Live updates for readers: `/live/{storyId}/events` (server-sent events from this node's hub),
 * `/live/{storyId}/entries.json?since=` (the polling fallback, from the same memory) and the
 * script that uses them. Neither goes through the page cache: the hub is the cache.
 */
export function liveRoutes(app: FastifyInstance, ctx: Context): LiveHub {
  const hub = new LiveHub(ctx, {
    maxReaders: ctx.config.live.maxReaders,
    heartbeatMs: ctx.config.live.heartbeatSeconds * 1000,
    log: app.log,
  });
  // Streams never end by themselves: close them before the server waits for its connections.
  app.addHook('preClose', async () => hub.close());
  const sinceOf = (raw: unknown) =>
    typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(raw) ? raw : '';
  // Beyond the ids a row may have, nothing is there (and PostgreSQL would refuse the number).
  const idOf = (raw: string) =>
    /^[1-9]\d{0,15}$/.test(raw) && Number(raw) <= MAX_ROW_ID ? Number(raw) : null;

  app.get<{ Params: { id: string }; Querystring: { since?: unknown } }>(
    '/live/:id/events',
    async (req, reply) => {
      const id = idOf(req.params.id);
      if (id === null) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      // A reconnecting EventSource says where it was; else the page's own mark.
      const since = sinceOf(req.headers['last-event-id']) || sinceOf(req.query.since);
      reply.hijack();
      await hub.connect(id, since, reply.raw);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { since?: unknown } }>(
    '/live/:id/entries.json',
    async (req, reply) => {
      const id = idOf(req.params.id);
      const payload = id === null ? null : await hub.poll(id, sinceOf(req.query.since));
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      if (!payload)
        return reply.code(404).send({ error: { code: 'not_found', message: 'not a live story' } });
      return reply.send(payload);
    },
  );

  app.get('/assets/live.js', async (req, reply) => {
    cacheAs(req, [SITE]);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(LIVE_SCRIPT);
  });
  return hub;
}

import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { mirrorsDocument } from './addresses.js';
import { hostPolicy } from './hosts.js';

/**
 * Registered before every other route: the host policy (421 for hosts we do not serve), the
 * Onion-Location header, and /mirrors.json.
 */
export function mirrorRoutes(app: FastifyInstance, ctx: Context): void {
  const policy = hostPolicy(ctx.config);
  app.addHook('onRequest', async (req, reply) => {
    const forwarded = req.headers['x-forwarded-host'];
    const ok = policy.check({
      host: req.headers.host,
      forwardedHost: Array.isArray(forwarded) ? forwarded[0] : forwarded,
      peer: req.socket.remoteAddress,
    });
    // 421 Misdirected Request, with nothing in it: no page, no echo of what was asked for.
    if (!ok) return reply.code(421).header('cache-control', 'no-store').send('');
  });

  const onion = ctx.config.site.onion;
  if (onion) {
    app.addHook('onSend', async (req, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      // Tor Browser offers the onion address of the same page. Only well-formed paths are
      // copied; anything else gets the onion home page.
      if (reply.statusCode < 400 && type.startsWith('text/html')) {
        const path = /^\/[\x21-\x7e]*$/.test(req.url) ? req.url : '/';
        reply.header('onion-location', `${onion}${path}`);
      }
      return payload;
    });
  }

  app.get('/mirrors.json', async (_req, reply) =>
    reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(JSON.stringify(await mirrorsDocument(ctx.db, ctx.config.site), null, 2)),
  );
}

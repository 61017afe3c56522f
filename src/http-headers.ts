import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries, whichever route made it (pages set their own CSP): `nosniff`, so
 * no browser runs an image, a feed or JSON as script; and HSTS when the answer went over HTTPS
 * (`HSTS_MAX_AGE`, 0 to leave it to the proxy). Answers kept by the page cache keep both.
 */
export function securityHeaders(app: FastifyInstance, opts: { siteUrl: string; hstsMaxAge: number }): void {
  const httpsSite = opts.siteUrl.startsWith('https:');
  const hsts = `max-age=${opts.hstsMaxAge}`;
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Browsers ignore HSTS over plain HTTP, so an onion or LAN address served over http is safe.
    if (opts.hstsMaxAge > 0 && (httpsSite || req.protocol === 'https')) {
      reply.header('strict-transport-security', hsts);
    }
    return payload;
  });
}

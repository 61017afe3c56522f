import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { AddressBook } from '../mirrors/index.js';
import { hostPolicy } from './hosts.js';

/**
 * What the host policy says about a raw request, for the page cache's fast path too (which
 * answers before Fastify routes): may this host be served, and the Onion-Location of a page.
 */
export interface HostGate {
  allows(req: IncomingMessage): boolean;
  /** The Onion-Location header for an HTML page at this URL, or null when there is no onion. */
  onionLocation(url: string): string | null;
}

export function hostGate(config: Config, addresses: Pick<AddressBook, 'current'>): HostGate {
  const policy = hostPolicy(config, addresses);
  return {
    allows(req) {
      const forwarded = req.headers['x-forwarded-host'];
      return policy.check({
        host: req.headers.host,
        forwardedHost: Array.isArray(forwarded) ? forwarded[0] : forwarded,
        peer: req.socket.remoteAddress,
      });
    },
    // Tor Browser offers the onion address of the same page. Only well-formed paths are
    // copied; anything else gets the onion home page.
    onionLocation: (url) => {
      const onion = addresses.current().onion;
      return onion ? `${onion}${/^\/[\x21-\x7e]*$/.test(url) ? url : '/'}` : null;
    },
  };
}

/**
 * Registered before every other route: the host policy (421 for hosts we do not serve) and the
 * Onion-Location header.
 */
export function hostGateHooks(app: FastifyInstance, gate: HostGate): void {
  app.addHook('onRequest', async (req, reply) => {
    // 421 Misdirected Request, with nothing in it: no page, no echo of what was asked for.
    if (!gate.allows(req.raw)) return reply.code(421).header('cache-control', 'no-store').send('');
  });

  // Registered whether or not an onion address is set today: the newsroom may add one at any time.
  app.addHook('onSend', async (req, reply, payload) => {
    const onion = gate.onionLocation(req.url);
    if (
      onion &&
      reply.statusCode < 400 &&
      String(reply.getHeader('content-type') ?? '').startsWith('text/html')
    )
      reply.header('onion-location', onion);
    return payload;
  });
}

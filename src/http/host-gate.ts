import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { HostScopes, RequestScope } from '../cache/index.js';
import type { Config } from '../config.js';
import type { AddressBook } from '../mirrors/index.js';
import { hostPolicy } from './hosts.js';

/**
 * What the host policy says about a raw request, for the page cache's fast path too (which
 * answers before Fastify routes): may this host be served, and the Onion-Location of a page.
 */
export interface HostGate {
  /** Without waiting: a host of the site, or of an edition known now. */
  allows(req: IncomingMessage): boolean;
  /** The same, reading the editions first when they are not known now. */
  admits(req: IncomingMessage): Promise<boolean>;
  /** Which copies the request's host is served (the page cache's key, cache/http.ts). */
  keyScope: RequestScope;
  /** The Onion-Location header for an HTML page at this URL, or null when there is no onion. */
  onionLocation(url: string): string | null;
}

/**
 * `editions`: the hosts of editions on addresses of their own (src/editions/hosts.ts), served
 * as soon as the edition is created, on every node, without being listed among the site's
 * alternate addresses.
 */
export function hostGate(
  config: Config,
  addresses: Pick<AddressBook, 'current'>,
  editions?: HostScopes,
): HostGate {
  const policy = hostPolicy(config, addresses);
  const seen = (req: IncomingMessage) => {
    const forwarded = req.headers['x-forwarded-host'];
    return {
      host: req.headers.host,
      forwardedHost: Array.isArray(forwarded) ? forwarded[0] : forwarded,
      peer: req.socket.remoteAddress,
    };
  };
  const hostOf = (req: IncomingMessage) => policy.hostOf(seen(req));
  return {
    allows(req) {
      return policy.check(seen(req)) || (editions?.now(hostOf(req)) ?? '') !== '';
    },
    async admits(req) {
      return policy.check(seen(req)) || (editions !== undefined && (await editions.of(hostOf(req))) !== '');
    },
    keyScope: editions
      ? {
          now: (req) => editions.now(hostOf(req)),
          of: (req) => editions.of(hostOf(req)),
          last: (req) => editions.last(hostOf(req)),
        }
      : { now: () => '', of: async () => '', last: () => '' },
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
    if (!gate.allows(req.raw) && !(await gate.admits(req.raw)))
      return reply.code(421).header('cache-control', 'no-store').send('');
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

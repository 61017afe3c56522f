import { BlockList, isIP } from 'node:net';

/**
 * Which peers may speak for the client: the proxies and load balancers in `TRUSTED_PROXIES`
 * (already validated by config.ts). Only their `X-Forwarded-For`, `-Proto` and `-Host` are
 * believed; from anyone else those are just headers a client typed. One list, used by Fastify's
 * `trustProxy` (so `req.ip` and `req.protocol` are the reader's, for throttles, rate limits and
 * `Secure` cookies) and by the host gate, which reads raw requests before Fastify routes them.
 */
export interface TrustedProxies {
  /** True when any proxy is configured. */
  readonly any: boolean;
  /** Is this address (a socket peer or a hop in X-Forwarded-For) one of the proxies? */
  trusts(address: string | undefined): boolean;
}

export function trustedProxies(list: readonly string[]): TrustedProxies {
  const blocks = new BlockList();
  for (const p of list) {
    const [ip = '', bits] = p.split('/');
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) blocks.addAddress(ip, type);
    else blocks.addSubnet(ip, Number(bits), type);
  }
  return {
    any: list.length > 0,
    trusts(address) {
      if (!list.length || !address) return false;
      // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d.
      const ip = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
      const family = isIP(ip);
      return family !== 0 && blocks.check(ip, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

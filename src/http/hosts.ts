import type { Config } from '../config.js';
import { hostName } from '../lib/address-rules.js';
import type { AddressBook, SiteAddresses } from '../mirrors/index.js';
import { trustedProxies } from './trusted-proxies.js';

/**
 * Which `Host` values the site answers. Pages never echo the host (links are root-relative,
 * absolute URLs come from configuration), so the policy is not what keeps pages clean; it keeps
 * caches and logs free of hosts nobody configured, and makes a misrouted domain fail loudly.
 *
 * Allowed: the host names of SITE_URL and every alternate address in effect, at any port (a port
 * number in the header cannot change what we send), and loopback names (`localhost`,
 * `127.0.0.1`, `[::1]`) which only a client on this machine or its own proxy can send: health
 * checks, `curl` on the box, and `app.inject` in tests. The addresses are read from the address
 * book per request, so one the newsroom adds is served, and one it removes refused, at once.
 */
export interface HostPolicy {
  /** The effective host of a request, or null when it is not one we serve. */
  check(req: {
    host: string | undefined;
    forwardedHost: string | undefined;
    peer: string | undefined;
  }): boolean;
  /** The host name the reader used (a trusted proxy's X-Forwarded-Host, else Host), or null. */
  hostOf(req: {
    host: string | undefined;
    forwardedHost: string | undefined;
    peer: string | undefined;
  }): string | null;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

export function allowedHostNames(primary: string, alternates: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const url of [primary, ...alternates]) {
    const name = hostName(new URL(url).host);
    if (name) names.add(name);
  }
  return names;
}

export function hostPolicy(
  config: Pick<Config, 'site' | 'trustedProxies'>,
  addresses: Pick<AddressBook, 'current'>,
): HostPolicy {
  // The set of names is made again only when the book hands out a new object (after a change).
  let seen: SiteAddresses | null = null;
  let allowed = new Set<string>();
  const names = () => {
    const now = addresses.current();
    if (now !== seen) {
      allowed = allowedHostNames(config.site.url, now.alternates);
      seen = now;
    }
    return allowed;
  };
  const proxies = trustedProxies(config.trustedProxies);
  const ok = (header: string | undefined) => {
    const name = header === undefined ? null : hostName(header);
    return name !== null && (names().has(name) || LOOPBACK_NAMES.has(name));
  };
  const effective = (req: {
    host: string | undefined;
    forwardedHost: string | undefined;
    peer: string | undefined;
  }) => {
    const header =
      req.forwardedHost !== undefined && proxies.trusts(req.peer)
        ? req.forwardedHost.split(',')[0]
        : req.host;
    return header === undefined ? null : hostName(header);
  };
  return {
    hostOf: effective,
    check({ host, forwardedHost, peer }) {
      // A proxy we trust tells us which address the reader used; the Host it sends us is its
      // own upstream name and says nothing about the reader. Anyone else's X-Forwarded-Host
      // is ignored: it is just a header a client typed.
      if (forwardedHost !== undefined && proxies.trusts(peer)) {
        // With a chain of proxies the first value is the reader's.
        return ok(forwardedHost.split(',')[0]);
      }
      return ok(host);
    },
  };
}

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { inRange, ipBytes, isNonPublicAddress, range } from './address-classes.js';

/**
 * The outbound guard: every request the server makes on its own (webhook deliveries, mirror
 * health checks, CDN purges, anything later) goes through `outboundRequest`, so an admin, a
 * stolen admin session or a hostile /mirrors.json cannot aim the server at the database, the
 * cloud metadata service or anything else on the private network, nor use it as a port scanner.
 * Non-public addresses are refused unless the operator allows them (OUTBOUND_ALLOWED_HOSTS;
 * WEBHOOK_ALLOWED_HOSTS is the older name). The check runs on the addresses DNS returns at that
 * moment, the connection goes to the address that was checked (a custom `lookup`, so DNS
 * rebinding cannot slip past it), and every redirect hop is a new request checked the same way.
 */
export interface OutboundPolicy {
  allowPrivate: boolean;
  /** Host names, IP addresses or CIDR ranges allowed even when not public. */
  allowedHosts: string[];
}

export class BlockedTargetError extends Error {
  readonly code = 'EBLOCKED';
}

function allowListed(policy: OutboundPolicy, hostname: string, address: string): boolean {
  const bytes = ipBytes(address);
  return policy.allowedHosts.some((entry) => {
    if (entry === hostname.toLowerCase() || entry === address.toLowerCase()) return true;
    if (!entry.includes('/') || !bytes) return false;
    try {
      return inRange(bytes, range(entry));
    } catch {
      return false;
    }
  });
}

/** Throws BlockedTargetError when `address` (resolved from `hostname`) may not be contacted. */
export function checkAddress(policy: OutboundPolicy, hostname: string, address: string): void {
  if (policy.allowPrivate || !isNonPublicAddress(address) || allowListed(policy, hostname, address)) return;
  const what = hostname === address ? address : `${hostname} resolves to ${address}, which`;
  throw new BlockedTargetError(
    `${what} is a private, loopback or reserved address (allow it with OUTBOUND_ALLOWED_HOSTS)`,
  );
}

/** URL host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Resolve a target and check every address it has (at subscription time). */
export async function checkTarget(policy: OutboundPolicy, url: URL): Promise<void> {
  const host = hostOf(url);
  if (isIP(host)) return checkAddress(policy, host, host);
  let addresses: { address: string }[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    throw new BlockedTargetError(`${host} does not resolve`);
  }
  if (!addresses.length) throw new BlockedTargetError(`${host} does not resolve`);
  for (const a of addresses) checkAddress(policy, host, a.address);
}

/**
 * A `lookup` for http.request: resolves, refuses the whole host if any address is not allowed,
 * and hands the socket only checked addresses.
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      try {
        if (!addresses.length) throw new BlockedTargetError(`${hostname} does not resolve`);
        for (const a of addresses) checkAddress(policy, hostname, a.address);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 4);
      }
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = addresses.filter((a) => !wanted || a.family === wanted);
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      const first = usable[0];
      if (!first) return callback(new BlockedTargetError(`${hostname} has no usable address`), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

export interface OutboundOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange, redirects included. */
  timeoutMs: number;
  /** Redirects followed (0: a 3xx is the answer). Each hop is checked like the first request. */
  maxRedirects?: number;
  /** Read at most this much of the answer, then drop the connection. */
  maxBytes?: number;
  userAgent?: string;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, cut at `maxBytes`. */
  body: string;
  /** The address that answered (after redirects). */
  url: string;
  ms: number;
}

export class OutboundTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One request through the guard. Rejects with BlockedTargetError when any hop is not allowed,
 * OutboundTimeoutError after `timeoutMs`, or the socket's error (ECONNREFUSED …).
 */
export async function outboundRequest(
  policy: OutboundPolicy,
  target: string,
  opts: OutboundOptions,
): Promise<OutboundResponse> {
  const started = performance.now();
  const deadline = started + opts.timeoutMs;
  let url = new URL(target);
  let method = opts.method ?? 'GET';
  let body = opts.body;
  for (let hop = 0; ; hop++) {
    const res = await once(policy, url, { ...opts, method, body }, deadline - performance.now());
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location || hop >= (opts.maxRedirects ?? 0)) {
      return { ...res, url: url.href, ms: Math.round(performance.now() - started) };
    }
    url = new URL(location, url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
}

function once(
  policy: OutboundPolicy,
  url: URL,
  opts: OutboundOptions,
  timeoutMs: number,
): Promise<Omit<OutboundResponse, 'url' | 'ms'>> {
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new BlockedTargetError(`only http(s) addresses (${url.protocol} refused)`));
      return;
    }
    try {
      // Literal IP hosts skip DNS (and so the lookup hook): check them here.
      const host = hostOf(url);
      if (isIP(host)) checkAddress(policy, host, host);
    } catch (err) {
      reject(err);
      return;
    }
    if (timeoutMs <= 0) {
      reject(new OutboundTimeoutError(`timed out after ${opts.timeoutMs} ms`));
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: opts.method ?? 'GET',
      headers: {
        'user-agent': opts.userAgent ?? 'Masthead/1',
        ...(opts.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(opts.body)) }),
        ...opts.headers,
      },
      lookup: guardedLookup(policy),
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy(new OutboundTimeoutError(`timed out after ${opts.timeoutMs} ms`));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let read = 0;
      let settled = false;
      const max = opts.maxBytes ?? 1024 * 1024;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      };
      res.on('data', (chunk: Buffer) => {
        if (read < max) chunks.push(chunk.subarray(0, max - read));
        read += chunk.length;
        if (read >= max) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', (err) => {
        if (settled) return;
        settled = true;
        fail(err);
      });
    });
    req.end(opts.body);
  });
}

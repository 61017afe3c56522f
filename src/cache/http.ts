import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
} from 'fastify';
import { type Banner, type BannerSnapshot, fillBanner, fillBannerBytes } from './banner.js';
import { type Compression, type Entry, isCompressible, type PageCache } from './page-cache.js';
import { writeHit } from './raw-head.js';

/**
 * The page cache in front of public routes. A route opts in with `config: { pageCache: true }`
 * and names what its response shows with `cacheAs(req, tags)`; everything else (lookup,
 * request coalescing, compression, ETag/304, CDN headers) happens here, so routes stay thin.
 */
export interface HttpCachePolicy {
  /** `s-maxage`: how long a CDN may keep a page without asking (purges end it sooner). */
  sMaxAge: number;
  /** `stale-while-revalidate`: how long a CDN may serve an old copy while it fetches a new one. */
  staleWhileRevalidate: number;
}

/** Per-request additions that do not belong in the stored copy (Onion-Location). */
export interface HostHeaders {
  onionLocation(url: string): string | null;
  /** Which copies a request's host is served (none: the site's, scope ''). */
  keyScope?: RequestScope;
}

/**
 * Which copy of a path a host is served: '' for the site's (the primary and its alternates
 * share one, links being root-relative), or a prefix such as `@es` for an edition on a host of
 * its own, whose `/` is its own home (src/editions/hosts.ts). Prefixed to the cache key, so the
 * site's keys stay as they were.
 */
export interface HostScopes {
  /** Without waiting, if the answer is current; undefined when it must be read first. */
  now(host: string | null): string | undefined;
  of(host: string | null): Promise<string>;
  /** The answer from the list last read, however old (a copy shown while the database is away). */
  last(host: string | null): string;
}

/** HostScopes for a request, its host as the host gate reads it (a trusted proxy's X-Forwarded-Host). */
export interface RequestScope {
  now(req: IncomingMessage): string | undefined;
  of(req: IncomingMessage): Promise<string>;
  last(req: IncomingMessage): string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Serve and store this route's GET responses through the page cache. */
    pageCache?: boolean;
  }
}

interface Validators {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

const tagsOf = new WeakMap<FastifyRequest, readonly string[]>();
const pending = new WeakMap<
  FastifyRequest,
  { key: string; epoch: number; release: () => void; validators: Validators; nginx: boolean }
>();

/** Declares that this response may be cached and what it shows. */
export function cacheAs(req: FastifyRequest, tags: Iterable<string>): void {
  tagsOf.set(req, [...new Set(tags)]);
}

/** What a response declared it shows (`cacheAs`), if it did. */
export function tagsFor(req: FastifyRequest): readonly string[] | undefined {
  return tagsOf.get(req);
}

/**
 * Requests that must be rendered rather than answered from memory: nginx filling its own cache
 * (cache/origin.ts) needs the answer to pass through Fastify's hooks, which a hit skips.
 */
export type MustRender = (req: IncomingMessage) => boolean;

// Response headers that belong to the content and are stored with it. Host-specific headers
// (Onion-Location) are added on every answer instead.
const KEPT = [
  'content-type',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'last-modified',
  'access-control-allow-origin',
  'x-robots-tag',
  'strict-transport-security',
];

/**
 * The cache key: the path as sent plus the only query parameter public pages read (`page`).
 * Tracking parameters (`?utm_source=…`) share the page's entry instead of filling the cache.
 */
export function cacheKey(url: string): string | null {
  if (url.length > 2000) return null;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  // An old WordPress address (`/?p=ID`, `/?page_id=ID`) is a redirect, never the home page.
  if (params.has('p') || params.has('page_id')) return null;
  const page = params.getAll('page');
  const path = url.slice(0, q);
  return page.length === 0 ? path : `${path}?${page.map((p) => `page=${encodeURIComponent(p)}`).join('&')}`;
}

export type Encoding = 'br' | 'gzip' | null;

const ACCEPTS = {
  br: /(?:^|,)\s*br\s*(?:;\s*q=([0-9.]+))?\s*(?:,|$)/i,
  gzip: /(?:^|,)\s*gzip\s*(?:;\s*q=([0-9.]+))?\s*(?:,|$)/i,
};
// Browsers send a handful of distinct Accept-Encoding values; parse each once.
const parsedAccept = new Map<string, { br: boolean; gzip: boolean }>();

function acceptedEncodings(header: string): { br: boolean; gzip: boolean } {
  let parsed = parsedAccept.get(header);
  if (!parsed) {
    const accepts = (re: RegExp) => {
      const m = re.exec(header);
      return m !== null && (m[1] === undefined || Number(m[1]) > 0);
    };
    parsed = { br: accepts(ACCEPTS.br), gzip: accepts(ACCEPTS.gzip) };
    if (parsedAccept.size > 256) parsedAccept.clear();
    parsedAccept.set(header, parsed);
  }
  return parsed;
}

/**
 * The bytes to send for this Accept-Encoding, and their encoding. The copy must have been made
 * (`missingCopy`, `PageCache.variant`); a missing one would be sent uncompressed.
 */
function variantOf(header: string | undefined, entry: Entry): { enc: Encoding; body: Buffer } {
  const enc = pickEncoding(header, entry);
  const body = enc === 'br' ? entry.br : enc === 'gzip' ? entry.gzip : null;
  return body ? { enc, body } : { enc: null, body: entry.body };
}

/** The best encoding the client accepts for a body worth compressing (q=0 means "not this one"). */
export function pickEncoding(header: string | undefined, entry: Pick<Entry, 'compressible'>): Encoding {
  if (!header || !entry.compressible) return null;
  const accepted = acceptedEncodings(header);
  if (accepted.br) return 'br';
  if (accepted.gzip) return 'gzip';
  return null;
}

/**
 * The compressed copy this request is to get from the entry and that is not made yet, if any
 * (none for a 304: a revalidation sends no body).
 */
function missingCopy(req: IncomingMessage, entry: Entry): Compression | null {
  const enc = pickEncoding(req.headers['accept-encoding'], entry);
  if (!enc || entry[enc]) return null;
  const conditional =
    req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  return conditional && notModified(validatorsOf(req), entry) ? null : enc;
}

function validatorsOf(req: { headers: IncomingMessage['headers'] }): Validators {
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  return {
    ...(typeof inm === 'string' ? { ifNoneMatch: inm } : {}),
    ...(typeof ims === 'string' ? { ifModifiedSince: ims } : {}),
  };
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; else If-Modified-Since (whole seconds). */
function notModified(v: Validators, entry: Entry): boolean {
  if (v.ifNoneMatch !== undefined) return etagMatches(v.ifNoneMatch, entry.etag);
  const lastModified = entry.headers['last-modified'];
  if (v.ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(v.ifModifiedSince);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function cacheControl(policy: HttpCachePolicy): string {
  return `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=86400`;
}

const wireHeaders = new WeakMap<Entry, OutgoingHttpHeaders>();

/**
 * The headers every answer from this entry carries, built once per entry. Fastly and Varnish
 * read Surrogate-Key (space-separated); Cloudflare reads Cache-Tag (commas).
 */
function baseHeaders(entry: Entry, policy: HttpCachePolicy): OutgoingHttpHeaders {
  let h = wireHeaders.get(entry);
  if (!h) {
    h = {
      ...entry.headers,
      'cache-control': cacheControl(policy),
      'surrogate-key': entry.tags.join(' '),
      'cache-tag': entry.tags.join(','),
      etag: entry.etag,
      vary: 'accept-encoding',
    };
    wireHeaders.set(entry, h);
  }
  return h;
}

/**
 * Answers from a stored entry straight onto the socket: 304 when the client has it, else the
 * best-compressed bytes. The fast path and the Fastify hook both answer hits this way; only the
 * fast path (`onSocket`: Node's own response on a real socket, never an injected one) may skip
 * `writeHead`.
 */
function writeEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: Entry,
  policy: HttpCachePolicy,
  host: HostHeaders | undefined,
  onSocket = false,
): void {
  const html = entry.headers['content-type']?.startsWith('text/html') === true;
  const onion = host && html ? host.onionLocation(req.url ?? '/') : null;
  const conditional =
    req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  if (conditional && notModified(validatorsOf(req), entry)) {
    const headers: OutgoingHttpHeaders = { ...baseHeaders(entry, policy), 'x-cache': 'HIT' };
    if (onion) headers['onion-location'] = onion;
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const { enc, body } = variantOf(req.headers['accept-encoding'], entry);
  if (
    onSocket &&
    req.method === 'GET' &&
    writeHit(res, entry, enc, body, onion, () => hitHeaders(entry, policy, enc, body.length))
  )
    return;
  const headers = hitHeaders(entry, policy, enc, body.length);
  res.writeHead(entry.status, onion ? [...headers, 'onion-location', onion] : headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const hitWire = new WeakMap<Entry, Map<Encoding, string[]>>();

/** A hit's full header list for one encoding, as a flat [name, value, …] array, built once. */
function hitHeaders(entry: Entry, policy: HttpCachePolicy, enc: Encoding, length: number): string[] {
  let byEnc = hitWire.get(entry);
  if (!byEnc) {
    byEnc = new Map();
    hitWire.set(entry, byEnc);
  }
  let flat = byEnc.get(enc);
  if (!flat) {
    flat = [];
    for (const [name, value] of Object.entries(baseHeaders(entry, policy))) flat.push(name, String(value));
    flat.push('x-cache', 'HIT', 'content-length', String(length));
    if (enc) flat.push('content-encoding', enc);
    byEnc.set(enc, flat);
  }
  return flat;
}

/** A freshly stored entry as the answer to the request that rendered it (inside Fastify). */
function sendStored(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: Entry,
  policy: HttpCachePolicy,
  validators: Validators,
) {
  reply.headers(baseHeaders(entry, policy)).header('x-cache', 'MISS');
  if (notModified(validators, entry)) {
    reply.code(304);
    return null;
  }
  reply.code(entry.status);
  const { enc, body } = variantOf(req.headers['accept-encoding'], entry);
  if (enc) reply.header('content-encoding', enc);
  return body;
}

/**
 * Cache hits answered before Fastify sees the request: for a hit, routing, hooks and reply
 * objects cost more than the answer itself. Only keys the cache holds are answered here, and
 * only for hosts the mirrors policy allows; everything else goes on to Fastify. Returns whether
 * it answered.
 */
export function fastPath(
  cache: PageCache,
  policy: HttpCachePolicy,
  gate: HostHeaders & { allows(req: IncomingMessage): boolean },
  mustRender?: MustRender,
  banner?: Banner,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!cache.enabled || (req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
    if (mustRender?.(req)) return false;
    const path = cacheKey(req.url);
    // A host whose copies are not known without a query goes the slow way (it reads them).
    const scope = gate.keyScope ? gate.keyScope.now(req) : '';
    if (path === null || scope === undefined) return false;
    const key = scope + path;
    const entry = cache.get(key);
    if (!entry || !gate.allows(req)) return false;
    // An alert changed and the banner is not read yet: Fastify's path waits for it.
    const snap = banner ? banner.peek() : undefined;
    if (banner && !snap) return false;
    const served = banner && snap ? banner.apply(entry, snap) : entry;
    // The copy in this encoding is not made yet: Fastify's path makes it (on libuv's threads).
    if (missingCopy(req, served)) return false;
    cache.stats.hits++;
    writeEntry(req, res, served, policy, gate, true);
    return true;
  };
}

/**
 * Answers with the page cache's copy of this page, even one past its TTL, when the page cannot
 * be rendered because the database is away (a reader gets yesterday's front, not an error).
 * Returns whether it answered. The copy is marked no-cache so no CDN keeps it.
 */
export function sendStale(
  cache: PageCache,
  req: FastifyRequest,
  reply: FastifyReply,
  banner?: Banner,
  scope?: RequestScope,
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = cacheKey(req.url);
  const entry = path === null ? undefined : cache.stale((scope?.last(req.raw) ?? '') + path);
  if (!entry) return false;
  reply
    .code(200)
    .headers({ ...entry.headers, 'cache-control': 'no-cache' })
    // The banner as last read: the database that holds the alerts is what is away.
    .send(banner ? fillSlot(entry.body, banner.current()) : entry.body);
  return true;
}

/** Registers the hooks; call before the routes that opt in are declared. */
export function pageCacheHooks(
  app: FastifyInstance,
  cache: PageCache,
  policy: HttpCachePolicy,
  host?: HostHeaders,
  mustRender?: MustRender,
  banner?: Banner,
): void {
  /** The entry with the current banner in it. */
  const withBanner = async (entry: Entry): Promise<Entry> =>
    banner ? banner.apply(entry, await banner.ready()) : entry;

  const serve: onRequestHookHandler = async (req, reply) => {
    if (!cache.enabled || (req.method !== 'GET' && req.method !== 'HEAD')) return;
    const path = cacheKey(req.url);
    if (path === null) return;
    const scope = host?.keyScope;
    const key = (scope ? (scope.now(req.raw) ?? (await scope.of(req.raw))) : '') + path;
    if (mustRender?.(req.raw)) {
      // Rendered and stored like a miss, without joining other renders of the key (nginx's
      // proxy_cache_lock already sends one request per key at a time).
      const validators = validatorsOf(req);
      delete req.headers['if-none-match'];
      delete req.headers['if-modified-since'];
      pending.set(req, { key, epoch: cache.begin(), release: () => {}, validators, nginx: true });
      return;
    }
    let entry = cache.get(key);
    if (!entry) {
      const claim = cache.claim(key);
      if (claim.claimed) {
        cache.stats.misses++;
        // The route renders the full page for the cache; the client's validators are applied
        // to the stored copy afterwards (else a feed reader's If-None-Match leaves a 304 to store).
        const validators = validatorsOf(req);
        delete req.headers['if-none-match'];
        delete req.headers['if-modified-since'];
        pending.set(req, { key, epoch: cache.begin(), release: claim.release, validators, nginx: false });
        return;
      }
      // Someone is rendering this page right now: wait for their copy rather than render again.
      await claim.wait;
      entry = cache.get(key);
      if (!entry) return; // their render was not cacheable (an error, a 404): render our own
    }
    cache.stats.hits++;
    const served = await withBanner(entry);
    const missing = missingCopy(req.raw, served);
    if (missing) await cache.variant(served, missing, key);
    reply.hijack();
    writeEntry(req.raw, reply.raw, served, policy, host);
  };

  const capture: onSendHookHandler = async (req, reply, payload) => {
    const job = pending.get(req);
    const tags = tagsOf.get(req);
    if (!job) {
      // Not stored (the cache is off): still tell the CDN what the page shows.
      if (tags && reply.statusCode === 200) {
        reply.header('cache-control', cacheControl(policy));
        reply.header('surrogate-key', tags.join(' '));
        reply.header('cache-tag', tags.join(','));
      }
      return banner ? fillSlot(payload, await banner.ready()) : payload;
    }
    pending.delete(req);
    try {
      // Only complete pages are kept: never an error, a 404 or a half-built stream. A render
      // error therefore never poisons the cache; the next request renders again.
      if (!tags || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
        return banner ? fillSlot(payload, await banner.ready()) : payload;
      }
      const headers: Record<string, string> = {};
      for (const name of KEPT) {
        const v = reply.getHeader(name);
        if (v !== undefined) headers[name] = String(v);
      }
      // A route's own validator (feeds hash their bytes) is kept; pages get one from the cache.
      const etag = reply.getHeader('etag');
      if (typeof etag === 'string') headers.etag = etag;
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      // Compressed now only in the encoding this request takes, unless a breaking-news banner
      // is up: then the copy sent is the bannered one, and the page's own waits for the alert's end.
      const want = banner?.peek()?.nextChangeAt == null ? compressionFor(req, body) : null;
      const entry = await cache.store(job.key, { status: 200, headers, body, tags }, job.epoch, want);
      // nginx keeps this answer with the banner in it (cache/origin.ts notes it under `alerts`).
      const served = await withBanner(entry);
      const missing = notModified(job.validators, served)
        ? null
        : pickEncoding(req.headers['accept-encoding'], served);
      if (missing && !served[missing]) await cache.variant(served, missing, job.key);
      return sendStored(req, reply, served, policy, job.validators);
    } finally {
      job.release();
    }
  };

  // A request that ends before onSend (aborted, or failed before replying) releases its claim.
  const finish = async (req: FastifyRequest) => {
    const job = pending.get(req);
    if (job) {
      pending.delete(req);
      job.release();
    }
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.pageCache) return;
    route.onRequest = [...asArray(route.onRequest), serve];
    route.onSend = [...asArray(route.onSend), capture];
    route.onResponse = [...asArray(route.onResponse), finish];
    route.onRequestAbort = [...asArray(route.onRequestAbort), finish];
  });
}

/**
 * A page answered without the page cache (the cache is off, or the route is not cached): the
 * banner goes straight into its HTML.
 */
export function fillSlot<T>(payload: T, snap: BannerSnapshot): T | string | Buffer {
  // No banner: the slot (an HTML comment) stays, as in a cached page answered as it is stored.
  if (snap.nextChangeAt === null) return payload;
  // The slot names the page's edition, whose banner it gets (cache/banner.ts).
  if (typeof payload === 'string')
    return payload.includes(SLOT_START_TEXT) ? fillBanner(payload, snap) : payload;
  if (Buffer.isBuffer(payload))
    return payload.includes(SLOT_START) ? fillBannerBytes(payload, snap) : payload;
  return payload;
}

const SLOT_START_TEXT = '<!--# include virtual="/alerts/banner.html';
const SLOT_START = Buffer.from(SLOT_START_TEXT);

/** The encoding a freshly rendered body is stored in: the one its request takes. */
function compressionFor(req: FastifyRequest, body: Buffer): Compression | null {
  return pickEncoding(req.headers['accept-encoding'], { compressible: isCompressible(body.length) });
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

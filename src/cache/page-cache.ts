import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { collectEvery } from './reclaim.js';
import { SITE } from './tags.js';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A response worth keeping: status 200 or a redirect, its headers and bytes, what it shows. */
export interface Cacheable {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  tags: readonly string[];
}

/** The encodings the cache compresses a body into. */
export type Compression = 'br' | 'gzip';

/**
 * A stored response with its compressed copies. Each copy is made the first time a request
 * wants it (`PageCache.variant`) and then kept: a page a crawler asks for once in brotli is never
 * also compressed to gzip.
 */
export interface Entry extends Cacheable {
  etag: string;
  /** Whether the body is large enough to be sent compressed (else `br` and `gzip` stay null). */
  compressible: boolean;
  br: Buffer | null;
  gzip: Buffer | null;
  storedAt: number;
}

export interface PageCacheOptions {
  /** Byte budget for every stored body and variant; 0 turns the cache off. */
  maxBytes: number;
  /** Longest an entry is served without a re-render, as a safety net behind invalidation. */
  ttlMs: number;
  now?: () => number;
  /**
   * Asked for after every quarter of the budget's bytes dropped (evicted, invalidated, aged):
   * a major collection, so dropped pages' memory is freed soon (reclaim.ts).
   */
  collect?: (() => void) | null;
}

// Bodies smaller than this are sent as they are: compressing them saves less than the headers.
const MIN_COMPRESS = 512;
// Book-keeping per entry beyond its bytes (key, headers, tag sets), for the budget.
const OVERHEAD = 1024;

/**
 * Rendered public responses in memory under a byte budget (LRU), each with the tags of what it
 * shows. Invalidating a tag drops exactly the entries carrying it.
 *
 * Two races are closed here rather than left to luck:
 * - a render that started before an invalidation of one of its tags must not store what it
 *   read (it may hold the old story): every invalidation bumps an epoch and records it per tag,
 *   and `store` refuses an entry whose tags were invalidated after its render began;
 * - concurrent misses for one key render once (`claim`/`waitFor`), unless an invalidation
 *   happened since that render began, in which case a newcomer renders afresh.
 */
export class PageCache {
  readonly enabled: boolean;
  private readonly lru: LRUCache<string, Entry>;
  private readonly aged: LRUCache<string, Entry>;
  private readonly dropped: (bytes: number) => void;
  private readonly byTag = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, { epoch: number; done: Promise<void> }>();
  private epoch = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private readonly now: () => number;
  readonly stats = { hits: 0, misses: 0, stores: 0, refused: 0, invalidations: 0, dropped: 0 };

  constructor(opts: PageCacheOptions) {
    this.enabled = opts.maxBytes > 0;
    this.now = opts.now ?? Date.now;
    this.ttl = opts.ttlMs;
    const dropped = opts.collect ? collectEvery(Math.max(1, opts.maxBytes / 4), opts.collect) : () => {};
    this.dropped = dropped;
    this.lru = new LRUCache<string, Entry>({
      maxSize: Math.max(1, opts.maxBytes),
      sizeCalculation: (e) => sizeOf(e),
      dispose: (entry, key, reason) => {
        // Replaced under its key: by `store`, which accounts for the old entry itself, or by
        // `variant`, the same page with one more compressed copy.
        if (reason === 'set') return;
        this.unindex(key, entry);
        dropped(sizeOf(entry));
      },
    });
    // Aged copies get a quarter of the budget on top: enough for the pages readers ask for most.
    this.aged = new LRUCache<string, Entry>({
      maxSize: Math.max(1, Math.floor(opts.maxBytes / 4)),
      sizeCalculation: (e) => sizeOf(e),
      dispose: (entry) => dropped(sizeOf(entry)),
    });
  }

  private ttl: number;

  /** How long entries are served now. */
  get ttlMs(): number {
    return this.ttl;
  }

  /**
   * Derived state every render reads (the section tree), kept while nothing was invalidated
   * since it was loaded — any announced change, local or from another node, drops it — and for
   * at most the entries' TTL (1 s while invalidations may be missed). Unlike pages, kept even
   * with the page cache off: it makes renders cheaper, it does not serve copies.
   */
  async memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.memos.get(key);
    if (kept && kept.epoch === this.epoch && this.now() - kept.at <= this.ttl) return kept.value as T;
    const epoch = this.epoch;
    const at = this.now();
    const value = await load();
    // A change announced while loading: use what was read once, do not keep it.
    if (epoch === this.epoch) this.memos.set(key, { epoch, at, value });
    return value;
  }

  /**
   * What `memo` keeps under a key, if it is still current, without loading it: for the answers
   * that cannot wait (the fast path's cache key), which go the slow way when it is not.
   */
  peek<T>(key: string): T | undefined {
    const kept = this.memos.get(key);
    return kept && kept.epoch === this.epoch && this.now() - kept.at <= this.ttl
      ? (kept.value as T)
      : undefined;
  }

  private readonly memos = new Map<string, { epoch: number; at: number; value: unknown }>();

  /** Changes how long entries are served (shortened while invalidations may be missed). */
  setTtl(ms: number): void {
    this.ttl = ms;
  }

  /** The entry for a key, if present and younger than the TTL. */
  get(key: string): Entry | undefined {
    const e = this.lru.get(key);
    if (e && this.now() - e.storedAt > this.ttl) {
      this.lru.delete(key);
      // Nothing it shows has changed (an invalidation would have dropped it): only its age. An
      // aged copy is only ever sent as it is (`sendStale`), so its compressed copies go.
      this.aged.set(key, { ...e, br: null, gzip: null });
      return undefined;
    }
    return e;
  }

  /**
   * A copy to show when a page cannot be rendered because the database is away: the current
   * entry, or one that only grew older than the TTL. Never one whose content was invalidated.
   */
  stale(key: string): Entry | undefined {
    return this.lru.get(key) ?? this.aged.get(key);
  }

  /** The epoch a render starts in; pass it back to `store`. */
  begin(): number {
    return this.epoch;
  }

  /**
   * Marks a key as being rendered by the caller. Returns false when another render of it,
   * begun after the last invalidation, is already running: wait for that one instead.
   */
  claim(key: string): { claimed: true; release: () => void } | { claimed: false; wait: Promise<void> } {
    const current = this.inflight.get(key);
    if (current && current.epoch === this.epoch) return { claimed: false, wait: current.done };
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const mine = { epoch: this.epoch, done };
    this.inflight.set(key, mine);
    return {
      claimed: true,
      release: () => {
        if (this.inflight.get(key) === mine) this.inflight.delete(key);
        release();
      },
    };
  }

  /**
   * Stores a rendered response, compressed as `want` (the encoding the request that rendered it
   * takes; the others are made when first asked for), unless one of its tags was invalidated
   * after `startEpoch` (then the render may show old content: it is served once, not kept).
   */
  async store(
    key: string,
    item: Cacheable,
    startEpoch: number,
    want: Compression | null = null,
  ): Promise<Entry> {
    const tags = item.tags.includes(SITE) ? item.tags : [...item.tags, SITE];
    const compressible = isCompressible(item.body.length);
    const copy = compressible && want ? await compress(item.body, want) : null;
    const entry: Entry = {
      ...item,
      body: ownMemory(item.body),
      tags,
      etag: item.headers.etag ?? weakEtag(item.body),
      compressible,
      br: want === 'br' ? copy : null,
      gzip: want === 'gzip' ? copy : null,
      storedAt: this.now(),
    };
    if (!this.enabled || this.staleSince(tags, startEpoch)) {
      this.stats.refused++;
      return entry;
    }
    const replaced = this.lru.peek(key);
    if (replaced) {
      this.unindex(key, replaced);
      this.dropped(sizeOf(replaced));
    }
    this.lru.set(key, entry);
    this.aged.delete(key);
    // An entry larger than the whole budget is not kept by the LRU; index only what is.
    if (this.lru.has(key)) {
      for (const t of tags) {
        const keys = this.byTag.get(t);
        if (keys) keys.add(key);
        else this.byTag.set(t, new Set([key]));
      }
      this.stats.stores++;
    }
    return entry;
  }

  /**
   * The entry's body compressed as `enc`, made on first need and kept with it. Under `key`, an
   * entry the cache still holds is replaced by one with the copy (the budget counts it); a copy
   * made for an entry dropped meanwhile, or for one the cache never held (a page with the
   * breaking-news banner spliced in, cache/banner.ts), stays with that object alone. Concurrent
   * requests for one copy share one compression.
   */
  async variant(entry: Entry, enc: Compression, key?: string): Promise<Buffer> {
    const kept = entry[enc];
    if (kept) return kept;
    if (!entry.compressible) return entry.body;
    let making = this.making.get(entry);
    if (!making) {
      making = new Map();
      this.making.set(entry, making);
    }
    let pending = making.get(enc);
    if (!pending) {
      pending = compress(entry.body, enc).finally(() => making.delete(enc));
      making.set(enc, pending);
    }
    const copy = await pending;
    if (!entry[enc]) {
      entry[enc] = copy;
      if (key !== undefined && this.lru.peek(key) === entry) this.lru.set(key, { ...entry });
    }
    return copy;
  }

  private readonly making = new WeakMap<Entry, Map<Compression, Promise<Buffer>>>();

  /** Drops every entry carrying any of the tags; returns how many. */
  invalidate(tags: Iterable<string>): number {
    this.epoch++;
    this.stats.invalidations++;
    const keys = new Set<string>();
    const changed = new Set(tags);
    for (const t of changed) {
      this.invalidatedAt.set(t, this.epoch);
      for (const k of this.byTag.get(t) ?? []) keys.add(k);
    }
    for (const k of keys) this.lru.delete(k);
    // Aged copies of what changed must not come back during an outage either.
    for (const [k, e] of this.aged.entries()) if (e.tags.some((t) => changed.has(t))) this.aged.delete(k);
    this.stats.dropped += keys.size;
    this.pruneInvalidations();
    return keys.size;
  }

  /** Empties the cache (a lost invalidation channel means we cannot know what is stale). */
  clear(): void {
    this.invalidate([SITE]);
    this.lru.clear();
  }

  get size(): { entries: number; bytes: number; tags: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize ?? 0, tags: this.byTag.size };
  }

  /**
   * Whether any of the tags was invalidated after `startEpoch` (from `begin`): a response
   * rendered since then may show old content and must not be kept anywhere (nginx's cache too).
   */
  staleSince(tags: readonly string[], startEpoch: number): boolean {
    if (startEpoch === this.epoch) return false;
    return tags.some((t) => (this.invalidatedAt.get(t) ?? 0) > startEpoch);
  }

  private unindex(key: string, entry: Entry): void {
    for (const t of entry.tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(t);
    }
  }

  // Renders in flight began at most a few seconds ago; older invalidation marks can go. The
  // map is kept small by forgetting marks more than 10,000 epochs old, far beyond any render.
  private pruneInvalidations(): void {
    if (this.invalidatedAt.size < 20_000) return;
    for (const [t, at] of this.invalidatedAt) if (at < this.epoch - 10_000) this.invalidatedAt.delete(t);
  }
}

/** Whether a body of this size is worth sending compressed. */
export function isCompressible(bytes: number): boolean {
  return bytes >= MIN_COMPRESS;
}

/** One compressed copy of a body, made on libuv's threads (brotli at 6, gzip at 6). */
export async function compress(body: Buffer, enc: Compression): Promise<Buffer> {
  const copy =
    enc === 'br'
      ? await brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindow(body.length),
          },
        })
      : await gzip(body, { level: 6 });
  return ownMemory(copy);
}

/**
 * A brotli window just large enough for the whole body (2^16 at least, 2^24 at most): a larger
 * one finds nothing more to refer back to, and a small one lets brotli use a smaller hasher. On a
 * 27 kB article: the same size to 11 bytes, a fifth faster (docs/benchmarks.md, "Memory").
 */
function brotliWindow(bytes: number): number {
  return Math.min(24, Math.max(16, Math.ceil(Math.log2(bytes + 16))));
}

/**
 * The bytes in a buffer of their own. zlib hands back a page's compressed copy as a slice of its
 * 16 KB output chunk when it fits in one, so a 6 KB brotli copy kept 16 KB alive: the cache held
 * about a quarter more memory than its budget counted (docs/benchmarks.md, "Memory"). A page's
 * body made from a string may sit in Node's shared pool the same way.
 */
function ownMemory(buf: Buffer): Buffer {
  if (buf.byteLength === buf.buffer.byteLength) return buf;
  // Not Buffer.from: it takes small copies from Node's shared pool again (64 kB on Node 24).
  const own = Buffer.allocUnsafeSlow(buf.byteLength);
  buf.copy(own);
  return own;
}

function sizeOf(e: Entry): number {
  return OVERHEAD + e.body.length + (e.br?.length ?? 0) + (e.gzip?.length ?? 0);
}

export function weakEtag(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

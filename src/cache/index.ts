import type { Config } from '../config.js';
import { onContentChange } from './announce.js';
import { Banner, type BannerSource } from './banner.js';
import { type InvalidationBus, redisBus } from './bus.js';
import type { HttpCachePolicy } from './http.js';
import { type OriginCache, originCache } from './origin.js';
import { TaggedMemo } from './memo.js';
import { PageCache } from './page-cache.js';
import { majorCollector } from './reclaim.js';
import { cdnPurger, type Purger } from './purge.js';
import { SITE } from './tags.js';

export { announceChange, onContentChange } from './announce.js';
export {
  BANNER_SLOT,
  Banner,
  type BannerItem,
  type BannerSnapshot,
  type BannerSource,
  bannerFor,
  bannerSlot,
} from './banner.js';
export {
  cacheAs,
  cacheKey,
  fastPath,
  fillSlot,
  type HostScopes,
  type MustRender,
  pageCacheHooks,
  pickEncoding,
  type RequestScope,
  sendStale,
} from './http.js';
export { nginxConfig, type NginxConfigOptions } from './nginx.js';
export { ORIGIN_KEY_HEADER, type OriginCache, originHooks, originRequests } from './origin.js';
export type { TaggedMemo } from './memo.js';
export { type Compression, type Entry, isCompressible, type PageCache } from './page-cache.js';
export * from './tags.js';

/**
 * The page cache of one app process and the ways invalidations reach it: this process's own
 * committed writes, other nodes' writes over Redis, and (outbound only) the CDN's purge API.
 */
export interface CacheLayer {
  pages: PageCache;
  /** What renders read again and again, dropped with the pages that show it (cache/memo.ts). */
  memo: TaggedMemo;
  http: HttpCachePolicy;
  /** The breaking-news banner put into pages as they are served (cache/banner.ts). */
  banner: Banner;
  /** nginx's cache directory, kept in step with the pages (null: no nginx in front). */
  origin: OriginCache | null;
  /** Whether invalidations from other nodes are arriving (always true without Redis). */
  connected(): boolean;
  /**
   * Hears every invalidation this node applies, its own writes' and other nodes' alike (`[SITE]`
   * after a gap in the Redis channel); the live hub (site/live-hub.ts) listens. Returns the
   * unsubscribe.
   */
  onDrop(listener: (tags: readonly string[]) => void): () => void;
  close(): Promise<void>;
}

// While the Redis channel is down this node cannot hear other nodes' writes, so a page is kept
// for at most this long: enough to absorb a rush, short enough that a correction still shows.
const DEGRADED_TTL_MS = 1000;

export interface CacheLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CacheLayerOptions {
  /**
   * Brings up to date what this node keeps besides pages (the address book) when another node
   * announces a change (`tags`), or after a gap in the channel (`null`: anything may have
   * changed). Awaited before the pages are dropped, so no page is rendered again from old state.
   */
  refresh?(tags: string[] | null): Promise<unknown> | undefined;
  /** Where the banner's alerts come from (none: pages never show one). */
  banner?: BannerSource;
  /** The clock alerts expire by (the context's, which tests move). */
  now?: () => number;
}

export async function createCacheLayer(
  config: Config,
  log: CacheLogger,
  opts: CacheLayerOptions = {},
): Promise<CacheLayer> {
  const ttlMs = config.cache.ttlSeconds * 1000;
  const pages = new PageCache({
    maxBytes: config.cache.maxBytes,
    ttlMs,
    collect: config.cache.maxBytes > 0 ? majorCollector() : null,
  });
  const memo = new TaggedMemo(() => pages.ttlMs, opts.now);
  const origin = config.cache.origin ? originCache(config.cache.origin) : null;
  const banner = new Banner(opts.banner ?? null, opts.now ?? Date.now);
  const dropListeners = new Set<(tags: readonly string[]) => void>();
  // What nginx keeps goes when the page cache's copy goes: the same tags, at the same moment.
  const drop = (tags: Iterable<string>) => {
    const list = [...tags];
    banner.invalidate(list);
    pages.invalidate(list);
    memo.invalidate(list);
    for (const listener of dropListeners) listener(list);
    origin
      ?.invalidate(list)
      .catch((err) => log.error({ err }, 'could not delete nginx cache files; they show old content'));
  };
  const purger: Purger | null = config.cache.purge
    ? cdnPurger({
        ...config.cache.purge,
        policy: config.outbound,
        onError: (err) => log.error({ err }, 'CDN purge failed; the CDN serves old copies until s-maxage'),
      })
    : null;
  const afterRefresh = (tags: string[] | null, then: () => void) => {
    const pending = opts.refresh?.(tags);
    if (!pending) return then();
    pending
      .catch((err) => log.error({ err }, 'could not reload settings after another node changed them'))
      .finally(then);
  };
  let bus: InvalidationBus | null = null;
  let connected = true;
  const redis = config.cache.redis;
  if (redis) {
    try {
      bus = await redisBus(redis.url, redis.prefix, {
        onInvalidate: (tags) => afterRefresh(tags, () => drop(tags)),
        onDown: (atStart) => {
          connected = false;
          pages.setTtl(DEGRADED_TTL_MS);
          log.warn(
            {},
            atStart
              ? 'Redis unreachable at start: pages are cached for 1 s until the invalidation channel is joined'
              : 'Redis invalidation channel lost: pages are cached for 1 s until it is back',
          );
        },
        onReconnect: () => {
          connected = true;
          // What other nodes changed meanwhile is unknown: start again from an empty cache.
          afterRefresh(null, () => {
            pages.clear();
            drop([SITE]);
          });
          pages.setTtl(ttlMs);
          log.warn({}, 'Redis invalidation channel back: page cache emptied');
        },
        onError: (err) => log.error({ err }, 'Redis error'),
      });
    } catch (err) {
      // Not an unreachable Redis (the bus keeps trying to join by itself): the client failed.
      connected = false;
      pages.setTtl(DEGRADED_TTL_MS);
      log.error({ err }, 'Redis invalidation channel unavailable: pages are cached for 1 s only');
    }
  }
  const unsubscribe = onContentChange((tags) => {
    drop(tags);
    bus?.publish(tags).catch((err) => log.error({ err }, 'could not publish an invalidation to Redis'));
    purger?.purge(tags);
  });
  return {
    pages,
    memo,
    banner,
    origin,
    http: { sMaxAge: config.cache.cdnMaxAge, staleWhileRevalidate: 30 },
    connected: () => connected,
    onDrop(listener) {
      dropListeners.add(listener);
      return () => dropListeners.delete(listener);
    },
    async close() {
      unsubscribe();
      origin?.close();
      await purger?.flush();
      await bus?.close();
    },
  };
}

import { SITE } from './tags.js';

/**
 * What renders read again and again (a front's resolved lists and cards, a section's story
 * count, a section's newest cards), kept between renders under the cache tags of what it shows,
 * so a crawler walking the archive does not pay for the same queries on every page. Unlike
 * pages, kept with the page cache off: it makes renders cheaper, it serves no copies.
 *
 * It is dropped exactly when a page showing it would be: the cache layer calls `invalidate`
 * with the same tags, at the same moment, as the page cache (this node's committed writes,
 * other nodes' over Redis, `SITE` after a gap in the channel), and every value carries `SITE`.
 * Like a page, a value is kept for at most the pages' TTL (1 s while invalidations may be
 * missed), and a value loaded across an invalidation of one of its tags is used once, not kept.
 */
export class TaggedMemo {
  private readonly values = new Map<string, { at: number; tags: ReadonlySet<string>; value: unknown }>();
  private epoch = 0;
  private readonly invalidatedAt = new Map<string, number>();

  /** `ttlMs` is read on every lookup: it follows the page cache's (shortened while degraded). */
  constructor(
    private readonly ttlMs: () => number,
    private readonly now: () => number = Date.now,
    /** Most values kept at once; past it the oldest go (a crawl must not grow it without end). */
    private readonly max = 5000,
  ) {}

  /**
   * The value under `key`, else `load()`'s, kept under `tagsOf(value)` (what it shows, in the
   * cache tag vocabulary). Callers must not mutate what they get: later renders share it.
   */
  async get<T>(key: string, load: () => Promise<T>, tagsOf: (value: T) => Iterable<string>): Promise<T> {
    const kept = this.values.get(key);
    if (kept && this.now() - kept.at <= this.ttlMs()) return kept.value as T;
    const start = this.epoch;
    const at = this.now();
    const value = await load();
    const tags = new Set(tagsOf(value));
    tags.add(SITE);
    if (!this.changedSince(tags, start)) {
      // Re-inserted at the end: the Map's order is the order values were loaded in.
      this.values.delete(key);
      this.values.set(key, { at, tags, value });
      if (this.values.size > this.max) {
        const oldest = this.values.keys().next().value;
        if (oldest !== undefined) this.values.delete(oldest);
      }
    }
    return value;
  }

  /** Drops every value showing any of the tags (called with the page cache's invalidations). */
  invalidate(tags: Iterable<string>): void {
    this.epoch++;
    const changed = new Set(tags);
    for (const t of changed) this.invalidatedAt.set(t, this.epoch);
    for (const [key, v] of this.values) {
      for (const t of changed) {
        if (v.tags.has(t)) {
          this.values.delete(key);
          break;
        }
      }
    }
    // Loads in flight began moments ago: marks far older than any of them can go.
    if (this.invalidatedAt.size > 10_000)
      for (const [t, e] of this.invalidatedAt) if (e < this.epoch - 1000) this.invalidatedAt.delete(t);
  }

  get size(): number {
    return this.values.size;
  }

  private changedSince(tags: ReadonlySet<string>, start: number): boolean {
    if (start === this.epoch) return false;
    // Marks pruned away belong to loads long finished; a load that old is not kept.
    if (this.epoch - start >= 1000) return true;
    for (const t of tags) if ((this.invalidatedAt.get(t) ?? 0) > start) return true;
    return false;
  }
}

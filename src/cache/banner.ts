import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Entry } from './page-cache.js';
import { ALERTS, SITE } from './tags.js';

/**
 * The breaking-news banner, put into cached pages as they are served. Every public page carries
 * BANNER_SLOT where the banner goes; the stored copy never changes, so raising, withdrawing or
 * the expiry of an alert drops no page (docs/decisions.md "Breaking-news banner").
 *
 * The app fills the slot here, with the spliced bytes (and their compressed variants and ETag)
 * made once per page and banner. With nginx in front (cache/origin.ts) nginx keeps the filled
 * page, noted under `alerts` and kept no longer than its banner lasts. The slot is written as
 * an nginx SSI include so that nginx could fill it itself one day (docs/decisions.md).
 */
export const BANNER_SLOT = '<!--# include virtual="/alerts/banner.html" -->';
const SLOT = Buffer.from(BANNER_SLOT);

/** One current alert: when it ends, and its line in the banner. */
export interface BannerItem {
  id: number;
  expiresAt: string;
  html: string;
}

export interface BannerSource {
  /** The current alerts (read from the database). */
  load(): Promise<BannerItem[]>;
  /** The banner around the lines of the alerts still current; never called with none. */
  render(items: readonly BannerItem[]): string;
}

/** The banner at one moment: its HTML ('' for none), a short id for ETags, and when it changes by itself. */
export interface BannerSnapshot {
  html: string;
  bytes: Buffer;
  id: string;
  /** ms since the epoch of the next expiry among the alerts shown (null: none). */
  nextChangeAt: number | null;
}

const NONE: BannerSnapshot = { html: '', bytes: Buffer.alloc(0), id: '', nextChangeAt: null };

export class Banner {
  private items: BannerItem[] = [];
  private dirty = true;
  private loading: Promise<void> | null = null;
  private retryAt = 0;
  private memo: BannerSnapshot = NONE;
  private memoKey = '';
  private readonly spliced = new WeakMap<Entry, { id: string; entry: Entry }>();
  private readonly slotAt = new WeakMap<Entry, number>();

  constructor(
    private readonly source: BannerSource | null,
    private readonly now: () => number,
  ) {}

  /** A committed change (this node's or another's): `alerts` means load again before serving. */
  invalidate(tags: readonly string[]): void {
    if (tags.includes(ALERTS) || tags.includes(SITE)) this.dirty = true;
  }

  /** The banner now, or undefined while it must be read again (call `ready` first). */
  peek(): BannerSnapshot | undefined {
    if (!this.source) return NONE;
    if (this.dirty) return undefined;
    return this.current();
  }

  /** The banner from the alerts last read, as of now (stale pages while the database is away). */
  current(): BannerSnapshot {
    if (!this.source) return NONE;
    // Expiry needs no write: alerts past their time simply drop out of what is shown.
    const now = this.now();
    const live = this.items.filter((i) => Date.parse(i.expiresAt) > now);
    const key = live.map((i) => i.id).join(',');
    if (key !== this.memoKey || (this.memo === NONE && live.length > 0)) {
      this.memoKey = key;
      if (live.length === 0) this.memo = NONE;
      else {
        const html = this.source.render(live);
        const bytes = Buffer.from(html);
        this.memo = {
          html,
          bytes,
          id: createHash('sha256').update(bytes).digest('base64url').slice(0, 10),
          nextChangeAt: Math.min(...live.map((i) => Date.parse(i.expiresAt))),
        };
      }
    }
    return this.memo;
  }

  /**
   * Reads the current alerts if a change was announced since the last read. When the database
   * cannot be read, the banner last read stays (cached pages are still answered while the
   * database is away) and the read is tried again a second later, not on every request.
   */
  async ready(): Promise<BannerSnapshot> {
    while (this.dirty && this.source && performance.now() >= this.retryAt) {
      if (!this.loading) {
        const source = this.source;
        // Marked clean before the read: a change announced while it runs makes it dirty again.
        this.dirty = false;
        this.loading = source
          .load()
          .then((items) => {
            this.items = items;
            this.memoKey = '\u0000';
            this.retryAt = 0;
          })
          .catch(() => {
            this.dirty = true;
            this.retryAt = performance.now() + 1000;
          })
          .finally(() => {
            this.loading = null;
          });
      }
      await this.loading;
    }
    return this.current();
  }

  /** Whole seconds until the banner changes by itself (an expiry), at least 1; Infinity: never. */
  async secondsLeft(): Promise<number> {
    const { nextChangeAt } = await this.ready();
    return nextChangeAt === null ? Infinity : Math.max(1, Math.floor((nextChangeAt - this.now()) / 1000));
  }

  /**
   * The entry to answer with: the stored one when there is no banner or no slot, else a copy with
   * the banner in the slot, its own compressed variants and an ETag naming the banner too.
   */
  apply(entry: Entry, snap: BannerSnapshot): Entry {
    if (snap.id === '') return entry;
    let at = this.slotAt.get(entry);
    if (at === undefined) {
      at = entry.headers['content-type']?.startsWith('text/html') ? entry.body.indexOf(SLOT) : -1;
      this.slotAt.set(entry, at);
    }
    if (at < 0) return entry;
    const made = this.spliced.get(entry);
    if (made?.id === snap.id) return made.entry;
    const body = Buffer.concat([
      entry.body.subarray(0, at),
      snap.bytes,
      entry.body.subarray(at + SLOT.length),
    ]);
    // Made once per page and banner, in the request that first needs it: a fast brotli level,
    // since the banner changes every few hours at most and pages are tens of kilobytes.
    const copy: Entry = {
      ...entry,
      body,
      tags: [...entry.tags, ALERTS],
      etag: entry.etag.replace(/"$/, `-a${snap.id}"`),
      br: entry.br
        ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : null,
      gzip: entry.gzip ? zlib.gzipSync(body, { level: 6 }) : null,
    };
    this.spliced.set(entry, { id: snap.id, entry: copy });
    return copy;
  }
}

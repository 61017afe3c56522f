import { createHash } from 'node:crypto';
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
/** Every slot starts so; an edition's pages name their edition (`bannerSlot`). */
const SLOT_HEAD_TEXT = '<!--# include virtual="/alerts/banner.html';
const SLOT_HEAD = Buffer.from(SLOT_HEAD_TEXT);
const SLOT_TAIL = Buffer.from('-->');

/**
 * The slot of an edition's pages (src/editions): its banner shows its own alerts and those for
 * every edition, in its words. No code (the default edition): BANNER_SLOT, as before editions.
 */
export function bannerSlot(edition?: string): string {
  return edition ? `<!--# include virtual="/alerts/banner.html?edition=${edition}" -->` : BANNER_SLOT;
}

/** One current alert's line on one edition's pages: when it ends, and its markup. */
export interface BannerItem {
  id: number;
  expiresAt: string;
  html: string;
  /** The edition whose slot shows this line (its code); absent: the default edition's slot. */
  edition?: string;
}

export interface BannerSource {
  /** The current alerts (read from the database), a line per alert and edition that shows it. */
  load(): Promise<BannerItem[]>;
  /** One edition's banner around its lines still current; never called with none. */
  render(items: readonly BannerItem[], edition?: string): string;
}

/** One slot's banner: its HTML ('' for none) and a short id for ETags. */
export interface BannerCopy {
  html: string;
  bytes: Buffer;
  id: string;
}

/**
 * The banner at one moment: the default edition's (html, bytes, id), every other edition's by
 * code, and when any of them changes by itself.
 */
export interface BannerSnapshot extends BannerCopy {
  /** ms since the epoch of the next expiry among the alerts shown (null: none). */
  nextChangeAt: number | null;
  editions?: ReadonlyMap<string, BannerCopy>;
}

const NONE: BannerSnapshot = { html: '', bytes: Buffer.alloc(0), id: '', nextChangeAt: null };
const EMPTY: BannerCopy = { html: '', bytes: Buffer.alloc(0), id: '' };

/** The copy a slot shows: the default's, or the edition's the slot names ('' when it has none). */
export function bannerFor(snap: BannerSnapshot, edition: string | undefined): BannerCopy {
  return edition ? (snap.editions?.get(edition) ?? EMPTY) : snap;
}

/** Where a slot is in a page and which edition it names (null: no slot). */
function findSlot(body: Buffer | string): { at: number; length: number; edition?: string } | null {
  // The same search in bytes (stored pages) or in text (a page as rendered, not encoded yet);
  // a slot is ASCII, so its length is the same in either.
  const at = typeof body === 'string' ? body.indexOf(SLOT_HEAD_TEXT) : body.indexOf(SLOT_HEAD);
  if (at < 0) return null;
  const end =
    typeof body === 'string'
      ? body.indexOf('-->', at + SLOT_HEAD_TEXT.length)
      : body.indexOf(SLOT_TAIL, at + SLOT_HEAD.length);
  if (end < 0 || end - at > 200) return null;
  const slot =
    typeof body === 'string' ? body.slice(at, end + 3) : body.subarray(at, end + SLOT_TAIL.length).toString();
  if (slot === BANNER_SLOT) return { at, length: slot.length };
  const code = /^<!--# include virtual="\/alerts\/banner\.html\?edition=([a-z][a-z0-9-]{0,31})" -->$/.exec(
    slot,
  )?.[1];
  return code ? { at, length: slot.length, edition: code } : null;
}

/** A page's text with its slot filled (pages answered outside the page cache, the static export). */
export function fillBanner(text: string, snap: BannerSnapshot): string {
  const found = findSlot(text);
  if (!found) return text;
  const copy = bannerFor(snap, found.edition);
  if (copy.html === '') return text;
  return text.slice(0, found.at) + copy.html + text.slice(found.at + found.length);
}

/** A page's bytes with its slot filled, without decoding them (pages sent as a Buffer). */
export function fillBannerBytes(body: Buffer, snap: BannerSnapshot): Buffer {
  const found = findSlot(body);
  if (!found) return body;
  const copy = bannerFor(snap, found.edition);
  if (copy.html === '') return body;
  return Buffer.concat([body.subarray(0, found.at), copy.bytes, body.subarray(found.at + found.length)]);
}

export class Banner {
  private items: BannerItem[] = [];
  private dirty = true;
  private loading: Promise<void> | null = null;
  private retryAt = 0;
  private memo: BannerSnapshot = NONE;
  private memoKey = '';
  private readonly spliced = new WeakMap<Entry, { id: string; entry: Entry }>();
  private readonly slotAt = new WeakMap<Entry, { at: number; length: number; edition?: string } | null>();

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
    const key = live.map((i) => `${i.edition ?? ''}:${i.id}`).join(',');
    if (key !== this.memoKey || (this.memo === NONE && live.length > 0)) {
      this.memoKey = key;
      if (live.length === 0) this.memo = NONE;
      else {
        const source = this.source;
        const copy = (items: readonly BannerItem[], edition?: string): BannerCopy => {
          if (items.length === 0) return EMPTY;
          const html = source.render(items, edition);
          const bytes = Buffer.from(html);
          return { html, bytes, id: createHash('sha256').update(bytes).digest('base64url').slice(0, 10) };
        };
        const byEdition = new Map<string, BannerItem[]>();
        for (const i of live)
          if (i.edition) byEdition.set(i.edition, [...(byEdition.get(i.edition) ?? []), i]);
        this.memo = {
          ...copy(live.filter((i) => !i.edition)),
          nextChangeAt: Math.min(...live.map((i) => Date.parse(i.expiresAt))),
          editions: new Map([...byEdition].map(([code, items]) => [code, copy(items, code)])),
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
    if (snap.nextChangeAt === null) return entry;
    let slot = this.slotAt.get(entry);
    if (slot === undefined) {
      slot = entry.headers['content-type']?.startsWith('text/html') ? findSlot(entry.body) : null;
      this.slotAt.set(entry, slot);
    }
    if (!slot) return entry;
    const banner = bannerFor(snap, slot.edition);
    if (banner.id === '') return entry;
    const made = this.spliced.get(entry);
    if (made?.id === banner.id) return made.entry;
    const body = Buffer.concat([
      entry.body.subarray(0, slot.at),
      banner.bytes,
      entry.body.subarray(slot.at + slot.length),
    ]);
    // Made once per page and banner, in the request that first needs it; its compressed copies
    // are made as requests ask for them (PageCache.variant), kept with this copy alone.
    const copy: Entry = {
      ...entry,
      body,
      tags: [...entry.tags, ALERTS],
      etag: entry.etag.replace(/"$/, `-a${banner.id}"`),
      br: null,
      gzip: null,
    };
    this.spliced.set(entry, { id: banner.id, entry: copy });
    return copy;
  }
}

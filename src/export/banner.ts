import { type BannerSnapshot, bannerFor } from '../cache/index.js';

/** A page's banner slot: the default edition's, or an edition's naming its code (cache/banner.ts). */
const SLOT = /<!--# include virtual="\/alerts\/banner\.html(?:\?edition=([a-z][a-z0-9-]{0,31}))?" -->/;

/**
 * The breaking-news banner as the export puts it into pages: each page's slot gets the banner of
 * the edition it names, as the live site fills it (the edition's own alerts and everyone's, in
 * its words). A slot with no banner is removed: no static host fills an include.
 */
export function fillExportSlot(html: string, snap: BannerSnapshot): string {
  return html.replace(SLOT, (_, code: string | undefined) => bannerFor(snap, code).html);
}

/**
 * `fillExportSlot` on a page cut by `splitStyle` (paths.ts): the slot is in <body>, after the
 * stylesheet in <head>, so only that part is searched and rebuilt (on the whole page, the
 * replacement made a second rope of it, flattened again by the cut: two copies of every page).
 */
export function fillExportSlotIn(
  parts: [string, string, string],
  snap: BannerSnapshot,
): [string, string, string] {
  const i = parts[2] === '' ? 0 : 2;
  parts[i] = fillExportSlot(parts[i], snap);
  return parts;
}

/** Every edition's banner, for the site fingerprint: a new alert for any edition renders pages again. */
export function bannerKey(snap: BannerSnapshot): string {
  if (snap.nextChangeAt === null) return '';
  const editions = [...(snap.editions ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([snap.html, ...editions.map(([code, copy]) => [code, copy.html])]);
}

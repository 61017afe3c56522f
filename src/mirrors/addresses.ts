import type { Config } from '../config.js';
import type { Db, MirrorCheckRow } from '../db/index.js';
import { type Edition, editionSiteUrl } from '../editions/index.js';
import { isOnionOrigin } from '../lib/address-rules.js';
import type { SiteAddresses } from './address-book.js';

/**
 * The site's addresses as readers and apps see them: the footer of every page and
 * /mirrors.json. Everything comes from the settings (the address book), never from the request, so
 * one rendered page is right on every address.
 */
export interface AddressLink {
  label: string;
  href: string;
}

export interface FooterAddresses {
  /** Primary first, then the alternates. Empty when the site has only its primary address. */
  addresses: AddressLink[];
  apps: AddressLink[];
}

function labelOf(url: string): string {
  const u = new URL(url);
  return isOnionOrigin(url) ? `${u.host} (Tor)` : u.host;
}

/** The alternates that serve the whole site (not one edition's). */
export function siteAlternates(addresses: Pick<SiteAddresses, 'alternates' | 'editions'>): string[] {
  return addresses.alternates.filter((url) => addresses.editions[url] === undefined);
}

/**
 * The footer of a page in `edition` (none: the default's): the site's addresses, or those of an
 * edition with alternate addresses of its own (its home first). Listed when there is more than one.
 */
export function footerAddresses(
  primary: string,
  addresses: SiteAddresses,
  edition?: Pick<Edition, 'isDefault' | 'host' | 'home' | 'alternates'>,
): FooterAddresses {
  const apps = addresses.apps.map((a) => ({ label: a.label, href: a.url }));
  if (edition && !edition.isDefault) {
    const own = edition.alternates ?? [];
    const home = `${editionSiteUrl(primary, edition)}${edition.host ? '/' : `${edition.home}/`}`;
    return {
      addresses: own.length
        ? [
            { label: labelOf(home), href: home },
            ...own.map((url) => ({ label: labelOf(url), href: `${url}/` })),
          ]
        : [],
      apps,
    };
  }
  const alternates = siteAlternates(addresses);
  return {
    addresses: alternates.length
      ? [primary, ...alternates].map((url) => ({ label: labelOf(url), href: `${url}/` }))
      : [],
    apps,
  };
}

export interface MirrorsDocument {
  name: string;
  primary: string;
  /** The addresses that serve the whole site (an edition's own are listed under `editions`). */
  alternates: string[];
  onion: string | null;
  apps: { label: string; url: string }[];
  mirrors: { url: string; primary: boolean; onion: boolean; lastSuccessfulCheck: string | null }[];
}

/** Every address (primary first) with its last check, from the mirror_checks table. */
export async function lastChecks(db: Db): Promise<Map<string, MirrorCheckRow>> {
  const rows = await db.selectFrom('mirror_checks').selectAll().execute();
  return new Map(rows.map((r) => [r.url, r]));
}

/**
 * `/mirrors.json`. No generation time in it: the document changes only when the addresses or a
 * check result change, so a static export rewrites it only then.
 */
export async function mirrorsDocument(
  db: Db,
  site: Config['site'],
  addresses: SiteAddresses,
): Promise<MirrorsDocument> {
  const checks = await lastChecks(db);
  const alternates = siteAlternates(addresses);
  return {
    name: site.name,
    primary: site.url,
    alternates,
    onion: addresses.onion,
    apps: addresses.apps,
    mirrors: [site.url, ...alternates].map((url) => ({
      url,
      primary: url === site.url,
      onion: isOnionOrigin(url),
      lastSuccessfulCheck: checks.get(url)?.last_success_at ?? null,
    })),
  };
}

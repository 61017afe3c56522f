/**
 * What makes an alternate address or an app link acceptable: one set of rules for the
 * environment's defaults (config.ts) and the newsroom's own list (the admin API,
 * mirrors/address-input.ts). Here in lib/ because the configuration needs them and must not
 * import a feature; no database here either: the configuration loads it.
 */

export interface AppLink {
  label: string;
  url: string;
}

/** What a newsroom sets. */
export interface AddressSettings {
  /** Other origins serving the same site (no trailing slash), an .onion among them if any. */
  alternates: string[];
  apps: AppLink[];
  /**
   * The alternates that belong to one edition (origin → edition id): a request there is that
   * edition's, at root paths as on an edition's own host (docs/editions.md, "Addresses"). An
   * alternate not named here serves the whole site. Absent: none does (the environment's).
   */
  editions?: Record<string, number>;
}

export const isOnionOrigin = (origin: string) => new URL(origin).hostname.endsWith('.onion');

/** What a rule makes of an input: the value to keep, or why it cannot be one. */
export type Checked = { value: string } | { problem: string };

/**
 * One alternate address, as typed by an operator or an editor: its origin, or why it cannot be
 * one. Origins only: a path would break the root-relative links every page uses.
 */
export function checkAlternate(raw: string): Checked {
  if (!URL.canParse(raw.trim())) return { problem: 'is not a URL' };
  const url = new URL(raw.trim());
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
    return { problem: 'must be a plain http(s) address' };
  if (url.pathname !== '/') return { problem: 'must not have a path (the site lives at the root)' };
  // The host gate must be able to recognise it in a Host header.
  if (!hostName(url.host)) return { problem: 'has a host name no browser would send' };
  return { value: url.origin };
}

/** An app link's address: http(s) only, so no `javascript:` reaches a footer. */
export function checkAppUrl(raw: string): Checked {
  if (!URL.canParse(raw.trim())) return { problem: 'is not a URL' };
  const url = new URL(raw.trim());
  if (!/^https?:$/.test(url.protocol) || url.username || url.password)
    return { problem: 'must be an http(s) address' };
  return { value: url.href };
}

/** `Example.COM.:443` → `example.com`; `[::1]:80` → `::1`; anything malformed → null. */
export function hostName(header: string): string | null {
  const h = header.trim().toLowerCase();
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/.exec(h);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? '').replace(/\.$/, '');
  return name || null;
}

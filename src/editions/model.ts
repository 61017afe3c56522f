import type { Config } from '../config.js';
import type { EditionRow } from '../db/index.js';
import { hostName } from '../lib/address-rules.js';
import type { EditionView } from '../shared/editions.js';

/**
 * An edition as every face uses it: one language of the newsroom at one address. Built from
 * its row with the site's configuration filling what the row leaves NULL (the default edition
 * of a newsroom that predates editions keeps SITE_NAME, SITE_LANGUAGE and SITE_TIMEZONE). The
 * same shape the newsroom API presents and the app reads (src/shared/editions.ts).
 */
export type Edition = EditionView;

/** The scripts written right to left, by primary language subtag. */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Right to left for Arabic, Persian, Hebrew, Urdu … (and any language tagged with an RTL script). */
export function directionOf(language: string): 'ltr' | 'rtl' {
  const [primary, ...rest] = language.toLowerCase().split('-');
  if (rest.some((s) => s === 'arab' || s === 'hebr' || s === 'thaa' || s === 'syrc')) return 'rtl';
  if (rest.some((s) => s.length === 4)) return 'ltr'; // an explicit Latin/Cyrillic … script
  return RTL_LANGUAGES.has(primary ?? '') ? 'rtl' : 'ltr';
}

export function editionOf(row: EditionRow, site: Config['site']): Edition {
  const language = row.language ?? site.language;
  const prefix = row.is_default ? null : row.path_prefix;
  return {
    id: row.id,
    code: row.code,
    language,
    direction: directionOf(language),
    name: row.name ?? site.name,
    timeZone: row.time_zone ?? site.timeZone,
    prefix,
    host: row.host,
    isDefault: row.is_default === 1,
    position: row.position,
    home: prefix ? `/${prefix}` : '/',
  };
}

/** A path inside an edition: `/search` → `/es/search` for a prefixed edition. */
export function editionPath(edition: Pick<Edition, 'prefix'>, path: string): string {
  if (!edition.prefix) return path;
  return path === '/' ? `/${edition.prefix}` : `/${edition.prefix}${path}`;
}

/**
 * The edition a request is for: its host first (an edition on a host of its own, or one of an
 * edition's own alternate addresses), then the first path segment (a prefix such as `/es/`),
 * else the default. Pure: the caller passes the cached list (editions/store.ts), so resolution
 * costs no query.
 */
export function resolveEdition(
  editions: readonly Edition[],
  host: string | undefined,
  path: string,
): Edition {
  const byHost = host ? editionOfHost(editions, host) : undefined;
  if (byHost) return byHost;
  const first = /^\/([a-z][a-z0-9-]*)(?:\/|$)/.exec(path)?.[1];
  if (first) {
    const byPrefix = editions.find((e) => e.prefix === first);
    if (byPrefix) return byPrefix;
  }
  return defaultEdition(editions);
}

const hostMaps = new WeakMap<readonly Edition[], Map<string, Edition>>();

/**
 * The edition a host name is for, if the host says it: the edition's own host or one of its
 * alternate addresses. Made once per list (the cached list is one object until a change).
 */
export function editionOfHost(editions: readonly Edition[], host: string): Edition | undefined {
  let map = hostMaps.get(editions);
  if (!map) {
    map = new Map();
    for (const e of editions) {
      if (e.isDefault) continue;
      if (e.host) map.set(e.host, e);
      for (const origin of e.alternates ?? []) {
        const name = hostName(new URL(origin).host);
        if (name && !map.has(name)) map.set(name, e);
      }
    }
    hostMaps.set(editions, map);
  }
  const name = hostName(host);
  return name === null ? undefined : map.get(name);
}

export function defaultEdition(editions: readonly Edition[]): Edition {
  const found = editions.find((e) => e.isDefault) ?? editions[0];
  if (!found) throw new Error('no default edition: migration 030 creates it');
  return found;
}

/** The site URL an edition's pages live at: its own host's, else the primary's. */
export function editionSiteUrl(primary: string, edition: Pick<Edition, 'host'>): string {
  return edition.host ? `${new URL(primary).protocol}//${edition.host}` : primary;
}

/**
 * The site URL of each edition's pages, by edition id: its own host's for an edition on one,
 * else the primary (a prefixed edition's paths carry its prefix; unknown ids: the primary).
 * For the absolute URLs of sitemaps, feeds and the Content API.
 */
export function editionUrls(
  primary: string,
  editions: readonly Edition[],
): (editionId: number | undefined) => string {
  const byId = new Map(editions.filter((e) => e.host).map((e) => [e.id, editionSiteUrl(primary, e)]));
  return (editionId) => (editionId === undefined ? undefined : byId.get(editionId)) ?? primary;
}

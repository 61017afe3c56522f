import { addSettingIfAbsent, type Db, inTransaction, readSetting } from '../db/index.js';
import { codeForStatus, DomainError } from '../errors.js';
import { type AddressSettings, isOnionOrigin } from '../lib/address-rules.js';
import { type AddressInput, type ResetInput, storedAddresses } from './address-input.js';

/**
 * The site's alternate addresses and app links. An outlet under blocking adds a mirror every
 * week and drops the ones that get blocked, so these are newsroom settings, edited in the admin
 * and in effect on every node at once, not deployment configuration that needs a restart. The
 * environment's `SITE_ALTERNATE_URLS` / `SITE_APP_LINKS` are the default until the newsroom
 * saves its own list; the primary URL stays in the environment (it is in every canonical URL,
 * sitemap and feed, and moving it is a migration, not an edit).
 *
 * One `AddressBook` per context holds the addresses in effect. Everything that shows or obeys
 * them (the host gate, the footer, /mirrors.json, Onion-Location, the health check, the static
 * export) asks it each time, so a reload is seen by the next request.
 */

/** The addresses in effect, and where they come from. */
export interface SiteAddresses extends AddressSettings {
  /** The alternates that are one edition's (origin → edition id); {} when none is. */
  editions: Record<string, number>;
  /** The first .onion alternate, for the Onion-Location header. */
  onion: string | null;
  source: 'environment' | 'settings';
  /** When the newsroom last saved its own (null while the environment's are in effect). */
  updatedAt: string | null;
}

export interface AddressBook {
  /** The addresses in effect: a new object after every change, the same one otherwise. */
  current(): SiteAddresses;
  /** Reads the settings again (after this node's save, or another node's announcement). */
  reload(): Promise<SiteAddresses>;
}

export const ADDRESSES_KEY = 'site.addresses';

export class AddressError extends DomainError {
  declare readonly status: 400 | 409;
  constructor(status: 400 | 409, message: string) {
    super(status, codeForStatus(status), message);
  }
}

function effective(settings: AddressSettings, source: SiteAddresses['source'], updatedAt: string | null) {
  return {
    alternates: settings.alternates,
    apps: settings.apps,
    editions: settings.editions ?? {},
    onion: settings.alternates.find(isOnionOrigin) ?? null,
    source,
    updatedAt,
  } satisfies SiteAddresses;
}

/** The stored settings, or the environment's when the newsroom has saved none (or they are unreadable). */
async function read(db: Db, defaults: AddressSettings): Promise<SiteAddresses> {
  const row = await readSetting(db, ADDRESSES_KEY);
  if (!row) return effective(defaults, 'environment', null);
  const stored = storedSettings(row.value);
  // A row edited by hand into something invalid must not take the site down or open the host
  // gate: the environment's apply (and the row's time stays the version a save is based on).
  return stored
    ? effective(stored, 'settings', row.updatedAt)
    : effective(defaults, 'environment', row.updatedAt);
}

/** The row's list, checked by the same rules as a save (it is written only by saveAddresses). */
function storedSettings(value: string): AddressSettings | null {
  try {
    const parsed = storedAddresses.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * An address given to an edition names one that exists and is not the default (the site's own
 * addresses are the default's), and is not already an edition's own host.
 */
async function checkEditions(db: Db, editions: Record<string, number>): Promise<void> {
  const rows = await db.selectFrom('editions').select(['id', 'code', 'host', 'is_default']).execute();
  for (const [origin, id] of Object.entries(editions)) {
    const ed = rows.find((r) => r.id === id);
    if (!ed) throw new AddressError(400, `${origin}: edition ${id} does not exist`);
    if (ed.is_default === 1)
      throw new AddressError(400, `${origin}: the default edition is the site; leave the address to it`);
    const host = new URL(origin).hostname;
    const owner = rows.find((r) => r.host === host);
    if (owner) throw new AddressError(400, `${origin}: ${host} is edition "${owner.code}"'s own host`);
  }
}

/** The book for one context, loaded before the first request. */
export async function openAddressBook(db: Db, defaults: AddressSettings): Promise<AddressBook> {
  let value = await read(db, defaults);
  return {
    current: () => value,
    async reload() {
      const next = await read(db, defaults);
      // Same content, same object: whatever keys its work on the object (the host gate's set of
      // names) keeps it.
      if (JSON.stringify(next) !== JSON.stringify(value)) value = next;
      return value;
    },
  };
}

/** A book that never changes: an export's rendering threads, and tests. */
export function fixedAddressBook(value: SiteAddresses): AddressBook {
  return { current: () => value, reload: async () => value };
}

/**
 * Saves the newsroom's addresses (or drops them, going back to the environment's). Refuses a
 * save based on a version that is no longer current, and addresses that repeat or name the
 * primary. The caller reloads its book and announces the change.
 */
export async function saveAddresses(
  db: Db,
  primary: string,
  input: AddressInput | ResetInput,
  now: Date,
): Promise<{ before: AddressSettings | null; after: AddressSettings | null }> {
  const after =
    'useEnvironment' in input
      ? null
      : {
          alternates: input.alternates,
          apps: input.apps,
          // Stored only when some address is an edition's: a row saved before editions reads the same.
          ...(input.editions && Object.keys(input.editions).length ? { editions: input.editions } : {}),
        };
  if (after) {
    const seen = new Set<string>([primary]);
    for (const origin of after.alternates) {
      if (origin === primary) throw new AddressError(400, `${origin} is the primary address`);
      if (seen.has(origin)) throw new AddressError(400, `${origin} is listed twice`);
      seen.add(origin);
    }
  }
  return inTransaction(db, async (tx) => {
    if (after?.editions) await checkEditions(tx, after.editions);
    const row = await readSetting(tx, ADDRESSES_KEY);
    if ((row?.updatedAt ?? null) !== input.basedOn)
      throw new AddressError(
        409,
        row
          ? `The addresses were changed at ${row.updatedAt} by someone else: reload to see them`
          : 'The saved addresses were removed meanwhile: reload to see the ones in effect',
      );
    const before = row ? storedSettings(row.value) : null;
    // Each save gets a later time than the one it replaces, so `basedOn` always tells them apart.
    const stamp = new Date(Math.max(now.getTime(), row ? Date.parse(row.updatedAt) + 1 : 0)).toISOString();
    if (!after) {
      await tx.deleteFrom('settings').where('key', '=', ADDRESSES_KEY).execute();
    } else if (row) {
      const done = await tx
        .updateTable('settings')
        .set({ value: JSON.stringify(after), updated_at: stamp })
        .where('key', '=', ADDRESSES_KEY)
        .where('updated_at', '=', row.updatedAt)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw new AddressError(409, 'The addresses were changed meanwhile: reload to see them');
    } else {
      if (!(await addSettingIfAbsent(tx, ADDRESSES_KEY, JSON.stringify(after), stamp)))
        throw new AddressError(409, 'The addresses were changed meanwhile: reload to see them');
    }
    return { before, after };
  });
}

import { audit } from '../accounts/index.js';
import { ADDRESSES, announceChange, SITE } from '../cache/index.js';
import type { Context } from '../context.js';
import type { AddressSettings } from '../lib/address-rules.js';
import type { SiteAddresses } from './address-book.js';
import { saveAddresses } from './address-book.js';
import type { AddressInput, ResetInput } from './address-input.js';

/**
 * Changing the addresses, for the admin API and the CLI alike: save, put the list in effect on
 * this node, then on every other node, and record who did it.
 */
export async function changeAddresses(
  ctx: Context,
  input: AddressInput | ResetInput,
  actor: { id: number | null; label: string },
): Promise<SiteAddresses> {
  const saved = await saveAddresses(ctx.db, ctx.config.site.url, input, ctx.now());
  // This node first, so the host gate and the next page rendered here use the new list; then
  // every cached page (their footers list the addresses) here, on the other nodes (which read
  // the settings again before dropping theirs, cache/index.ts) and at the CDN.
  const now = await ctx.addresses.reload();
  announceChange(ctx.db, [SITE, ADDRESSES]);
  const defaults = ctx.config.addresses;
  await audit(
    ctx.db,
    {
      actor,
      action: saved.after ? 'addresses.update' : 'addresses.reset',
      subject: { type: 'addresses', id: ctx.config.site.url },
      details: {
        source: saved.after ? 'settings' : 'environment',
        ...changes(saved.before ?? defaults, saved.after ?? defaults),
      },
    },
    ctx.now().toISOString(),
  );
  return now;
}

/** What was added and removed, for the audit log (the full lists are in the settings row). */
function changes(before: AddressSettings, after: AddressSettings) {
  const diff = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  const apps = (s: AddressSettings) => s.apps.map((a) => `${a.label}|${a.url}`);
  return {
    addedAddresses: diff(after.alternates, before.alternates),
    removedAddresses: diff(before.alternates, after.alternates),
    addedApps: diff(apps(after), apps(before)),
    removedApps: diff(apps(before), apps(after)),
  };
}

/**
 * The server's safety net (a background job): reads the settings again and, when they changed
 * without this node hearing of it (a change made by `masthead mirrors add` on a newsroom without
 * Redis, a message lost while Redis was away), drops this node's cached pages.
 */
export async function refreshAddresses(ctx: Context): Promise<boolean> {
  const before = ctx.addresses.current();
  if ((await ctx.addresses.reload()) === before) return false;
  ctx.cache.pages.invalidate([SITE]);
  return true;
}

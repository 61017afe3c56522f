import { z } from 'zod';
import { singleLine } from '../lib/text.js';
import { hostName } from './hosts.js';

/**
 * What makes an alternate address or an app link acceptable: one set of rules for the
 * environment's defaults (config.ts) and the newsroom's own list (the admin API). No database
 * here: the configuration loads it.
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
}

export const MAX_ALTERNATES = 200;
export const MAX_APPS = 20;

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

/** A string checked by one of the rules above, the input named in the message (cut short). */
const checkedBy = (check: (raw: string) => Checked) =>
  z
    .string()
    .max(2048)
    .transform((raw, ctx) => {
      const r = check(raw);
      if ('value' in r) return r.value;
      ctx.addIssue({ code: 'custom', message: `"${raw.trim().slice(0, 100)}" ${r.problem}` });
      return z.NEVER;
    });

/** The body of `PUT /api/admin/addresses`. */
export const addressInput = z.object({
  alternates: z.array(checkedBy(checkAlternate)).max(MAX_ALTERNATES),
  apps: z
    .array(
      z.object({
        label: z
          .string()
          .trim()
          .min(1, 'an app needs a label')
          .max(80)
          .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
        url: checkedBy(checkAppUrl),
      }),
    )
    .max(MAX_APPS),
  /**
   * The `updatedAt` the editor started from (null for the environment's): a save over someone
   * else's newer one is refused (409) rather than silently dropping the addresses they added.
   */
  basedOn: singleLine().max(40).nullable(),
});
export type AddressInput = z.infer<typeof addressInput>;

/** Or, to drop the newsroom's list and go back to the environment's. */
export const resetInput = z.object({
  useEnvironment: z.literal(true),
  basedOn: singleLine().max(40).nullable(),
});
export type ResetInput = z.infer<typeof resetInput>;

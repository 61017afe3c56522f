import { z } from 'zod';
import { type Checked, checkAlternate, checkAppUrl } from '../lib/address-rules.js';
import { singleLine } from '../lib/text.js';

/** The admin API's (and the CLI's) address inputs, checked by the rules in lib/address-rules.ts. */

export const MAX_ALTERNATES = 200;
export const MAX_APPS = 20;

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

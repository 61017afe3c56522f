import { z } from 'zod';
import { type Checked, checkAlternate, checkAppUrl } from '../lib/address-rules.js';
import { singleLine } from '../lib/text.js';
import { MAX_ROW_ID } from '../shared/ids.js';

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

const addressFields = z.object({
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
  /**
   * The alternates that are one edition's (address → edition id); the others serve the whole
   * site. Each address is written as in `alternates` (it is checked and compared as an origin).
   */
  editions: z
    .record(z.string().max(2048), z.number().int().positive().max(MAX_ROW_ID))
    .default({})
    .transform((map, ctx) => {
      const out: Record<string, number> = {};
      for (const [raw, id] of Object.entries(map)) {
        const r = checkAlternate(raw);
        if ('value' in r) out[r.value] = id;
        else ctx.addIssue({ code: 'custom', message: `"${raw.trim().slice(0, 100)}" ${r.problem}` });
      }
      return out;
    }),
});

/** Every address given an edition is one of the alternates. */
function editionsAmongAlternates(
  v: { alternates: string[]; editions: Record<string, number> },
  ctx: z.RefinementCtx,
): void {
  for (const origin of Object.keys(v.editions))
    if (!v.alternates.includes(origin))
      ctx.addIssue({
        code: 'custom',
        path: ['editions'],
        message: `"${origin.slice(0, 100)}" is given an edition but is not one of the alternates`,
      });
}

/** The body of `PUT /api/admin/addresses`. */
export const addressInput = addressFields.superRefine(editionsAmongAlternates);
/** The settings row as stored (written only by a save, so by these rules). */
export const storedAddresses = addressFields.omit({ basedOn: true }).superRefine(editionsAmongAlternates);
/** Checked by `addressInput`; `editions` may be left out (no address is an edition's). */
export type AddressInput = Omit<z.infer<typeof addressInput>, 'editions'> & {
  editions?: Record<string, number>;
};

/** Or, to drop the newsroom's list and go back to the environment's. */
export const resetInput = z.object({
  useEnvironment: z.literal(true),
  basedOn: singleLine().max(40).nullable(),
});
export type ResetInput = z.infer<typeof resetInput>;

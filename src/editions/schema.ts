import { z } from 'zod';
import { MAX_ROW_ID } from '../shared/ids.js';

/** What the newsroom sends to create or change an edition (admin API). */
const code = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lowercase letters, digits and hyphens, starting with a letter');
/** BCP 47 as Intl understands it ("es", "pt-BR", "sr-Latn"); checked by Intl below. */
const language = z
  .string()
  .min(2)
  .max(35)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone');
/** A path prefix: one segment, not one of the site's own top-level routes (checked in service). */
const prefix = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be one lowercase path segment, e.g. "es"');
const host = z
  .string()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
    'must be a host name',
  );

export const editionInput = z
  .object({
    code,
    language,
    name: z.string().trim().min(1).max(200),
    timeZone,
    prefix: prefix.nullable().default(null),
    host: host.nullable().default(null),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .refine((e) => (e.prefix === null) !== (e.host === null), {
    message: 'an edition has exactly one address: a path prefix or a host',
    path: ['prefix'],
  });
export type EditionInput = z.input<typeof editionInput>;

/** Any subset; the default edition keeps no address (it is the site's own). */
export const editionPatch = z
  .object({
    code,
    language,
    name: z.string().trim().min(1).max(200),
    timeZone,
    prefix: prefix.nullable(),
    host: host.nullable(),
    position: z.number().int().min(0).max(10_000),
  })
  .partial()
  .strict();
export type EditionPatch = z.input<typeof editionPatch>;

export const translationInput = z
  .object({
    editionId: z.number().int().positive().max(MAX_ROW_ID),
    /** A section of the target edition; omitted: its section of the same slug, else its first. */
    sectionId: z.number().int().positive().max(MAX_ROW_ID).optional(),
  })
  .strict();
export type TranslationInput = z.input<typeof translationInput>;

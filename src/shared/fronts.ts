import { z } from 'zod';
import { MAX_ROW_ID } from './ids.js';
import { slugInput } from './inputs.js';
import { singleLine } from './text.js';

/**
 * What the newsroom sends to write a curated front's lists (src/fronts). The server validates
 * with these schemas and the app takes its types from them, so the two cannot drift.
 *
 * A list is its pins (ordered picks, each maybe held to a slot, maybe ending at a time) over an
 * automatic source: `manual` (pins only), a query (a section with its descendants, a tag, an
 * author, video stories, the newest of all), or both ("mixed": pins in their slots, the query
 * fills the rest).
 */

const rowId = z.number().int().positive().max(MAX_ROW_ID);
const isoTime = z.string().datetime({ offset: true, message: 'must be an ISO 8601 date and time' });

/**
 * Where a list's automatic fill comes from: THE union of sources. A new kind (most read, say) is
 * one member here and one resolver in src/fronts/sources.ts; everything else reads lists through
 * those two places.
 */
/** The windows a most-read list counts over (src/audience keeps the counts). */
export const MOST_READ_WINDOWS = ['hour', 'day', 'week'] as const;
export type MostReadWindow = (typeof MOST_READ_WINDOWS)[number];

export const listSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z.object({ kind: z.literal('latest') }).strict(),
  z.object({ kind: z.literal('section'), sectionId: rowId }).strict(),
  z.object({ kind: z.literal('tag'), tagId: rowId }).strict(),
  z.object({ kind: z.literal('author'), authorId: rowId }).strict(),
  z.object({ kind: z.literal('video'), sectionId: rowId.nullable().default(null) }).strict(),
  z
    .object({
      kind: z.literal('most_read'),
      window: z.enum(MOST_READ_WINDOWS).default('day'),
      sectionId: rowId.nullable().default(null),
    })
    .strict(),
]);
export type ListSource = z.output<typeof listSource>;
export type ListSourceKind = ListSource['kind'];
export const LIST_SOURCE_KINDS: readonly ListSourceKind[] = [
  'manual',
  'latest',
  'section',
  'tag',
  'author',
  'video',
  'most_read',
];

/** How the theme draws a list (site/theme/fronts.tsx): a small, fixed set. */
export const LIST_VARIANTS = ['lead', 'grid', 'row', 'headlines', 'video'] as const;
export type ListVariant = (typeof LIST_VARIANTS)[number];

export const MAX_LIST_LENGTH = 30;
export const MAX_PINS = 30;

export const listPin = z
  .object({
    articleId: rowId,
    /** 1-based place in the list this pick holds; without one it takes the first free place. */
    slot: z.number().int().min(1).max(MAX_LIST_LENGTH).nullable().default(null),
    /** After this the pick is gone and the fill takes its place. */
    expiresAt: isoTime.nullable().default(null),
  })
  .strict();
export type ListPin = z.output<typeof listPin>;

export const listDefinition = z
  .object({
    source: listSource,
    pins: z
      .array(listPin)
      .max(MAX_PINS)
      .default([])
      .refine((pins) => new Set(pins.map((p) => p.articleId)).size === pins.length, 'a story is pinned twice')
      .refine((pins) => {
        const slots = pins.flatMap((p) => (p.slot === null ? [] : [p.slot]));
        return new Set(slots).size === slots.length;
      }, 'two pins hold the same slot'),
    limit: z.number().int().min(1).max(MAX_LIST_LENGTH).default(6),
    variant: z.enum(LIST_VARIANTS).default('grid'),
  })
  .strict();
export type ListDefinition = z.output<typeof listDefinition>;
export type ListDefinitionInput = z.input<typeof listDefinition>;

/**
 * `home` (the default edition's home page), `home@ID` (another edition's home, by edition id:
 * its code may change, its id does not), or one section's front (`section:ID`: a section
 * belongs to one edition, so its front does too).
 */
export const frontKey = z.union([
  z.literal('home'),
  z.string().regex(/^(?:section:|home@)[1-9][0-9]{0,15}$/, 'must be home, home@EDITION or section:ID'),
]);
export type FrontKey = z.output<typeof frontKey>;

/** Create a list on a front. */
export const listCreate = z
  .object({
    slug: slugInput,
    front: frontKey,
    title: singleLine().trim().max(200).default(''),
    position: z.number().int().min(0).max(1000).optional(),
    definition: listDefinition,
  })
  .strict();
export type ListCreateInput = z.input<typeof listCreate>;

/**
 * Save a list: the version the editor started from (a stale one is refused with 409), its title
 * and definition, and a scheduled version that takes over at `at` (null: none).
 */
export const listSave = z
  .object({
    version: z.number().int().min(1),
    title: singleLine().trim().max(200),
    definition: listDefinition,
    scheduled: z.object({ at: isoTime, definition: listDefinition }).strict().nullable().default(null),
  })
  .strict();
export type ListSaveInput = z.input<typeof listSave>;

/** A front's lists in their new order (every list of the front once). */
export const frontOrder = z.object({ slugs: z.array(slugInput).min(1).max(100) }).strict();

/** Preview: what a front (or an unsaved list) shows at a time. */
export const previewQuery = z.object({ at: isoTime.optional() }).strict();
export const listPreview = z
  .object({ at: isoTime.optional(), definition: listDefinition, front: frontKey.optional() })
  .strict();
export type ListPreviewInput = z.input<typeof listPreview>;

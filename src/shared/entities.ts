import { z } from 'zod';
import { MAX_ROW_ID } from './ids.js';
import { multiLine, singleLine } from './text.js';

/**
 * What the newsroom sends to write the entity registry and decide a story's suggestions
 * (src/knowledge, docs/knowledge.md): the server validates with these, the app infers its types.
 */
export const ENTITY_TYPES = ['person', 'organisation', 'place', 'event', 'topic'] as const;
export type EntityTypeName = (typeof ENTITY_TYPES)[number];

const rowId = z.number().int().positive().max(MAX_ROW_ID);
const name = singleLine().trim().min(1).max(200);

export const entityInput = z
  .object({
    type: z.enum(ENTITY_TYPES),
    name,
    description: multiLine().trim().max(2000).default(''),
    /** A person's current title or role ("Foreign Minister"): the checks before publishing compare with it. */
    title: singleLine().trim().max(200).default(''),
    wikidataQid: z
      .string()
      .regex(/^Q[1-9]\d{0,11}$/, 'a Wikidata item id such as Q159')
      .nullable()
      .default(null),
    sameAs: z
      .array(z.url({ protocol: /^https?$/ }).max(500))
      .max(20)
      .default([]),
    aliases: z
      .array(
        z.object({
          alias: name,
          language: z
            .string()
            .regex(/^[a-z]{2,3}$/, 'a language code such as en or rus')
            .nullable()
            .default(null),
        }),
      )
      .max(200)
      .default([]),
  })
  .strict();
export type EntityInputBody = z.input<typeof entityInput>;

/** A change to an entity: any field of the create; `aliases` replaces the list. */
export const entityPatch = z
  .object({
    type: z.enum(ENTITY_TYPES),
    name,
    description: multiLine().trim().max(2000),
    title: singleLine().trim().max(200),
    wikidataQid: z
      .string()
      .regex(/^Q[1-9]\d{0,11}$/, 'a Wikidata item id such as Q159')
      .nullable(),
    sameAs: z.array(z.url({ protocol: /^https?$/ }).max(500)).max(20),
    aliases: entityInput.shape.aliases.unwrap(),
  })
  .partial()
  .strict();

export const entityMerge = z.object({ into: rowId }).strict();
export const suggestionLink = z.object({ entityId: rowId }).strict();

/** A split: the new entity's name (and type …), and what of the old one moves to it. */
export const entitySplit = z
  .object({
    name,
    type: z.enum(ENTITY_TYPES).optional(),
    description: multiLine().trim().max(2000).optional(),
    wikidataQid: entityPatch.shape.wikidataQid,
    aliases: z.array(name).max(200).default([]),
    articleIds: z.array(rowId).max(10_000).default([]),
  })
  .strict()
  .refine((v) => v.aliases.length + v.articleIds.length > 0, {
    message: 'name the aliases or the stories that move to the new entity',
    path: ['aliases'],
  });

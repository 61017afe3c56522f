import { z } from 'zod';

/**
 * The Content API's contract: request parameters (validated on every request) and response
 * shapes (the presenters' output; the OpenAPI document is generated from both, and the tests
 * validate real responses against it).
 */
const slug = z.string().regex(/^[a-z0-9-]{1,120}$/, 'a slug: lowercase letters, digits and hyphens');
const sectionPath = z
  .string()
  .max(500)
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'a section path such as news/politics');

export const ARTICLE_FIELDS = [
  'id',
  'slug',
  'url',
  'path',
  'headline',
  'dek',
  'summary',
  'section',
  'authors',
  'tags',
  'dateline',
  'publishedAt',
  'updatedAt',
  'version',
  'leadImage',
  'notices',
  'entities',
  'bodyHtml',
  'bodyText',
  'bodyDocument',
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];
/** Lists leave the bodies (and the entities, one more query) out unless `fields` asks for them. */
export const LIST_DEFAULT_FIELDS = ARTICLE_FIELDS.filter((f) => !f.startsWith('body') && f !== 'entities');

const fields = z
  .string()
  .max(500)
  .describe(`Comma-separated fields to return (id is always included): ${ARTICLE_FIELDS.join(', ')}`);

export const listArticlesQuery = z
  .object({
    section: sectionPath.optional().describe('Section path; stories of its subsections are included'),
    tag: slug.optional().describe('Tag slug'),
    author: slug.optional().describe('Author slug'),
    edition: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'an edition code such as es')
      .optional()
      .describe('Edition code (`GET /api/admin/editions`); only that edition’s stories'),
    updated_since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only stories changed at or after this time; switches the order to oldest change first'),
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1 to 100'),
    fields: fields.optional(),
  })
  .strict();

export const articleQuery = z
  .object({
    fields: fields.optional(),
    format: z.enum(['json', 'ninjs']).default('json').describe('ninjs: the story as IPTC ninjs 2.1'),
  })
  .strict();

export const listTagsQuery = z
  .object({
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size, 1 to 500'),
  })
  .strict();

/** `{ id }` of a story: the same rule as the newsroom API's (lib/ids.ts). */
export { idParams as idParam } from '../../lib/ids.js';
export const slugParam = z.object({ slug });
export const listSlugParam = z.object({
  slug: z
    .string()
    .max(120)
    .regex(/^[a-z][a-z0-9-]*$/, 'a list slug: lowercase letters, digits and hyphens'),
});
export const listQuery = z.object({ fields: fields.optional() }).strict();

const ref = (what: string) =>
  z.object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    url: z.url().describe(`Absolute URL of the ${what} page`),
  });

export const imageSchema = z.object({
  url: z.url(),
  width: z.number().int(),
  height: z.number().int(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  filePhoto: z.boolean(),
  renditions: z.array(z.object({ width: z.number().int(), url: z.url(), type: z.string() })),
});

export const articleSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.url(),
    path: z.string(),
    headline: z.string(),
    dek: z.string(),
    summary: z.string(),
    section: z.object({ id: z.number().int(), name: z.string(), path: z.string(), url: z.url() }).nullable(),
    authors: z.array(ref('author')),
    tags: z.array(ref('tag')),
    dateline: z.string().nullable(),
    publishedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
    leadImage: imageSchema.nullable(),
    notices: z
      .array(
        z.object({
          id: z.number().int(),
          kind: z.enum(['correction', 'clarification', 'update', 'editors_note']),
          label: z
            .string()
            .describe("How the site names the kind: Correction, Clarification, Update, Editor's note"),
          text: z.string().describe('Plain text'),
          createdAt: z.iso.datetime(),
          editedAt: z.iso.datetime().nullable(),
        }),
      )
      .describe("Corrections, clarifications, updates and editor's notes shown with the story, oldest first"),
    entities: z
      .array(
        z.object({
          id: z.number().int(),
          type: z.enum(['person', 'organisation', 'place', 'event', 'topic']),
          name: z.string(),
          slug: z.string(),
          wikidataQid: z.string().nullable(),
          sameAs: z.array(z.string()),
        }),
      )
      .describe(
        'The people, organisations and places the newsroom confirmed the story is about (docs/knowledge.md)',
      ),
    bodyHtml: z.string(),
    bodyText: z.string(),
    bodyDocument: z
      .object({ type: z.literal('doc'), content: z.array(z.looseObject({ type: z.string() })) })
      .describe('The typed body document (ProseMirror/TipTap JSON; see docs/api.md)'),
  })
  .partial()
  .required({ id: true });

export const articleListSchema = z.object({
  data: z.array(articleSchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

export const articleResponseSchema = z.object({ data: articleSchema });

export const listResponseSchema = z.object({
  slug: z.string(),
  title: z.string(),
  front: z.string().describe('`home`, or `section:ID` of the section front the list is on'),
  variant: z.enum(['lead', 'grid', 'row', 'headlines', 'video']).describe('How the site draws it'),
  data: z.array(articleSchema).describe('The stories in the order the front shows them'),
});

export interface SectionOut {
  id: number;
  slug: string;
  name: string;
  description: string;
  path: string;
  url: string;
  children: SectionOut[];
}
export const sectionSchema: z.ZodType<SectionOut> = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  path: z.string(),
  url: z.url(),
  get children() {
    return z.array(sectionSchema);
  },
});
export const sectionsResponseSchema = z.object({ data: z.array(sectionSchema) });

export const tagListSchema = z.object({
  data: z.array(ref('tag')),
  nextCursor: z.string().nullable(),
});

export const authorSchema = ref('author').extend({ bio: z.string(), avatar: imageSchema.nullable() });
export const authorsResponseSchema = z.object({ data: z.array(authorSchema) });

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(['bad_request', 'unauthorized', 'not_found', 'rate_limited', 'internal']),
    message: z.string(),
    // `field` is the name both APIs use (docs/decisions.md "One error type"); `path` is the same
    // value under its v1 name, kept for clients written before.
    details: z.array(z.object({ field: z.string(), path: z.string(), message: z.string() })),
  }),
});

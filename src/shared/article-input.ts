import { z } from 'zod';
import { MAX_ROW_ID } from './ids.js';
import { ARTICLE_SLUG_PATTERN } from './slug.js';
import { multiLine, singleLine } from './text.js';
import { ARTICLE_STATUSES } from './vocabulary.js';

/** Input of an article write. Field names are the API's (camelCase); rows are snake_case. */
export const articleInput = z.object({
  slug: z.string().max(120).regex(ARTICLE_SLUG_PATTERN, 'lowercase words joined by hyphens').optional(),
  headline: singleLine().trim().min(1).max(300),
  dek: multiLine().trim().max(1000).default(''),
  /** The body document; validated by shared/document, which names the bad node. */
  body: z.unknown(),
  sectionId: z.number().int().positive().max(MAX_ROW_ID),
  authorIds: z.array(z.number().int().positive().max(MAX_ROW_ID)).max(20).default([]),
  tags: z.array(singleLine().trim().min(1).max(100)).max(50).default([]),
  leadMediaId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
  leadCaption: multiLine().max(1000).default(''),
  leadCredit: singleLine().max(300).default(''),
  leadFilePhoto: z.boolean().default(false),
  status: z.enum(ARTICLE_STATUSES as [string, ...string[]]).default('draft'),
  publishAt: z.iso.datetime({ offset: true }).nullable().default(null),
  seoTitle: singleLine().trim().max(300).nullable().default(null),
  seoDescription: multiLine().trim().max(1000).nullable().default(null),
  dateline: singleLine().trim().max(100).nullable().default(null),
  /** Before this time no public face may show the story (enforced by the workflow). */
  embargoUntil: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type ArticleInput = z.input<typeof articleInput>;
export type ArticleData = z.output<typeof articleInput>;

import { z } from 'zod';
import { MAX_ROW_ID } from './ids.js';
import { SLUG_PATTERN } from './slug.js';
import { isSafeHref } from './document/index.js';
import { multiLine, singleLine } from './text.js';

/**
 * What the newsroom sends to write sections, bylines, tags and notices: the server validates
 * with these schemas and the app takes its types from them (`z.input`), so the two cannot drift.
 * The story write is shared/article-input.ts.
 */

const rowId = z.number().int().positive().max(MAX_ROW_ID);

export const slugInput = z
  .string()
  .max(120)
  .regex(SLUG_PATTERN, 'lowercase letters, digits and hyphens, starting with a letter');

export const sectionInput = z.object({
  slug: slugInput,
  name: singleLine().trim().min(1).max(200),
  description: multiLine().trim().max(2000).default(''),
  parentId: rowId.nullable().default(null),
  position: z.number().int().min(0).max(100_000).default(0),
  /** The edition whose tree it joins (src/editions); a sub-section joins its parent's. */
  editionId: rowId.optional(),
});
export const sectionPatch = sectionInput.omit({ editionId: true }).partial();
/** The children of one parent in their new order (every child listed once). */
export const sectionOrder = z.object({ parentId: rowId.nullable(), ids: z.array(rowId).min(1).max(1000) });
export type SectionInput = z.input<typeof sectionInput>;
export type SectionPatchInput = z.input<typeof sectionPatch>;

export const authorInput = z.object({
  slug: slugInput.optional(),
  name: singleLine().trim().min(1).max(200),
  bio: multiLine().trim().max(5000).default(''),
  avatarMediaId: rowId.nullable().default(null),
});
export type AuthorInputBody = z.input<typeof authorInput>;

const tagName = singleLine().trim().min(1).max(100);
export const tagInput = z.object({ name: tagName });
export const tagRename = z.object({ name: tagName, slug: slugInput.optional() });
export const tagMerge = z.object({ into: rowId });
export type TagRenameInput = z.input<typeof tagRename>;

export const NOTICE_KINDS = ['correction', 'clarification', 'update', 'editors_note'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_MAX_LENGTH = 2000;

const noticeText = multiLine()
  .trim()
  .min(1, 'must not be empty')
  .max(NOTICE_MAX_LENGTH, `at most ${NOTICE_MAX_LENGTH} characters`);

/** A notice readers see with a story (validated before anything is written). */
export const noticeInput = z.object({ kind: z.enum(NOTICE_KINDS), text: noticeText }).strict();
export const noticePatch = noticeInput.partial().strict();
export type NoticeInput = z.input<typeof noticeInput>;
export type NoticePatch = z.input<typeof noticePatch>;

export const ALERT_LEVELS = ['breaking', 'developing', 'live'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_MAX_LENGTH = 200;
/** The longest an alert may stay up: a banner nobody looks after must still end. */
export const ALERT_MAX_HOURS = 48;

/**
 * Where a banner may link: a path on this site ("/world/2026/12/06/flood", no "//host", no
 * backslash) or an absolute https URL that passes the story body's link rules.
 */
export function isAlertLink(href: string): boolean {
  if (href.startsWith('/')) return /^\/(?![/\\])[^\s\\]*$/.test(href) && href.length <= 2000;
  return href.startsWith('https://') && isSafeHref(href);
}

/**
 * Raising an alert. `expiresAt` is required and must lie ahead of the writer's clock by at most
 * ALERT_MAX_HOURS; that check needs "now", so content/alerts.ts makes it.
 */
export const alertInput = z
  .object({
    text: singleLine()
      .trim()
      .min(1, 'must not be empty')
      .max(ALERT_MAX_LENGTH, `at most ${ALERT_MAX_LENGTH} characters`),
    link: singleLine()
      .trim()
      .max(2000)
      .refine((v) => v === '' || isAlertLink(v), 'must be a path on this site ("/…") or an https URL')
      .nullable()
      .default(null)
      .transform((v) => (v === '' ? null : v)),
    level: z.enum(ALERT_LEVELS).default('breaking'),
    expiresAt: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date and time' }),
    /** The edition whose pages show it (src/editions); null or absent: every edition's. */
    editionId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  })
  .strict();
export type AlertInput = z.input<typeof alertInput>;

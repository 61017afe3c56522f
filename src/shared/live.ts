import { z } from 'zod';
import type { Doc } from './document/index.js';
import { singleLine } from './text.js';

/**
 * What the newsroom sends to write live coverage (src/live): the server validates with these and
 * the app takes its types from them. An entry's body is a document (shared/document), checked by
 * validateDocument on the server, which names the bad node.
 */
export const LIVE_ENTRY_KINDS = ['text', 'image', 'video', 'quote'] as const;
export type LiveEntryKind = (typeof LIVE_ENTRY_KINDS)[number];

export const LIVE_TITLE_MAX = 200;

export const liveEntryInput = z
  .object({
    kind: z.enum(LIVE_ENTRY_KINDS).default('text'),
    title: singleLine().trim().max(LIVE_TITLE_MAX).default(''),
    body: z.unknown(),
    keyPoint: z.boolean().default(false),
    pinned: z.boolean().default(false),
  })
  .strict();
export type LiveEntryInput = z.input<typeof liveEntryInput>;

/** An edit names the version it was based on: a stale one is refused (409), like stories. */
export const liveEntryPatch = z
  .object({
    version: z.number().int().positive(),
    kind: z.enum(LIVE_ENTRY_KINDS).optional(),
    title: singleLine().trim().max(LIVE_TITLE_MAX).optional(),
    body: z.unknown().optional(),
    keyPoint: z.boolean().optional(),
    pinned: z.boolean().optional(),
  })
  .strict();
export type LiveEntryPatch = z.input<typeof liveEntryPatch>;

export const liveEntryDelete = z.object({ version: z.number().int().positive() }).strict();

/** A story's live coverage as every face shows it (the server's model and the app's reads). */
export interface Coverage {
  articleId: number;
  state: 'live' | 'ended';
  startedAt: string;
  startedBy: string | null;
  endedAt: string | null;
  endedBy: string | null;
}

/** One entry as the newsroom API and the reader pages use it (allow-listed fields). */
export interface LiveEntry {
  id: number;
  articleId: number;
  authorId: number | null;
  authorName: string;
  kind: LiveEntryKind;
  title: string;
  body: Doc;
  keyPoint: boolean;
  pinned: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

import { sql } from 'kysely';
import { z } from 'zod';
import { can } from '../../accounts/index.js';
import {
  bylined,
  bylinesOf,
  descendantIds,
  latestNotes,
  loadSectionTree,
  pendingChangesFor,
  type SectionTree,
  tagged,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { ARTICLE_STATUSES, type ArticleRow, type ArticleStatus, containsText } from '../../db/index.js';
import { invalidInput } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { singleLine } from '../../lib/text.js';
import { authorize, type Router } from '../http.js';
import { presentSummary } from './presenters.js';

const listQuery = z.object({
  status: z
    .union([z.enum(ARTICLE_STATUSES as [ArticleStatus, ...ArticleStatus[]]), z.string().regex(/^[a-z_,]+$/)])
    .optional()
    .transform((v, c) => {
      if (!v) return undefined;
      const list = v.split(',');
      const bad = list.find((s) => !(ARTICLE_STATUSES as string[]).includes(s));
      if (bad) {
        c.addIssue({ code: 'custom', message: `unknown status "${bad}"` });
        return z.NEVER;
      }
      return list as ArticleStatus[];
    }),
  sectionId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  authorId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  tagId: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  q: singleLine().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** `published`: by first publication time; only stories that have one are listed. */
  sort: z.enum(['updated', 'created', 'published']).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: singleLine().max(200).optional(),
  /** Numbered pages (the stories screen) instead of a cursor; the answer then carries `total`. */
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  deleted: z.enum(['true', 'false']).default('false'),
  /** Live stories with changes waiting: any working copy (true) or one sent for review (in_review). */
  pending: z.enum(['true', 'in_review']).optional(),
});

/** The story list's position: the last story's sort key (updated, created or published time) and id. */
const storyPosition = z.object({ k: z.string().max(99), i: z.number().int().positive().max(MAX_ROW_ID) });
/** Cursors issued before lib/cursor.ts were a bare `[key, id]` pair; clients may still hold one. */
const legacyStoryPosition = z
  .tuple([z.string().max(99), z.number().int().positive().max(MAX_ROW_ID)])
  .transform(([k, i]) => ({ k, i }));
const storyCursor = z.union([storyPosition, legacyStoryPosition]);

const SORT_COLUMN = {
  updated: 'articles.updated_at',
  created: 'articles.created_at',
  published: 'articles.first_published_at',
} as const;

function sortKey(sort: keyof typeof SORT_COLUMN, row: ArticleRow): string {
  if (sort === 'published') return row.first_published_at ?? '';
  return sort === 'updated' ? row.updated_at : row.created_at;
}

/**
 * Story rows as lists show them (the desk, the stories screen, newsroom search): the summary,
 * the latest note between writer and editor, waiting changes, section name and bylines — a few
 * queries per page, never one per row.
 */
export async function presentListRows(ctx: Context, rows: ArticleRow[], tree: SectionTree) {
  const ids = rows.map((a) => a.id);
  const notes = await latestNotes(ctx.db, ids);
  const pending = await pendingChangesFor(ctx.db, ids);
  const bylines = await bylinesOf(ctx.db, ids);
  return rows.map((a) => ({
    ...presentSummary(a),
    latestNote: notes.get(a.id) ?? null,
    pendingChanges: pending.get(a.id) ?? null,
    sectionName: tree.byId.get(a.section_id)?.name ?? null,
    authors: (bylines.get(a.id) ?? []).map((au) => ({ id: au.id, name: au.name })),
  }));
}

function decodeStoryCursor(raw: string) {
  const c = decodeCursor(raw, storyCursor);
  if (!c)
    throw invalidInput('cursor: is not a cursor this API gave out', undefined, [
      { field: 'query.cursor', message: 'invalid cursor' },
    ]);
  return c;
}

/** GET /articles: the newsroom's story list, by cursor (desk, scripts) or by page number (screens). */
export function articleListRoute(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/articles',
    tag: 'articles',
    summary:
      'List stories: filter by status, section (with sub-sections), author, tag, text, dates; cursor or numbered pages',
    query: listQuery,
    handler: async ({ query, actor }) => {
      if (query.deleted === 'true') authorize(actor, 'article.restore');
      if (query.page && query.cursor) throw invalidInput('page: give either page or cursor, not both');
      const sort = SORT_COLUMN[query.sort];
      let q = ctx.db
        .selectFrom('articles')
        .where('articles.deleted_at', query.deleted === 'true' ? 'is not' : 'is', null);
      // A story never published has no place in publication order (and a null key no cursor).
      if (query.sort === 'published') q = q.where('articles.first_published_at', 'is not', null);
      // Roles that read only their own stories list only their own stories.
      if (!can(actor, 'article.read', { ownerId: -1 })) q = q.where('articles.created_by', '=', actor.id);
      if (query.status) q = q.where('articles.status', 'in', query.status);
      const tree = await loadSectionTree(ctx.db);
      if (query.sectionId) {
        const ids = descendantIds(tree, query.sectionId);
        if (!ids.length) throw invalidInput(`sectionId: section ${query.sectionId} does not exist`);
        q = q.where('articles.section_id', 'in', ids);
      }
      if (query.authorId) q = q.where(bylined(query.authorId));
      if (query.tagId) q = q.where(tagged(query.tagId));
      if (query.q) {
        const text = query.q;
        q = q.where((eb) =>
          eb.or(
            ['articles.headline', 'articles.dek', 'articles.slug'].map((c) =>
              containsText(ctx.dialect, c, text),
            ),
          ),
        );
      }
      if (query.from) q = q.where(sort, '>=', new Date(query.from).toISOString());
      if (query.to) q = q.where(sort, '<=', new Date(query.to).toISOString());
      if (query.pending) {
        const state = query.pending;
        q = q.where('articles.id', 'in', (eb) =>
          eb
            .selectFrom('working_copies')
            .select('working_copies.article_id')
            .where('working_copies.content', 'is not', null)
            .$if(state === 'in_review', (w) => w.where('working_copies.review_state', '=', 'in_review')),
        );
      }
      const filtered = q;
      if (query.cursor) {
        const c = decodeStoryCursor(query.cursor);
        const op = query.order === 'desc' ? '<' : '>';
        q = q.where((eb) =>
          eb.or([eb(sort, op, c.k), eb.and([eb(sort, '=', c.k), eb('articles.id', op, c.i)])]),
        );
      }
      const rows = await q
        .selectAll('articles')
        .orderBy(sort, query.order)
        .orderBy('articles.id', query.order)
        .$if(query.page !== undefined, (qb) => qb.offset(((query.page ?? 1) - 1) * query.limit))
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const more = rows.length > query.limit && last;
      // The total costs a second query, so only numbered pages (which show "page 2 of 7") pay it.
      const total =
        query.page === undefined
          ? undefined
          : Number(
              (await filtered.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
            );
      return {
        articles: await presentListRows(ctx, page, tree),
        nextCursor: more ? encodeCursor({ k: sortKey(query.sort, last), i: last.id }) : null,
        ...(total === undefined ? {} : { total, page: query.page }),
      };
    },
  });
}

import { z } from 'zod';
import { can } from '../../accounts/index.js';
import { descendantIds, loadSectionTree } from '../../content/index.js';
import type { Context } from '../../context.js';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../db/index.js';
import { invalidInput } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { singleLine } from '../../lib/text.js';
import { searchArticles } from '../../search/index.js';
import type { Router } from '../http.js';
import { presentListRows } from './article-list.js';

const id = z.coerce.number().int().positive().max(MAX_ROW_ID);

/** Newsroom search: drafts and the archive, ranked, for the roles that may read them. */
export function searchAdminRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/search',
    tag: 'articles',
    summary: 'Full-text search over stories in any state (writers: their own), with filters',
    query: z.object({
      q: singleLine().max(10_000),
      status: z
        .string()
        .max(200)
        .optional()
        .transform((v, c) => {
          if (!v) return undefined;
          const list = v.split(',');
          if (list.some((s) => !(ARTICLE_STATUSES as string[]).includes(s))) {
            c.addIssue({ code: 'custom', message: 'unknown status' });
            return z.NEVER;
          }
          return list as ArticleStatus[];
        }),
      sectionId: id.optional(),
      authorId: id.optional(),
      tagId: id.optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      sort: z.enum(['relevance', 'date']).default('relevance'),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
      /**
       * `stories`: the hits as the story list's rows (summary, bylines, section, note, waiting
       * changes) with the snippet, for the stories screen; `hits` (default): the ranked hits.
       */
      view: z.enum(['hits', 'stories']).default('hits'),
    }),
    handler: async ({ query, actor }) => {
      let sectionIds: number[] | undefined;
      const tree = await loadSectionTree(ctx.db);
      if (query.sectionId) {
        sectionIds = descendantIds(tree, query.sectionId);
        if (!sectionIds.length) throw invalidInput(`sectionId: section ${query.sectionId} does not exist`);
      }
      const result = await searchArticles(ctx.db, {
        q: query.q,
        statuses: query.status,
        sectionIds,
        authorId: query.authorId,
        tagId: query.tagId,
        from: query.from ? new Date(query.from).toISOString() : undefined,
        to: query.to ? new Date(query.to).toISOString() : undefined,
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
        // Writers search their own stories only, as they list them.
        createdBy: can(actor, 'article.read', { ownerId: -1 }) ? undefined : actor.id,
        now: ctx.now(),
      });
      if (query.view === 'hits') return { total: result.total, hits: result.hits };
      // In rank order; a story deleted since it was indexed is left out.
      const ids = result.hits.map((h) => h.id);
      const rows = ids.length
        ? await ctx.db
            .selectFrom('articles')
            .selectAll()
            .where('id', 'in', ids)
            .where('deleted_at', 'is', null)
            .execute()
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ranked = ids.flatMap((i) => byId.get(i) ?? []);
      const snippets = new Map(result.hits.map((h) => [h.id, h.snippetHtml]));
      const articles = (await presentListRows(ctx, ranked, tree)).map((a) => ({
        ...a,
        snippetHtml: snippets.get(a.id) ?? '',
      }));
      return { total: result.total, articles };
    },
  });
}

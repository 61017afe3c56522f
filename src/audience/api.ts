import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { descendantIds, loadSectionTree } from '../content/index.js';
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { mostRead, type ViewWindow, WINDOWS } from './queries.js';

/**
 * `GET /api/content/v1/most-read` (docs/api.md): the most read public stories of the last hour,
 * day or week, optionally in a section and its descendants. Registered inside the Content API
 * plugin (distributionRoutes' `apiExtensions`): the same keys, limits, CORS and error shape.
 */

const query = z
  .object({
    window: z.enum(Object.keys(WINDOWS) as [ViewWindow, ...ViewWindow[]]).default('day'),
    section: z
      .string()
      .max(500)
      .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'a section path such as news/politics')
      .optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

export interface MostReadItem {
  id: number;
  headline: string;
  path: string;
  url: string;
  section: { name: string; path: string } | null;
  publishedAt: string;
  views: number;
}

export async function mostReadItems(
  ctx: Context,
  opts: { window: ViewWindow; sectionIds?: number[]; limit: number },
): Promise<MostReadItem[]> {
  const top = await mostRead(ctx.db, { now: ctx.now(), ...opts });
  if (!top.length) return [];
  const rows = await ctx.db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.headline',
      'articles.path',
      'articles.first_published_at',
      'sections.name as section_name',
      'sections.path as section_path',
    ])
    .where(
      'articles.id',
      'in',
      top.map((t) => t.articleId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const site = ctx.config.site.url.replace(/\/+$/, '');
  return top.flatMap((t) => {
    const r = byId.get(t.articleId);
    if (!r?.path) return [];
    return [
      {
        id: r.id,
        headline: r.headline,
        path: r.path,
        url: `${site}${r.path}`,
        section: r.section_name && r.section_path ? { name: r.section_name, path: r.section_path } : null,
        publishedAt: r.first_published_at ?? '',
        views: t.views,
      },
    ];
  });
}

export function contentApiMostRead(ctx: Context) {
  return (api: FastifyInstance) => {
    api.get<{ Querystring: Record<string, unknown> }>('/most-read', async (req, reply) => {
      const parsed = query.safeParse(req.query);
      if (!parsed.success)
        throw badRequest(
          'Invalid query parameters',
          parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })),
        );
      const { window, section, limit } = parsed.data;
      let sectionIds: number[] | undefined;
      if (section) {
        const tree = await loadSectionTree(ctx.db);
        const node = tree.byPath.get(section);
        if (!node)
          throw notFound('No such section', [{ field: 'section', message: `no section "${section}"` }]);
        sectionIds = descendantIds(tree, node.id);
      }
      const data = await mostReadItems(ctx, { window, sectionIds, limit });
      // Counts move a little every ten seconds (the flush); a minute is fresh enough for a list.
      return reply
        .header('cache-control', 'public, max-age=60')
        .send({ data, window, section: section ?? null });
    });
  };
}

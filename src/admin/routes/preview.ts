import type { Context } from '../../context.js';
import { issuePreview } from '../../site/preview.js';
import { ApiError, authorize, idParams, type Router } from '../http.js';

/** Preview links: anyone who may read a story may hand out a link that shows it, draft or not. */
export function previewAdminRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'POST',
    url: '/articles/:id/preview',
    tag: 'articles',
    summary: 'A private, expiring link to the story as the public site would render it (drafts too)',
    params: idParams,
    status: 201,
    handler: async ({ params, actor }) => {
      const row = await ctx.db
        .selectFrom('articles')
        .select(['id', 'created_by', 'deleted_at'])
        .where('id', '=', params.id)
        .executeTakeFirst();
      const missing = new ApiError(404, 'not_found', `article ${params.id} not found`);
      if (!row || row.deleted_at) throw missing;
      try {
        authorize(actor, 'article.read', { ownerId: row.created_by });
      } catch {
        throw missing; // as elsewhere: a story one may not read looks like a missing one
      }
      const link = await issuePreview(ctx, row.id);
      return { url: `${ctx.config.site.url}${link.path}`, path: link.path, expiresAt: link.expiresAt };
    },
  });
}

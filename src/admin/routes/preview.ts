import { issuePreview } from '../../content/index.js';
import type { Context } from '../../context.js';
import { idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

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
      const row = await readableStory(ctx.db, actor, params.id);
      const link = await issuePreview(ctx, row.id);
      return { url: `${ctx.config.site.url}${link.path}`, path: link.path, expiresAt: link.expiresAt };
    },
  });
}

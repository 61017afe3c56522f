import { z } from 'zod';
import { mostReadItems, siteViews, storyViews, type ViewWindow, WINDOWS } from '../../audience/index.js';
import type { Context } from '../../context.js';
import { idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * Views, for the newsroom (docs/admin.md, "Most read"): the site's views with the most read
 * stories, and one story's views. Counts only, nothing about readers is kept (src/audience).
 */
const windowQuery = z
  .object({ window: z.enum(Object.keys(WINDOWS) as [ViewWindow, ...ViewWindow[]]).default('day') })
  .strict();

export function viewAdminRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/views',
    tag: 'views',
    summary:
      "The site's views (last hour, 24 hours, all time, per hour and per day) and the most read stories",
    query: windowQuery,
    handler: async ({ query }) => ({
      ...(await siteViews(ctx.db, ctx.now())),
      window: query.window,
      mostRead: await mostReadItems(ctx, { window: query.window, limit: 20 }),
      pending: ctx.views.pending(),
    }),
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/views',
    tag: 'views',
    summary: "A story's views: last hour, 24 hours, all time, per hour (48 h) and per day (30 days)",
    params: idParams,
    handler: async ({ params, actor }) => {
      await readableStory(ctx.db, actor, params.id);
      return storyViews(ctx.db, params.id, ctx.now());
    },
  });
}

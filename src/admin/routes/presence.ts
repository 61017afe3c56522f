import { z } from 'zod';
import { heartbeat, leave, tabId, takeOver } from '../../content/index.js';
import type { Context } from '../../context.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { idParams, type Router } from '../http.js';
import { readableStory, storyFor } from './story-access.js';

/**
 * Who is editing a story (content/presence.ts). Anyone who may read the story may say they have
 * it open and see who else does; a story they may not read is 404 like everywhere else.
 */
export function presenceRoutes(r: Router, ctx: Context): void {
  const body = z.object({
    tabId,
    /** The version the editor holds; the answer names who saved when the story moved past it. */
    version: z.number().int().positive().max(MAX_ROW_ID).optional(),
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/presence',
    tag: 'presence',
    summary:
      'Heartbeat of an editor tab (every `heartbeatSeconds`): who else has the story open, whether someone took it over from this tab, and its current version',
    params: idParams,
    body,
    handler: async ({ params, body, actor }) => {
      const article = await readableStory(ctx.db, actor, params.id);
      return heartbeat(ctx.db, article, {
        articleId: article.id,
        userId: actor.id,
        tabId: body.tabId,
        now: ctx.now(),
        ...(body.version === undefined ? {} : { heldVersion: body.version }),
      });
    },
  });

  r.add({
    method: 'DELETE',
    url: '/articles/:id/presence',
    tag: 'presence',
    summary: 'The tab closed the story (without it, the tab counts as gone 30 s after its last heartbeat)',
    params: idParams,
    query: z.object({ tabId }),
    status: 204,
    handler: async ({ params, query, actor }) => {
      await readableStory(ctx.db, actor, params.id);
      await leave(ctx.db, { articleId: params.id, userId: actor.id, tabId: query.tabId });
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/presence/take-over',
    tag: 'presence',
    summary:
      'Take the story over from everyone else who has it open: they are told at their next heartbeat and can still save (the version check stays)',
    params: idParams,
    body: body.pick({ tabId: true }),
    handler: async ({ params, body, actor }) => {
      const article = await storyFor(ctx.db, actor, params.id, 'article.takeover');
      return takeOver(ctx.db, article, {
        articleId: article.id,
        userId: actor.id,
        tabId: body.tabId,
        now: ctx.now(),
      });
    },
  });
}

import { z } from 'zod';
import { can } from '../../accounts/index.js';
import { isPublicArticle } from '../../content/index.js';
import type { Context } from '../../context.js';
import type { ArticleRow } from '../../db/index.js';
import { notFound } from '../../errors.js';
import { rowIdParam } from '../../lib/ids.js';
import {
  type Coverage,
  coverageFor,
  deleteEntry,
  editEntry,
  endCoverage,
  entryHistory,
  listEntries,
  type LiveWriter,
  postEntry,
  startCoverage,
} from '../../live/index.js';
import { liveEntryDelete, liveEntryInput, liveEntryPatch } from '../../shared/live.js';
import { type AuthedActor, authorize, editorOf, idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * Live coverage of a story (src/live): its state and entries, starting and ending it
 * (`live.manage`), posting, editing and removing entries (`live.post`). Reporters who may not
 * open the story itself in the newsroom (writers see only their own) may still post to it while
 * it is live and public: a live story is covered by whoever is at the scene.
 */
export function liveRoutes(r: Router, ctx: Context): void {
  const entryParams = z.object({ id: rowIdParam, entryId: rowIdParam });

  const writerOf = (actor: AuthedActor): LiveWriter => ({
    ...editorOf(ctx, actor),
    name: actor.user.name,
  });

  /** The story, if the actor may see its live coverage (404 otherwise, as for every story). */
  async function liveStory(actor: AuthedActor, id: number): Promise<ArticleRow> {
    try {
      return await readableStory(ctx.db, actor, id);
    } catch (err) {
      const row = await ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      const coverage = row ? await coverageFor(ctx.db, id) : null;
      const now = ctx.now().toISOString();
      if (row && coverage?.state === 'live' && isPublicArticle(row, now) && can(actor, 'live.post'))
        return row;
      throw err;
    }
  }

  /** Who may post to (and edit the entries of) the story's live coverage: as its writer. */
  async function poster(actor: AuthedActor, id: number): Promise<LiveWriter> {
    await liveStory(actor, id);
    authorize(actor, 'live.post');
    return writerOf(actor);
  }

  const state = async (actor: AuthedActor, id: number, coverage?: Coverage | null) => ({
    coverage: coverage === undefined ? await coverageFor(ctx.db, id) : coverage,
    entries: await listEntries(ctx.db, id, { includeDeleted: true }),
    allowed: { manage: can(actor, 'live.manage'), post: can(actor, 'live.post') },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/live',
    tag: 'live',
    summary: "A story's live coverage: its state and entries, newest first (deleted ones marked)",
    params: idParams,
    handler: async ({ params, actor }) => {
      await liveStory(actor, params.id);
      return state(actor, params.id);
    },
  });

  // Starting and ending are the same request with a different verb: one route each, from a table.
  const transitions = [
    { verb: 'start', run: startCoverage, summary: 'Start covering the story live (again, if it had ended)' },
    {
      verb: 'end',
      run: endCoverage,
      summary: 'End the live coverage: the story reads as a normal one, its entries kept',
    },
  ] as const;
  for (const { verb, run, summary } of transitions) {
    r.add({
      method: 'POST',
      url: `/articles/:id/live/${verb}`,
      tag: 'live',
      summary,
      params: idParams,
      handler: async ({ params, actor }) => {
        await readableStory(ctx.db, actor, params.id);
        authorize(actor, 'live.manage');
        return state(actor, params.id, await run(ctx.db, params.id, writerOf(actor)));
      },
    });
  }

  r.add({
    method: 'POST',
    url: '/articles/:id/live/entries',
    tag: 'live',
    summary: 'Post an entry (text, image, video embed or quote; maybe pinned or a key point)',
    params: idParams,
    body: liveEntryInput,
    status: 201,
    handler: async ({ params, body, actor }) => {
      return postEntry(ctx.db, params.id, body, await poster(actor, params.id));
    },
  });

  r.add({
    method: 'PATCH',
    url: '/articles/:id/live/entries/:entryId',
    tag: 'live',
    summary: 'Change an entry based on the version you read (409 with the current entry when stale)',
    params: entryParams,
    body: liveEntryPatch,
    handler: async ({ params, body, actor }) => {
      return editEntry(ctx.db, params.id, params.entryId, body, await poster(actor, params.id));
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/live/entries/:entryId/delete',
    tag: 'live',
    summary: 'Remove an entry from the timeline (kept with its history; its permalink answers 410)',
    params: entryParams,
    body: liveEntryDelete,
    handler: async ({ params, body, actor }) => {
      const writer = await poster(actor, params.id);
      return deleteEntry(ctx.db, params.id, params.entryId, body.version, writer);
    },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/live/entries/:entryId/history',
    tag: 'live',
    summary: "An entry's every version, oldest first",
    params: entryParams,
    handler: async ({ params, actor }) => {
      await liveStory(actor, params.id);
      const history = await entryHistory(ctx.db, params.entryId);
      const own = await ctx.db
        .selectFrom('live_entries')
        .select('id')
        .where('id', '=', params.entryId)
        .where('article_id', '=', params.id)
        .executeTakeFirst();
      if (!own) throw notFound(`entry ${params.entryId} not found`);
      return { history };
    },
  });
}

import { z } from 'zod';
import { canSetByline } from '../../accounts/index.js';
import {
  articleInputOf,
  ContentError,
  createArticle,
  deleteStory,
  editsGoToWorkingCopy,
  getRevision,
  listHistoryEvents,
  listRevisions,
  noteText,
  moveStory,
  noticeInput,
  restoreStory,
  TRANSITIONS,
  type Transition,
  updateArticle,
  WORKING_COPY_ACTIONS,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import type { ArticleRow } from '../../db/index.js';
import { storyEntities } from '../../knowledge/index.js';
import { conflict, forbidden, invalidInput, notFound } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { articleInput } from '../../shared/article-input.js';
import { type AuthedActor, authorize, editorOf, idParams, type Router } from '../http.js';
import { articleListRoute } from './article-list.js';
import { assertChecksPass, isCheckedAction } from './checks.js';
import { checkTransitionNote, noteRoutes } from './notes.js';
import { presentArticle, TRANSITION_ACTION } from './presenters.js';
import { readableStory, storyFor } from './story-access.js';
import { withWorkingCopy, workingCopyRoutes } from './working-copy.js';

/** What an editor may send when saving: everything but the state, which moves by transitions. */
const writeBody = articleInput.omit({ status: true, publishAt: true });
const saveBody = writeBody.extend({ version: z.number().int().positive().max(MAX_ROW_ID) });

export function articleRoutes(r: Router, ctx: Context): void {
  const tz = ctx.config.site.timeZone;
  const now = () => ctx.now().toISOString();

  const load = (id: number, actor: AuthedActor, opts: { deleted?: boolean } = {}): Promise<ArticleRow> =>
    readableStory(ctx.db, actor, id, opts);

  /**
   * Bylines a save adds or removes must be ones the actor may set (`article.byline` in
   * docs/permissions.md); bylines an editor put on the story stay as they are. A story whose
   * bylines change between this check and the save fails its version check, so this is safe.
   */
  function checkBylines(actor: AuthedActor, before: readonly number[], after: readonly number[]): void {
    const changed = [
      ...after.filter((id) => !before.includes(id)),
      ...before.filter((id) => !after.includes(id)),
    ];
    const who = { ...actor, authorId: actor.user.author_id };
    const refused = changed.filter((id) => !canSetByline(who, id));
    if (refused.length)
      throw forbidden(
        `your role (${actor.role}) may not add or remove the byline of author ${refused.join(', ')}`,
      );
  }

  async function present(row: ArticleRow, actor: AuthedActor) {
    return withWorkingCopy(
      ctx,
      row,
      actor,
      presentArticle(ctx, row, await articleInputOf(ctx.db, row), actor),
    );
  }

  /** A stale save gets 409 with the current version in the body, so nothing is overwritten blindly. */
  async function conflictGuard<T>(id: number, actor: AuthedActor, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof ContentError && err.status === 409 && !err.field) {
        const current = await load(id, actor);
        throw conflict(err.message, { current: await present(current, actor) });
      }
      throw err;
    }
  }

  articleListRoute(r, ctx);
  const workingCopy = workingCopyRoutes(ctx, { checkBylines, conflictGuard, present });
  noteRoutes(r, ctx);

  r.add({
    method: 'POST',
    url: '/articles',
    tag: 'articles',
    summary: 'Create a draft',
    body: writeBody,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'article.create');
      const authorIds = body.authorIds?.length
        ? body.authorIds
        : actor.user.author_id
          ? [actor.user.author_id]
          : [];
      checkBylines(actor, [], authorIds);
      const row = await createArticle(
        ctx.db,
        { ...body, authorIds, status: 'draft' },
        { by: actor.label, createdBy: actor.id, timeZone: tz, now: now() },
      );
      return present(row, actor);
    },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id',
    tag: 'articles',
    summary: 'One story, with its body document, bylines, tags and entities (confirmed or suggested)',
    params: idParams,
    handler: async ({ params, actor }) => {
      const row = await load(params.id, actor);
      return { ...(await present(row, actor)), entities: await storyEntities(ctx.db, row.id) };
    },
  });

  for (const kind of ['save', 'autosave'] as const) {
    r.add({
      method: 'PUT',
      url: kind === 'save' ? '/articles/:id' : '/articles/:id/autosave',
      tag: 'articles',
      summary:
        kind === 'save'
          ? 'Save a story; `version` must be the one you loaded (409 with the current story otherwise)'
          : 'Autosave: like a save, but saves by one person within 5 minutes share a revision',
      params: idParams,
      body: saveBody,
      handler: async ({ params, body, actor }) => {
        const current = await load(params.id, actor);
        // A published or scheduled story: the save goes to its working copy, never to readers.
        if (editsGoToWorkingCopy(current.status)) return workingCopy.save(current, body, actor);
        authorize(actor, 'article.update', { ownerId: current.created_by, status: current.status });
        const { version, ...fields } = body;
        // A stale version gets its 409 below; judging its bylines against newer ones would mislead.
        if (version === current.version) {
          const stored = await articleInputOf(ctx.db, current);
          checkBylines(actor, stored.authorIds ?? [], fields.authorIds ?? []);
        }
        const row = await conflictGuard(params.id, actor, () =>
          updateArticle(
            ctx.db,
            params.id,
            { ...fields, status: current.status, publishAt: current.publish_at },
            { expectedVersion: version, by: actor.label, kind, timeZone: tz, now: now() },
          ),
        );
        return present(row, actor);
      },
    });
  }

  r.add({
    method: 'POST',
    url: '/articles/:id/transitions',
    tag: 'articles',
    summary:
      'Move a story: submit, return, publish, schedule, unschedule, unpublish, archive; on a published or scheduled story, submit, return, update (apply its working copy) and discard act on the working copy, with its version',
    params: idParams,
    body: z.object({
      // Typed as Transition: `update` and `discard` are answered by workingCopy.handles first.
      action: z.enum([...(Object.keys(TRANSITIONS) as Transition[]), ...WORKING_COPY_ACTIONS] as [
        Transition,
        ...Transition[],
      ]),
      publishAt: z.iso.datetime({ offset: true }).nullable().optional(),
      version: z.number().int().positive().max(MAX_ROW_ID),
      /** Publish past the checks' warnings (editors and above; errors are never overridden). */
      override: z.boolean().optional(),
      /** With submit, a note to the editor; with return, the reason (required). */
      note: noteText().optional(),
      /** With update: a notice readers see (a correction, say), added in the same transaction. */
      notice: noticeInput.optional(),
    }),
    handler: async ({ params, body, actor }) => {
      const current = await load(params.id, actor);
      checkTransitionNote(body.action, body.note);
      const { notice } = body;
      if (notice && (body.action as string) !== 'update')
        throw invalidInput(`notice: only update takes a notice, not ${body.action}`);
      if (notice) authorize(actor, 'notice.add', { ownerId: current.created_by, status: current.status });
      if (workingCopy.handles(body.action, current))
        return workingCopy.transition(current, body, actor, { notice, note: body.note });
      authorize(actor, TRANSITION_ACTION[body.action], {
        ownerId: current.created_by,
        status: current.status,
      });
      // Checks before publishing (routes/checks.ts); a stale version gets its 409 below instead.
      if (isCheckedAction(body.action) && body.version === current.version)
        await assertChecksPass(ctx, actor, current, await articleInputOf(ctx.db, current), body.action, body);
      const row = await conflictGuard(params.id, actor, () =>
        moveStory(ctx.db, params.id, body, editorOf(ctx, actor)),
      );
      return present(row, actor);
    },
  });

  r.add({
    method: 'DELETE',
    url: '/articles/:id',
    tag: 'articles',
    summary: 'Delete a story (restorable for 30 days; admins only)',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      await storyFor(ctx.db, actor, params.id, 'article.delete');
      await deleteStory(ctx.db, params.id, editorOf(ctx, actor));
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/restore',
    tag: 'articles',
    summary: 'Restore a deleted story (admins only)',
    params: idParams,
    handler: async ({ params, actor }) => {
      await storyFor(ctx.db, actor, params.id, 'article.restore', { deleted: true });
      const row = await restoreStory(ctx.db, params.id, editorOf(ctx, actor));
      return present(row, actor);
    },
  });

  r.add({
    method: 'GET',
    url: '/articles/:id/revisions',
    tag: 'revisions',
    summary: 'Revision history: who saved, when, and which fields changed',
    params: idParams,
    handler: async ({ params, actor }) => {
      await load(params.id, actor);
      return {
        revisions: await listRevisions(ctx.db, params.id),
        // Notices readers saw (content/notices.ts): entries of their own, by time.
        events: await listHistoryEvents(ctx.db, params.id),
      };
    },
  });

  const revParams = idParams.extend({ revisionId: z.coerce.number().int().positive().max(MAX_ROW_ID) });

  r.add({
    method: 'GET',
    url: '/articles/:id/revisions/:revisionId',
    tag: 'revisions',
    summary: 'One revision with its full snapshot',
    params: revParams,
    handler: async ({ params, actor }) => {
      await load(params.id, actor);
      const rev = await getRevision(ctx.db, params.id, params.revisionId);
      if (!rev) throw notFound(`revision ${params.revisionId} not found`);
      return rev;
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/revisions/:revisionId/restore',
    tag: 'revisions',
    summary: "Restore a revision's content as a new save (the story's state is kept)",
    params: revParams,
    body: z.object({ version: z.number().int().positive().max(MAX_ROW_ID) }),
    handler: async ({ params, body, actor }) => {
      const current = await load(params.id, actor);
      authorize(actor, 'article.update', { ownerId: current.created_by, status: current.status });
      const rev = await getRevision(ctx.db, params.id, params.revisionId);
      if (!rev) throw notFound(`revision ${params.revisionId} not found`);
      const s = rev.snapshot;
      const fields = writeBody.parse({
        slug: s.slug ?? undefined,
        headline: s.headline,
        dek: s.dek,
        body: s.body,
        sectionId: s.sectionId ?? s.section_id,
        authorIds: s.authorIds,
        tags: s.tags,
        leadMediaId: s.leadMediaId ?? s.lead_media_id ?? null,
        leadCaption: s.leadCaption ?? s.lead_caption ?? '',
        leadCredit: s.leadCredit ?? s.lead_credit ?? '',
        leadFilePhoto: s.leadFilePhoto ?? s.lead_file_photo === 1,
        seoTitle: s.seoTitle ?? s.seo_title ?? null,
        seoDescription: s.seoDescription ?? s.seo_description ?? null,
        dateline: s.dateline ?? null,
        embargoUntil: s.embargoUntil ?? s.embargo_until ?? null,
      });
      // On a live story the restored content becomes its working copy, like any save.
      if (editsGoToWorkingCopy(current.status))
        return workingCopy.save(current, { ...fields, version: body.version }, actor);
      const row = await conflictGuard(params.id, actor, () =>
        updateArticle(
          ctx.db,
          params.id,
          { ...fields, status: current.status, publishAt: current.publish_at },
          {
            expectedVersion: body.version,
            by: actor.label,
            kind: 'restore',
            detail: { fromVersion: rev.version },
            timeZone: tz,
            now: now(),
          },
        ),
      );
      return present(row, actor);
    },
  });
}

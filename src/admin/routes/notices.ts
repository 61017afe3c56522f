import { can } from '../../accounts/index.js';
import {
  addStoryNotice,
  editStoryNotice,
  listNotices,
  type Notice,
  noticeInput,
  noticePatch,
  removeStoryNotice,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { rowIdParam } from '../../lib/ids.js';
import { authorize, editorOf, idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * Notices readers see on a story (corrections, clarifications, updates, editor's notes):
 * list, add, edit, remove. Who may: `notice.add` / `notice.edit` in docs/permissions.md.
 * Every change is in the audit log, written in the change's transaction.
 */
const noticeParams = idParams.extend({ noticeId: rowIdParam });

export function noticeRoutes(r: Router, ctx: Context): void {
  /** `by` labels ("user:12") with the names the newsroom knows them by. */
  async function present(notices: Notice[]) {
    const ids = [
      ...new Set(
        notices
          .flatMap((n) => [n.createdBy, n.editedBy])
          .flatMap((l) => /^user:(\d+)$/.exec(l ?? '')?.[1] ?? []),
      ),
    ].map(Number);
    const users = ids.length
      ? await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
      : [];
    const name = (label: string | null) => users.find((u) => `user:${u.id}` === label)?.name ?? label;
    return notices.map((n) => ({ ...n, createdByName: name(n.createdBy), editedByName: name(n.editedBy) }));
  }

  r.add({
    method: 'GET',
    url: '/articles/:id/notices',
    tag: 'notices',
    summary: "A story's notices (corrections, clarifications, updates, editor's notes), removed ones too",
    params: idParams,
    handler: async ({ params, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      const subject = { ownerId: story.created_by, status: story.status };
      return {
        notices: await present(await listNotices(ctx.db, story.id)),
        allowed: { add: can(actor, 'notice.add', subject), edit: can(actor, 'notice.edit', subject) },
      };
    },
  });

  r.add({
    method: 'POST',
    url: '/articles/:id/notices',
    tag: 'notices',
    summary: 'Add a notice readers see with the story (on a public story: "Updated", feeds, webhook)',
    params: idParams,
    body: noticeInput,
    status: 201,
    handler: async ({ params, body, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      authorize(actor, 'notice.add', { ownerId: story.created_by, status: story.status });
      const notice = await addStoryNotice(ctx.db, story.id, body, editorOf(ctx, actor));
      return (await present([notice]))[0];
    },
  });

  r.add({
    method: 'PATCH',
    url: '/articles/:id/notices/:noticeId',
    tag: 'notices',
    summary: "Change a notice's kind or text (editors and above)",
    params: noticeParams,
    body: noticePatch.refine((p) => p.kind !== undefined || p.text !== undefined, 'send kind or text'),
    handler: async ({ params, body, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      authorize(actor, 'notice.edit', { ownerId: story.created_by, status: story.status });
      const notice = await editStoryNotice(ctx.db, story.id, params.noticeId, body, editorOf(ctx, actor));
      return (await present([notice]))[0];
    },
  });

  r.add({
    method: 'DELETE',
    url: '/articles/:id/notices/:noticeId',
    tag: 'notices',
    summary: 'Remove a notice from the story (kept on record; editors and above)',
    params: noticeParams,
    status: 204,
    handler: async ({ params, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      authorize(actor, 'notice.edit', { ownerId: story.created_by, status: story.status });
      await removeStoryNotice(ctx.db, story.id, params.noticeId, editorOf(ctx, actor));
    },
  });
}

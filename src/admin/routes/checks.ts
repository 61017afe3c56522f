import { z } from 'zod';
import { can } from '../../accounts/index.js';
import {
  type ArticleInput,
  articleInputOf,
  CHECK_ACTIONS,
  type CheckAction,
  checkStory,
  getWorkingCopy,
  type StoryCheck,
  workingCopyFields,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { consistencyChecks } from '../../knowledge/index.js';
import type { ArticleRow, Db } from '../../db/index.js';
import { DomainError, forbidden } from '../../errors.js';
import { type AuthedActor, idParams, type Router } from '../http.js';
import { readableStory } from './story-access.js';

/**
 * Checks before publishing, over HTTP: the list (`GET …/checks`) and the gate the publishing
 * transitions pass through. The gate sits in the routes, not in `transitionArticle`: the
 * scheduler, the CLI, imports and the demo seed move stories without a desk editor to ask.
 */

/** The list for a story's content as it would go out; what the checklist dialog shows. */
export async function storyChecks(
  ctx: Context,
  story: ArticleRow,
  content: ArticleInput,
  action: CheckAction,
  publishAt?: string | null,
): Promise<StoryCheck[]> {
  const now = ctx.now().toISOString();
  const checks = await checkStory(ctx.db, content, {
    articleId: story.id,
    action,
    now,
    publishAt,
    siteOrigins: [ctx.config.site.url, ...ctx.addresses.current().alternates],
  });
  // What the registry knows: names spelled two ways, dates that disagree, titles (src/knowledge).
  const storyDate =
    action === 'schedule' ? (publishAt ?? content.publishAt ?? now) : (story.first_published_at ?? now);
  const consistency = await consistencyChecks(ctx.db, content, {
    articleId: story.id,
    storyDate: new Date(storyDate).toISOString(),
    timeZone: ctx.config.site.timeZone,
  });
  return [...checks, ...consistency];
}

export function mayOverrideChecks(actor: AuthedActor, story: ArticleRow): boolean {
  return can(actor, 'article.override', { ownerId: story.created_by, status: story.status });
}

/**
 * Refuses (422 `checks_failed`, the list in `details.checks`) when the content has errors, or
 * warnings without `override`; an override by a role without `article.override` is a 403.
 * Call it after the permission check of the transition and before the transition itself,
 * with the content that would go public (a working copy for `update`).
 */
/**
 * What would go public: for `update`, the story's working copy (content/working-copy.ts) over
 * the story; otherwise the story as stored.
 */
export async function contentToCheck(db: Db, story: ArticleRow, action: CheckAction): Promise<ArticleInput> {
  const stored = await articleInputOf(db, story);
  const copy = action === 'update' ? await getWorkingCopy(db, story.id) : null;
  if (!copy) return stored;
  return { ...stored, ...workingCopyFields(story, copy), status: story.status, publishAt: story.publish_at };
}

export async function assertChecksPass(
  ctx: Context,
  actor: AuthedActor,
  story: ArticleRow,
  content: ArticleInput,
  action: CheckAction,
  opts: { override?: boolean; publishAt?: string | null } = {},
): Promise<StoryCheck[]> {
  const checks = await storyChecks(ctx, story, content, action, opts.publishAt);
  const errors = checks.filter((c) => c.severity === 'error');
  const warnings = checks.length - errors.length;
  if (errors.length)
    throw new DomainError(
      422,
      'checks_failed',
      `${errors.length} check${errors.length === 1 ? '' : 's'} failed: ${errors[0]?.message}`,
      { details: { checks } },
    );
  if (warnings && !opts.override)
    throw new DomainError(
      422,
      'checks_failed',
      `${warnings} warning${warnings === 1 ? '' : 's'} to look at first (an editor may override them)`,
      { details: { checks } },
    );
  if (warnings && !mayOverrideChecks(actor, story))
    throw forbidden(`your role (${actor.role}) may not publish past warnings; fix them or ask an editor`);
  return checks;
}

/** Whether a transition goes through the gate. */
export function isCheckedAction(action: string): action is CheckAction {
  return (CHECK_ACTIONS as readonly string[]).includes(action);
}

export function checkRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/articles/:id/checks',
    tag: 'articles',
    summary: 'Checks before publishing: errors and warnings for publish, schedule or update',
    params: idParams,
    query: z.object({
      action: z.enum(CHECK_ACTIONS as [CheckAction, ...CheckAction[]]),
      publishAt: z.iso.datetime({ offset: true }).optional(),
    }),
    handler: async ({ params, query, actor }) => {
      const story = await readableStory(ctx.db, actor, params.id);
      const checks = await storyChecks(
        ctx,
        story,
        await contentToCheck(ctx.db, story, query.action),
        query.action,
        query.publishAt,
      );
      return { action: query.action, checks, canOverride: mayOverrideChecks(actor, story) };
    },
  });
}

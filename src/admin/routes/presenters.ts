import { type Action, can } from '../../accounts/index.js';
import type { ArticleInput } from '../../content/index.js';
import { TRANSITIONS, type Transition } from '../../content/index.js';
import type { Context } from '../../context.js';
import type { ArticleRow } from '../../db/index.js';
import type { AuthedActor } from '../http.js';

/** Allow-listed article fields for the newsroom API (camelCase). */
export function presentSummary(row: ArticleRow) {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    sectionId: row.section_id,
    /** The story's edition (src/editions): its language and direction are the text's. */
    editionId: row.edition_id,
    status: row.status,
    version: row.version,
    path: row.path,
    publishAt: row.publish_at,
    firstPublishedAt: row.first_published_at,
    embargoUntil: row.embargo_until,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

const TRANSITION_ACTION: Record<Transition, Action> = {
  submit: 'article.submit',
  return: 'article.publish',
  publish: 'article.publish',
  schedule: 'article.schedule',
  unschedule: 'article.schedule',
  unpublish: 'article.unpublish',
  archive: 'article.archive',
};

export function presentArticle(ctx: Context, row: ArticleRow, input: ArticleInput, actor: AuthedActor) {
  const subject = { ownerId: row.created_by, status: row.status };
  return {
    ...presentSummary(row),
    body: input.body,
    authorIds: input.authorIds,
    tags: input.tags,
    leadMediaId: row.lead_media_id,
    leadCaption: row.lead_caption,
    leadCredit: row.lead_credit,
    leadFilePhoto: row.lead_file_photo === 1,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    dateline: row.dateline,
    url: row.path ? `${ctx.config.site.url}${row.path}` : null,
    /** What the caller may do next, so an editor shows only the buttons that work. */
    allowed: {
      update: can(actor, 'article.update', subject),
      delete: can(actor, 'article.delete', subject),
      transitions: (Object.keys(TRANSITIONS) as Transition[]).filter(
        (t) => TRANSITIONS[t].from.includes(row.status) && can(actor, TRANSITION_ACTION[t], subject),
      ),
    },
  };
}

export { TRANSITION_ACTION };

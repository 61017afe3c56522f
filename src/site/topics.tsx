// Topic pages: /topics/{slug}, one per registry entity with a confirmed link to a public story.
import { entityListTag, entityTag } from '../cache/index.js';
import { countPublished } from '../content/index.js';
import type { Context } from '../context.js';
import type { EntityRow } from '../db/index.js';
import { relatedEntities, sameAsOf, topicBySlug } from '../knowledge/index.js';
import type { Edition } from '../editions/index.js';
import { editionFeedLinks, editionScope, inEdition, loadFrame, notFound, type PageResult } from './common.js';
import { msg } from './i18n/index.js';
import { listPage } from './lists.js';
import { entityThing } from './structured-data.js';

export const topicHref = (entity: { slug: string }) => `/topics/${entity.slug}`;

/**
 * A topic page: the entity's name, kind and description, its public stories confirmed by the
 * newsroom (newest first, paginated like a tag page), the entities most often confirmed with it,
 * a feed. A merged-away entity's slug answers 301 to the survivor's page; an entity no public
 * story is confirmed about has no page (404), as a tag with no public story has none.
 */
export async function topicPage(
  ctx: Context,
  slug: string,
  page: number | null,
  edition?: Edition,
): Promise<PageResult> {
  const found = /^[a-z0-9-]{1,120}$/.test(slug) ? await topicBySlug(ctx.db, slug) : undefined;
  if (page === null || !found) return notFound(ctx, edition);
  const c = await loadFrame(ctx, edition);
  const href = (t: { slug: string }) => inEdition(c, topicHref(t));
  if ('movedTo' in found) return { status: 301, location: href({ slug: found.movedTo }) };
  const { entity } = found;
  // In an edition: its own stories about the entity; an entity none of them is about has no page there.
  const filter = { entityId: entity.id, ...editionScope(c) };
  if ((await countPublished(ctx.db, c.now, filter)) === 0) return notFound(ctx, c.edition);
  const related = await relatedEntities(ctx.db, c.now, entity.id);
  const lang = c.view.site.language;
  return listPage(c, page, filter, href(entity), () => ({
    kind: 'topic',
    label: msg(lang, `topic.${entity.type}`),
    title: entity.name,
    intro: entity.description,
    description:
      entity.description || msg(lang, 'list.storiesAbout', { name: entity.name, site: c.view.site.name }),
    crumbs: [],
    related: related.map((r) => ({ name: r.name, href: href(r) })),
    feeds: editionFeedLinks(c, { kind: 'topic', slug: entity.slug }, entity.name),
    jsonLd: [topicJsonLd(c.view.site.url, entity, href(entity))],
    tags: [entityTag(entity.id), entityListTag(entity.id), ...related.map((r) => entityTag(r.id))],
  }));
}

function topicJsonLd(siteUrl: string, entity: EntityRow, path: string) {
  return {
    '@context': 'https://schema.org',
    ...entityThing({
      type: entity.type,
      name: entity.name,
      description: entity.description,
      sameAs: sameAsOf(entity),
    }),
    url: `${siteUrl}${path}`,
    mainEntityOfPage: `${siteUrl}${path}`,
  };
}

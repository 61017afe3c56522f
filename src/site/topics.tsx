// Topic pages: /topics/{slug}, one per registry entity with a confirmed link to a public story.
import { entityListTag, entityTag } from '../cache/index.js';
import { countPublished } from '../content/index.js';
import type { Context } from '../context.js';
import type { EntityRow, EntityType } from '../db/index.js';
import { feedLinks } from '../distribution/index.js';
import { relatedEntities, sameAsOf, topicBySlug } from '../knowledge/index.js';
import { loadFrame, notFound, type PageResult } from './common.js';
import { listPage } from './lists.js';
import { entityThing } from './structured-data.js';

export const topicHref = (entity: { slug: string }) => `/topics/${entity.slug}`;

const LABELS: Record<EntityType, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
  topic: 'Topic',
};

/**
 * A topic page: the entity's name, kind and description, its public stories confirmed by the
 * newsroom (newest first, paginated like a tag page), the entities most often confirmed with it,
 * a feed. A merged-away entity's slug answers 301 to the survivor's page; an entity no public
 * story is confirmed about has no page (404), as a tag with no public story has none.
 */
export async function topicPage(ctx: Context, slug: string, page: number | null): Promise<PageResult> {
  const found = /^[a-z0-9-]{1,120}$/.test(slug) ? await topicBySlug(ctx.db, slug) : undefined;
  if (page === null || !found) return notFound(ctx);
  if ('movedTo' in found) return { status: 301, location: topicHref({ slug: found.movedTo }) };
  const { entity } = found;
  const c = await loadFrame(ctx);
  if ((await countPublished(ctx.db, c.now, { entityId: entity.id })) === 0) return notFound(ctx);
  const related = await relatedEntities(ctx.db, c.now, entity.id);
  return listPage(c, page, { entityId: entity.id }, topicHref(entity), () => ({
    kind: 'topic',
    label: LABELS[entity.type],
    title: entity.name,
    intro: entity.description,
    description: entity.description || `Stories about ${entity.name} from ${c.view.site.name}`,
    crumbs: [],
    related: related.map((r) => ({ name: r.name, href: topicHref(r) })),
    feeds: feedLinks({ kind: 'topic', slug: entity.slug }, entity.name),
    jsonLd: [topicJsonLd(c.view.site.url, entity)],
    tags: [entityTag(entity.id), entityListTag(entity.id), ...related.map((r) => entityTag(r.id))],
  }));
}

function topicJsonLd(siteUrl: string, entity: EntityRow) {
  return {
    '@context': 'https://schema.org',
    ...entityThing({
      type: entity.type,
      name: entity.name,
      description: entity.description,
      sameAs: sameAsOf(entity),
    }),
    url: `${siteUrl}${topicHref(entity)}`,
    mainEntityOfPage: `${siteUrl}${topicHref(entity)}`,
  };
}

import {
  ALL_LIST,
  SITE,
  authorListTag,
  authorTag,
  entityListTag,
  entityTag,
  sectionListTag,
  sectionTag,
  tagListTag,
  tagTag,
} from '../../cache/index.js';
import { descendantIds, loadSectionTree, publicAuthorBySlug, publicTagBySlug } from '../../content/index.js';
import type { Context } from '../../context.js';
import {
  defaultEdition,
  type Edition,
  editionPath,
  editionSiteUrl,
  editionsOf,
  editionUrls,
} from '../../editions/index.js';
import { topicBySlug } from '../../knowledge/index.js';
import type { ArticleFilter } from '../api/queries.js';
import type { FeedScope } from './links.js';

/** What a feed is about: its title, the page it mirrors, and which stories it lists. */
export interface ResolvedScope {
  scope: FeedScope;
  title: string;
  description: string;
  /** Absolute URL of the matching HTML page. */
  pageUrl: string;
  filter: ArticleFilter;
  /** Cache tags: the list the feed follows and what its header names. */
  cacheTags: string[];
  /** The site as the feed's edition names it (its name, language), when not the default's. */
  site?: Context['config']['site'];
}

/** The site as an edition names itself in its feeds: its name and language. */
function editionSite(site: Context['config']['site'], ed: Edition): Context['config']['site'] {
  return ed.isDefault ? site : { ...site, name: ed.name, language: ed.language, timeZone: ed.timeZone };
}

const SLUG = /^[a-z0-9-]{1,120}$/;
const SECTION_PATH = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/**
 * null when the section, tag, author or topic does not exist, or no public story names the tag
 * or author (404). A topic's feed exists while its entity does (an empty feed, not a 404, when
 * no public story is confirmed about it: feed readers keep polling a 404 for nothing either way).
 */
export async function resolveScope(ctx: Context, scope: FeedScope): Promise<ResolvedScope | null> {
  const site = ctx.config.site;
  const editions = await editionsOf(ctx);
  switch (scope.kind) {
    case 'all':
      return {
        scope,
        title: site.name,
        description: site.description,
        pageUrl: `${site.url}/`,
        // With several editions, the site's own feed is the default edition's.
        filter: editions.length > 1 ? { editionId: defaultEdition(editions).id } : {},
        cacheTags: editions.length > 1 ? [ALL_LIST, SITE] : [ALL_LIST],
      };
    case 'edition': {
      const ed = editions.find((e) => e.code === scope.code);
      if (!ed) return null;
      return {
        scope,
        title: ed.name,
        description: ed.isDefault ? site.description : ed.name,
        pageUrl: `${editionSiteUrl(site.url, ed)}${ed.home}`,
        filter: { editionId: ed.id },
        cacheTags: [ALL_LIST, SITE],
        site: editionSite(site, ed),
      };
    }
    case 'section': {
      if (scope.path.length > 500 || !SECTION_PATH.test(scope.path)) return null;
      const tree = await loadSectionTree(ctx.db);
      const section = tree.byPath.get(scope.path);
      if (!section) return null;
      return {
        scope,
        title: `${section.name} | ${site.name}`,
        description: section.description || `${section.name} news from ${site.name}`,
        pageUrl: `${editionUrls(site.url, editions)(section.edition_id)}/${section.path}`,
        filter: { sectionIds: descendantIds(tree, section.id) },
        cacheTags: [sectionListTag(section.id), sectionTag(section.id)],
        ...sectionEditionSite(site, editions, section.edition_id),
      };
    }
    case 'tag': {
      const ed = scopeEdition(site, editions, scope.edition);
      const tag =
        ed && SLUG.test(scope.slug)
          ? await publicTagBySlug(ctx.db, ctx.now().toISOString(), scope.slug)
          : undefined;
      if (!ed || !tag) return null;
      const own = ed.site ?? site;
      return {
        scope,
        title: `${tag.name} | ${own.name}`,
        description: `Stories about ${tag.name} from ${own.name}`,
        pageUrl: `${site.url}${ed.path(`/tag/${tag.slug}`)}`,
        filter: { tagId: tag.id, ...ed.filter },
        cacheTags: [tagListTag(tag.id), tagTag(tag.id), ...ed.cacheTags],
        ...(ed.site ? { site: ed.site } : {}),
      };
    }
    case 'topic': {
      const ed = scopeEdition(site, editions, scope.edition);
      const found = ed && SLUG.test(scope.slug) ? await topicBySlug(ctx.db, scope.slug) : undefined;
      if (!ed || !found || !('entity' in found)) return null;
      const { entity } = found;
      const own = ed.site ?? site;
      return {
        scope,
        title: `${entity.name} | ${own.name}`,
        description: entity.description || `Stories about ${entity.name} from ${own.name}`,
        pageUrl: `${site.url}${ed.path(`/topics/${entity.slug}`)}`,
        filter: { entityId: entity.id, ...ed.filter },
        cacheTags: [entityListTag(entity.id), entityTag(entity.id), ...ed.cacheTags],
        ...(ed.site ? { site: ed.site } : {}),
      };
    }
    case 'author': {
      const ed = scopeEdition(site, editions, scope.edition);
      const author =
        ed && SLUG.test(scope.slug)
          ? await publicAuthorBySlug(ctx.db, ctx.now().toISOString(), scope.slug)
          : undefined;
      if (!ed || !author) return null;
      const own = ed.site ?? site;
      return {
        scope,
        title: `${author.name} | ${own.name}`,
        description: author.bio || `Stories by ${author.name}`,
        pageUrl: `${site.url}${ed.path(`/author/${author.slug}`)}`,
        filter: { authorId: author.id, ...ed.filter },
        cacheTags: [authorListTag(author.id), authorTag(author.id), ...ed.cacheTags],
        ...(ed.site ? { site: ed.site } : {}),
      };
    }
  }
}

/**
 * The edition a tag, author or topic feed lists: the one named (`/feeds/edition/es/tag/…`; null
 * when there is none), else the default one when there are several (as its page lists), else
 * every story.
 */
function scopeEdition(
  site: Context['config']['site'],
  editions: readonly Edition[],
  code: string | undefined,
): EditionScope | null {
  const named = code === undefined ? undefined : editions.find((e) => e.code === code);
  if (code !== undefined && !named) return null;
  const ed = named ?? (editions.length > 1 ? defaultEdition(editions) : undefined);
  if (!ed || editions.length < 2) return { filter: {}, cacheTags: [], path: (p) => p };
  return {
    filter: { editionId: ed.id },
    // An edition's prefix or name can change (the `site` announcement).
    cacheTags: [SITE],
    path: (p) => editionPath(ed, p),
    ...(ed.isDefault ? {} : { site: editionSite(site, ed) }),
  };
}

interface EditionScope {
  filter: { editionId?: number };
  cacheTags: string[];
  path: (p: string) => string;
  site?: Context['config']['site'];
}

/** A section of another edition: its feed speaks that edition's language. */
function sectionEditionSite(
  site: Context['config']['site'],
  editions: readonly Edition[],
  editionId: number,
) {
  const ed = editions.find((e) => e.id === editionId);
  return ed && !ed.isDefault ? { site: editionSite(site, ed) } : {};
}

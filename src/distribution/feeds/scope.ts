import {
  ALL_LIST,
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
  switch (scope.kind) {
    case 'all':
      return {
        scope,
        title: site.name,
        description: site.description,
        pageUrl: `${site.url}/`,
        filter: {},
        cacheTags: [ALL_LIST],
      };
    case 'section': {
      if (scope.path.length > 500 || !SECTION_PATH.test(scope.path)) return null;
      const tree = await loadSectionTree(ctx.db);
      const section = tree.byPath.get(scope.path);
      if (!section) return null;
      return {
        scope,
        title: `${section.name} | ${site.name}`,
        description: section.description || `${section.name} news from ${site.name}`,
        pageUrl: `${site.url}/${section.path}`,
        filter: { sectionIds: descendantIds(tree, section.id) },
        cacheTags: [sectionListTag(section.id), sectionTag(section.id)],
      };
    }
    case 'tag': {
      const tag = SLUG.test(scope.slug)
        ? await publicTagBySlug(ctx.db, ctx.now().toISOString(), scope.slug)
        : undefined;
      if (!tag) return null;
      return {
        scope,
        title: `${tag.name} | ${site.name}`,
        description: `Stories about ${tag.name} from ${site.name}`,
        pageUrl: `${site.url}/tag/${tag.slug}`,
        filter: { tagId: tag.id },
        cacheTags: [tagListTag(tag.id), tagTag(tag.id)],
      };
    }
    case 'topic': {
      const found = SLUG.test(scope.slug) ? await topicBySlug(ctx.db, scope.slug) : undefined;
      if (!found || !('entity' in found)) return null;
      const { entity } = found;
      return {
        scope,
        title: `${entity.name} | ${site.name}`,
        description: entity.description || `Stories about ${entity.name} from ${site.name}`,
        pageUrl: `${site.url}/topics/${entity.slug}`,
        filter: { entityId: entity.id },
        cacheTags: [entityListTag(entity.id), entityTag(entity.id)],
      };
    }
    case 'author': {
      const author = SLUG.test(scope.slug)
        ? await publicAuthorBySlug(ctx.db, ctx.now().toISOString(), scope.slug)
        : undefined;
      if (!author) return null;
      return {
        scope,
        title: `${author.name} | ${site.name}`,
        description: author.bio || `Stories by ${author.name}`,
        pageUrl: `${site.url}/author/${author.slug}`,
        filter: { authorId: author.id },
        cacheTags: [authorListTag(author.id), authorTag(author.id)],
      };
    }
  }
}

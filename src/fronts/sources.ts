import { ALL_LIST, authorListTag, sectionListTag, tagListTag } from '../cache/index.js';
import { descendantIds, type ListFilter, type SectionTree } from '../content/index.js';
import type { ListSource } from '../shared/fronts.js';

/**
 * What each kind of source means: the stories it fills a list with (a filter over the public
 * stories, newest first) and the cache tags whose announcement changes that fill. THE one place
 * a new source kind (most read…) gets its meaning; the switch is exhaustive, so the compiler
 * names this file when shared/fronts.ts gains a kind.
 */
export interface SourcePlan {
  /** null: the source fills nothing (a manual list). */
  filter: ListFilter | null;
  tags: string[];
  /** Where the list's heading links (a section's front), if anywhere. */
  href: string | null;
}

export function planSource(source: ListSource, tree: SectionTree): SourcePlan {
  switch (source.kind) {
    case 'manual':
      return { filter: null, tags: [], href: null };
    case 'latest':
      return { filter: {}, tags: [ALL_LIST], href: null };
    case 'section': {
      const section = tree.byId.get(source.sectionId);
      // A section deleted since the list was saved fills nothing rather than everything.
      if (!section) return { filter: null, tags: [], href: null };
      return {
        filter: { sectionIds: descendantIds(tree, section.id) },
        tags: [sectionListTag(section.id)],
        href: `/${section.path}`,
      };
    }
    case 'tag':
      return { filter: { tagId: source.tagId }, tags: [tagListTag(source.tagId)], href: null };
    case 'author':
      return { filter: { authorId: source.authorId }, tags: [authorListTag(source.authorId)], href: null };
    case 'video': {
      if (source.sectionId === null) return { filter: { video: true }, tags: [ALL_LIST], href: null };
      const section = tree.byId.get(source.sectionId);
      if (!section) return { filter: null, tags: [], href: null };
      return {
        filter: { video: true, sectionIds: descendantIds(tree, section.id) },
        tags: [sectionListTag(section.id)],
        href: null,
      };
    }
    default: {
      const never: never = source;
      throw new Error(`unknown list source ${JSON.stringify(never)}`);
    }
  }
}

import { ALL_LIST, authorListTag, sectionListTag, sectionTag, tagListTag } from '../cache/index.js';
import {
  type ArticleSummary,
  descendantIds,
  type ListFilter,
  listPublished,
  type SectionTree,
} from '../content/index.js';
import type { Db } from '../db/index.js';
import type { ListSource } from '../shared/fronts.js';

/**
 * What each kind of source means: the stories it fills a list with, best first, and the cache
 * tags whose announcement changes that fill. THE one place a new source kind gets its meaning
 * (most read: a `fill` that ranks by views, and the tag its counts announce); the switch is
 * exhaustive, so the compiler names this file when shared/fronts.ts gains a kind.
 */
export type Fill = (db: Db, t: string, want: number) => Promise<ArticleSummary[]>;

export interface SourcePlan {
  /** null: the source fills nothing (a manual list). Only public stories at `t`. */
  fill: Fill | null;
  tags: string[];
  /** Where the list's heading links (a section's front), if anywhere. */
  href: string | null;
}

/** The newest public stories matching a filter. */
const newest =
  (filter: ListFilter): Fill =>
  (db, t, want) =>
    listPublished(db, t, filter, { limit: want, offset: 0 });

export function planSource(source: ListSource, tree: SectionTree): SourcePlan {
  switch (source.kind) {
    case 'manual':
      return { fill: null, tags: [], href: null };
    case 'latest':
      return { fill: newest({}), tags: [ALL_LIST], href: null };
    case 'section': {
      const section = tree.byId.get(source.sectionId);
      // A section deleted since the list was saved fills nothing rather than everything.
      if (!section) return { fill: null, tags: [], href: null };
      return {
        fill: newest({ sectionIds: descendantIds(tree, section.id) }),
        // The heading links to the section's front: a rename or move changes it.
        tags: [sectionListTag(section.id), sectionTag(section.id)],
        href: `/${section.path}`,
      };
    }
    case 'tag':
      return { fill: newest({ tagId: source.tagId }), tags: [tagListTag(source.tagId)], href: null };
    case 'author':
      return {
        fill: newest({ authorId: source.authorId }),
        tags: [authorListTag(source.authorId)],
        href: null,
      };
    case 'video': {
      if (source.sectionId === null) return { fill: newest({ video: true }), tags: [ALL_LIST], href: null };
      const section = tree.byId.get(source.sectionId);
      if (!section) return { fill: null, tags: [], href: null };
      return {
        fill: newest({ video: true, sectionIds: descendantIds(tree, section.id) }),
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

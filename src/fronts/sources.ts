import { mostRead } from '../audience/index.js';
import {
  ALL_LIST,
  authorListTag,
  MOST_READ,
  sectionListTag,
  sectionTag,
  tagListTag,
} from '../cache/index.js';
import {
  type ArticleSummary,
  descendantIds,
  type ListFilter,
  listPublished,
  type SectionTree,
} from '../content/index.js';
import type { Db } from '../db/index.js';
import type { ListSource, MostReadWindow } from '../shared/fronts.js';

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

/**
 * The most read public stories of a window ending at `t`, most first (src/audience counts them).
 * The counts come in every ten seconds; the list's pages hear of a new ranking through `MOST_READ`.
 */
const mostReadFill =
  (window: MostReadWindow, sectionIds: number[] | undefined, editionId?: number): Fill =>
  async (db, t, want) => {
    const top = await mostRead(db, { now: new Date(t), window, sectionIds, editionId, limit: want });
    if (!top.length) return [];
    const ids = top.map((r) => r.articleId);
    const stories = await listPublished(db, t, { ids }, { limit: want, offset: 0 });
    const byId = new Map(stories.map((s) => [s.id, s]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

export function planSource(source: ListSource, tree: SectionTree): SourcePlan {
  switch (source.kind) {
    case 'manual':
      return { fill: null, tags: [], href: null };
    case 'latest':
      // An edition's tree (src/editions) means that edition's newest.
      return {
        fill: newest(tree.editionId === undefined ? {} : { editionId: tree.editionId }),
        tags: [ALL_LIST],
        href: null,
      };
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
    case 'most_read': {
      if (source.sectionId === null)
        // An edition's tree (src/editions) means that edition's most read, as for `latest`.
        return {
          fill: mostReadFill(source.window, undefined, tree.editionId),
          tags: [MOST_READ],
          href: null,
        };
      const section = tree.byId.get(source.sectionId);
      if (!section) return { fill: null, tags: [], href: null };
      return {
        fill: mostReadFill(source.window, descendantIds(tree, section.id)),
        // A section moved under another changes which stories count.
        tags: [MOST_READ, sectionTag(section.id)],
        href: null,
      };
    }
    default: {
      const never: never = source;
      throw new Error(`unknown list source ${JSON.stringify(never)}`);
    }
  }
}

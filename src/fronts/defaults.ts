import type { SectionNode, SectionTree } from '../content/index.js';
import { type FrontKey, type ListDefinition, listDefinition } from '../shared/fronts.js';
import type { StoredList } from './model.js';

/**
 * The fronts nobody curated: what the home page and each section show with no stored list. The
 * home page is the newest stories (a lead and its column) over a row per top-level section; a
 * section's front is its newest stories, with a row per subsection under them when it has some.
 * An editor who saves a list on a front replaces the default of that front as a whole.
 */
export const PAGE_LIST_LIMIT = 20;

export function defaultLists(front: FrontKey, tree: SectionTree): StoredList[] {
  if (front === 'home') {
    return [
      auto('home', 'home-top', '', { source: { kind: 'latest' }, limit: 7, variant: 'lead' }),
      ...tree.roots.map((root) => sectionRow('home', root, 4)),
    ];
  }
  const section = tree.byId.get(sectionIdOf(front) ?? -1);
  if (!section) return [];
  return [
    auto(front, `section-${section.id}-latest`, '', {
      source: { kind: 'section', sectionId: section.id },
      limit: PAGE_LIST_LIMIT,
      variant: 'headlines',
    }),
  ];
}

/** `section:12` → 12. */
export function sectionIdOf(front: string): number | null {
  const m = /^section:(\d+)$/.exec(front);
  return m ? Number(m[1]) : null;
}

export function sectionFront(id: number): FrontKey {
  return `section:${id}`;
}

function sectionRow(front: string, section: SectionNode, limit: number): StoredList {
  return auto(
    front,
    `${front === 'home' ? 'home' : front.replace(':', '-')}-section-${section.id}`,
    section.name,
    {
      source: { kind: 'section', sectionId: section.id },
      limit,
      variant: 'grid',
    },
  );
}

function auto(front: string, slug: string, title: string, def: Partial<ListDefinition>): StoredList {
  return {
    id: null,
    slug,
    front,
    position: 0,
    title,
    definition: listDefinition.parse(def),
    scheduled: null,
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

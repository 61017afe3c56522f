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
  if (isHomeFront(front)) {
    // Another edition's default lists get slugs of their own (`home-2-top`): slugs are unique
    // across fronts, and the Content API finds a default list by its slug.
    const stem = front === 'home' ? 'home' : `home-${editionOfHome(front)}`;
    return [
      auto(front, `${stem}-top`, '', { source: { kind: 'latest' }, limit: 7, variant: 'lead' }),
      ...tree.roots.map((root) => sectionRow(front, stem, root, 4)),
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

/**
 * An edition's home front: `home` for the default edition (as before editions, so a
 * single-language newsroom's stored lists stay where they are), `home@ID` for another.
 */
export function homeFront(edition: { id: number; isDefault: boolean }): FrontKey {
  return edition.isDefault ? 'home' : `home@${edition.id}`;
}

/** `home@2` → 2; null for `home` (the default edition's) and section fronts. */
export function editionOfHome(front: string): number | null {
  const m = /^home@(\d+)$/.exec(front);
  return m ? Number(m[1]) : null;
}

export function isHomeFront(front: string): boolean {
  return front === 'home' || editionOfHome(front) !== null;
}

function sectionRow(front: string, stem: string, section: SectionNode, limit: number): StoredList {
  return auto(front, `${stem}-section-${section.id}`, section.name, {
    source: { kind: 'section', sectionId: section.id },
    limit,
    variant: 'grid',
  });
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

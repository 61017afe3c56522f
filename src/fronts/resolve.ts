import { articleTag, frontListTag, frontTag } from '../cache/index.js';
import { type ArticleSummary, editionTree, listPublished, type SectionTree } from '../content/index.js';
import type { Db } from '../db/index.js';
import type { FrontKey, ListVariant } from '../shared/fronts.js';
import { defaultLists, editionOfHome, sectionIdOf } from './defaults.js';
import { assemble, effectiveDefinition, isRanking, type StoredList, storedListOf } from './model.js';
import { planSource } from './sources.js';

/**
 * THE read of curated fronts: pages, the Content API, the TV feeds and the static export all
 * come here. A front's lists at a time `t`: stored ones (or the front's automatic default),
 * their versions in effect at `t` (model.ts), their picks and fills loaded in a few queries,
 * laid out with no story twice.
 */
export interface ResolvedList {
  slug: string;
  front: string;
  title: string;
  variant: ListVariant;
  /** Where the heading links (a section list: its front). */
  href: string | null;
  stories: ArticleSummary[];
  /** What the list shows, as cache tags: itself, its source's scope, its picks. */
  tags: string[];
  /** False: the front's automatic default, not saved by anyone. */
  stored: boolean;
  /** A ranking (most read): numbered, and may repeat what other lists show (model.ts). */
  ranking: boolean;
}

export interface ResolvedFront {
  front: FrontKey;
  lists: ResolvedList[];
  /** Every list's tags and the front's own (a list added or moved changes the layout). */
  tags: string[];
  curated: boolean;
}

/** The lists stored for a front, in order (none: the front shows its default). */
export async function storedLists(db: Db, front: string): Promise<StoredList[]> {
  const rows = await db
    .selectFrom('front_lists')
    .selectAll()
    .where('front', '=', front)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(storedListOf);
}

/** The fronts the newsroom stored lists for (the others show their defaults). */
export async function curatedFronts(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('front_lists').select('front').distinct().execute();
  return new Set(rows.map((r) => r.front));
}

/** A front's lists as readers get them: the stored ones, else the automatic default. */
export async function frontLists(db: Db, tree: SectionTree, front: FrontKey): Promise<StoredList[]> {
  const stored = await storedLists(db, front);
  return stored.length ? stored : defaultLists(front, tree);
}

export async function resolveFront(
  db: Db,
  tree: SectionTree,
  front: FrontKey,
  t: string,
): Promise<ResolvedFront> {
  const lists = await frontLists(db, tree, front);
  const resolved = await resolveLists(db, tree, lists, t);
  const tags = new Set([frontTag(front)]);
  for (const list of resolved) for (const tag of list.tags) tags.add(tag);
  return { front, lists: resolved, tags: [...tags], curated: lists.some((l) => l.id !== null) };
}

/** Lays out lists as one front at `t` (also an unsaved draft in the editor's preview). */
export async function resolveLists(
  db: Db,
  tree: SectionTree,
  lists: readonly StoredList[],
  t: string,
): Promise<ResolvedList[]> {
  const defs = lists.map((list) => ({ list, def: effectiveDefinition(list, t) }));
  const pinIds = [...new Set(defs.flatMap(({ def }) => def.pins.map((p) => p.articleId)))];
  // A fill may lose stories to picks and to earlier lists: ask for enough to cover both.
  let before = pinIds.length;
  const plans = defs.map(({ def }) => planSource(def.source, tree));
  const [picked, ...fills] = await Promise.all([
    pinIds.length ? listPublished(db, t, { ids: pinIds }, { limit: pinIds.length, offset: 0 }) : [],
    ...defs.map(({ def }, i) => {
      const fill = plans[i]?.fill ?? null;
      const want = Math.min(def.limit + before, 200);
      before += def.limit;
      return fill ? fill(db, t, want) : Promise.resolve([]);
    }),
  ]);
  const picks = new Map(picked.map((s) => [s.id, s]));
  const laid = assemble(defs, picks, fills);
  return defs.map(({ list, def }, i) => {
    const plan = plans[i];
    const stories = laid[i] ?? [];
    return {
      slug: list.slug,
      front: list.front,
      title: list.title,
      variant: def.variant,
      href: plan?.href ?? null,
      stories,
      tags: [
        frontListTag(list.slug),
        ...(plan?.tags ?? []),
        // A pick that is not public yet becomes public by its own write, which names the story.
        ...def.pins.map((p) => articleTag(p.articleId)),
      ],
      stored: list.id !== null,
      ranking: isRanking(def),
    };
  });
}

/**
 * One list by its slug, as laid out on its front at `t` (so it leaves out what earlier lists of
 * the front show, as readers see it); a default list answers by its default slug.
 */
export async function resolveListBySlug(
  db: Db,
  tree: SectionTree,
  slug: string,
  t: string,
): Promise<ResolvedList | null> {
  const row = await db.selectFrom('front_lists').select('front').where('slug', '=', slug).executeTakeFirst();
  const front = (row?.front as FrontKey | undefined) ?? defaultFrontOf(slug);
  if (!front) return null;
  const own = tree.editionId === undefined ? await treeForFront(db, tree, front) : tree;
  if (!own) return null;
  const resolved = await resolveFront(db, own, front, t);
  return resolved.lists.find((l) => l.slug === slug) ?? null;
}

/**
 * The whole section tree as the front's edition shows it (as the site's frame draws it): its
 * top-level sections, and "latest" meaning its stories, once the newsroom has several editions.
 * Null when the front's edition or section does not exist.
 */
export async function treeForFront(db: Db, full: SectionTree, front: FrontKey): Promise<SectionTree | null> {
  const editions = await db.selectFrom('editions').select(['id', 'is_default']).execute();
  const edition = frontEditionIn(editions, full, front);
  if (edition === null) return null;
  return editions.length > 1 ? editionTree(full, edition) : full;
}

/** The edition a front belongs to, among `editions`: null when it names none that exists. */
export function frontEditionIn(
  editions: readonly { id: number; is_default: number }[],
  tree: SectionTree,
  front: string,
): number | null {
  const home = editionOfHome(front);
  if (home !== null) return editions.some((e) => e.id === home && e.is_default !== 1) ? home : null;
  if (front === 'home') return (editions.find((e) => e.is_default === 1) ?? editions[0])?.id ?? 1;
  return tree.byId.get(sectionIdOf(front) ?? -1)?.edition_id ?? null;
}

/** The front a default list's slug belongs to (`home-top`, `home-2-top`, `section-12-latest`). */
function defaultFrontOf(slug: string): FrontKey | null {
  const edition = /^home-(\d+)-/.exec(slug);
  if (edition) return `home@${edition[1]}`;
  if (slug.startsWith('home-')) return 'home';
  const m = /^section-(\d+)-/.exec(slug);
  return m && sectionIdOf(`section:${m[1]}`) !== null ? `section:${m[1]}` : null;
}

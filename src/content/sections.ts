import { announceChange, SITE, SITEMAPS, sectionListTag, sectionTag } from '../cache/index.js';
import { type Db, dialectOf, inTransaction, type SectionRow } from '../db/index.js';
import { isSlug } from '../shared/slug.js';
import { ContentError } from './errors.js';

/**
 * The section tree, loaded whole: a newsroom has tens of sections, so one small query gives
 * every page its navigation, breadcrumbs and "section with descendants" filters.
 */
export interface SectionNode extends SectionRow {
  children: SectionNode[];
}

export interface SectionTree {
  roots: SectionNode[];
  byId: Map<number, SectionNode>;
  byPath: Map<string, SectionNode>;
  /**
   * Sections whose parent link is ignored because it closes a loop (A under B under A). Moves
   * refuse loops, so this is empty unless rows were written behind the newsroom's back; the
   * loop is cut at one point so every walk ends and no section disappears from the tree.
   */
  loopCuts: Set<number>;
  /**
   * Set on an edition's view of the tree (`editionTree`): its top-level sections are the
   * edition's, and "the newest stories" means the edition's. Lookups by id and path still find
   * every section (a card from another edition keeps its kicker).
   */
  editionId?: number;
}

export function buildSectionTree(rows: SectionRow[]): SectionTree {
  const byId = new Map<number, SectionNode>();
  const byPath = new Map<string, SectionNode>();
  for (const row of rows) {
    const node = { ...row, children: [] };
    byId.set(row.id, node);
    byPath.set(row.path, node);
  }
  const loopCuts = findLoopCuts(byId);
  const roots: SectionNode[] = [];
  for (const node of byId.values()) {
    const parent = loopCuts.has(node.id) ? undefined : parentOf({ byId, loopCuts }, node);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: SectionNode, b: SectionNode) => a.position - b.position || a.name.localeCompare(b.name);
  roots.sort(order);
  for (const node of byId.values()) node.children.sort(order);
  return { roots, byId, byPath, loopCuts };
}

/** For each loop among the parent links, the section (lowest id) whose link is to be ignored. */
function findLoopCuts(byId: Map<number, SectionNode>): Set<number> {
  const cuts = new Set<number>();
  const settled = new Set<number>();
  for (const start of byId.values()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    let node: SectionNode | undefined = start;
    while (node && !settled.has(node.id) && !onPath.has(node.id)) {
      path.push(node.id);
      onPath.add(node.id);
      node = node.parent_id === null ? undefined : byId.get(node.parent_id);
    }
    if (node && onPath.has(node.id)) {
      const loop = path.slice(path.indexOf(node.id));
      cuts.add(Math.min(...loop));
    }
    for (const id of path) settled.add(id);
  }
  return cuts;
}

function parentOf(tree: Pick<SectionTree, 'byId' | 'loopCuts'>, node: SectionNode): SectionNode | undefined {
  if (node.parent_id === null || tree.loopCuts.has(node.id)) return undefined;
  return tree.byId.get(node.parent_id);
}

/**
 * The section tree with every row locked for the rest of the transaction where the database
 * has row locks: tree moves read, check and write under it, so two moves cannot each pass the
 * loop check against a tree the other is changing (A under B and B under A at once).
 */
async function lockSectionTree(tx: Db): Promise<SectionTree> {
  const rows = await tx
    .selectFrom('sections')
    .selectAll()
    .orderBy('id')
    .$if(dialectOf(tx).rowLocks, (q) => q.forUpdate())
    .execute();
  return buildSectionTree(rows);
}

export async function loadSectionTree(db: Db): Promise<SectionTree> {
  return buildSectionTree(await db.selectFrom('sections').selectAll().execute());
}

/** The tree as one edition shows it: its own top-level sections (see SectionTree.editionId). */
export function editionTree(tree: SectionTree, editionId: number): SectionTree {
  return { ...tree, roots: tree.roots.filter((r) => r.edition_id === editionId), editionId };
}

/** The section and every section below it. */
export function descendantIds(tree: SectionTree, id: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [tree.byId.get(id)];
  while (stack.length) {
    const node = stack.pop();
    // The tree is built without loops; the check keeps a hand-made one from hanging a request.
    if (!node || seen.has(node.id)) continue;
    seen.add(node.id);
    out.push(node.id);
    stack.push(...node.children);
  }
  return out;
}

/** Root first: News, Politics, Russia. */
export function ancestry(tree: SectionTree, id: number): SectionNode[] {
  const chain: SectionNode[] = [];
  const seen = new Set<number>();
  let node = tree.byId.get(id);
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    chain.unshift(node);
    node = parentOf(tree, node);
  }
  return chain;
}

export interface NewSection {
  slug: string;
  name: string;
  description?: string;
  parentId?: number | null;
  position?: number;
  /** Its edition (src/editions); the default edition (1) unless given. */
  editionId?: number;
}

/**
 * A top-level section's path: its slug, after its edition's prefix when the edition has one
 * (`es/mundo`), so section fronts, permalinks and every root-relative link carry the prefix
 * with no other code knowing about editions.
 */
async function rootPath(db: Db, editionId: number, slug: string): Promise<string> {
  const edition = await db
    .selectFrom('editions')
    .select(['path_prefix', 'is_default'])
    .where('id', '=', editionId)
    .executeTakeFirst();
  if (!edition) throw new ContentError(`editionId: edition ${editionId} does not exist`, 400, 'editionId');
  return edition.path_prefix && edition.is_default === 0 ? `${edition.path_prefix}/${slug}` : slug;
}

/** Create a section under an optional parent; its path is derived from the parent's. */
export async function createSection(db: Db, input: NewSection, now: string): Promise<SectionRow> {
  checkSlug(input.slug, input.parentId ?? null);
  return inTransaction(db, (tx) => insertSection(tx, input, now));
}

async function insertSection(db: Db, input: NewSection, now: string): Promise<SectionRow> {
  // The parent is locked so a move cannot change its path before the new section takes it.
  const parent =
    input.parentId == null
      ? undefined
      : await db
          .selectFrom('sections')
          .selectAll()
          .where('id', '=', input.parentId)
          .$if(dialectOf(db).rowLocks, (q) => q.forUpdate())
          .executeTakeFirst();
  if (input.parentId != null && !parent) {
    throw new ContentError(`parentId: section ${input.parentId} does not exist`, 400, 'parentId');
  }
  const editionId = parent ? parent.edition_id : (input.editionId ?? 1);
  if (parent && input.editionId !== undefined && input.editionId !== parent.edition_id) {
    throw new ContentError("editionId: a sub-section is in its parent's edition", 400, 'editionId');
  }
  const path = parent ? `${parent.path}/${input.slug}` : await rootPath(db, editionId, input.slug);
  if (await db.selectFrom('sections').select('id').where('path', '=', path).executeTakeFirst()) {
    throw new ContentError(`slug: /${path} is already a section`, 409, 'slug');
  }
  // A new top-level section joins the navigation of every page; a sub-section, the list of
  // sub-sections on its parent's front.
  announceChange(db, [parent ? sectionListTag(parent.id) : SITE, SITEMAPS]);
  return db
    .insertInto('sections')
    .values({
      parent_id: parent?.id ?? null,
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      position: input.position ?? 0,
      path,
      edition_id: editionId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Top-level slugs the site's own routes use; a section there would be unreachable. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'corrections',
  'feed',
  'feeds',
  'live',
  'media',
  'mirrors',
  'robots',
  'search',
  'sitemap',
  'tag',
]);

export interface SectionPatch {
  slug?: string;
  name?: string;
  description?: string;
  parentId?: number | null;
  position?: number;
}

/**
 * Rename, reorder or move a section. A new slug or parent changes the paths of the section,
 * every section below it and every published story in them; each story's old address keeps
 * working through a redirect, written in the same transaction.
 */
export async function updateSection(
  db: Db,
  id: number,
  patch: SectionPatch,
  now: string,
): Promise<SectionRow> {
  return inTransaction(db, async (tx) => {
    const tree = await lockSectionTree(tx);
    const current = tree.byId.get(id);
    if (!current) throw new ContentError(`section ${id} does not exist`, 404);
    const parentId = patch.parentId === undefined ? current.parent_id : patch.parentId;
    if (parentId !== null) {
      if (!tree.byId.has(parentId))
        throw new ContentError(`parentId: section ${parentId} does not exist`, 400, 'parentId');
      // Checked against the locked tree: it cannot change before this transaction commits.
      if (parentId !== current.parent_id && ancestry(tree, parentId).some((s) => s.id === id)) {
        throw new ContentError(
          `parentId: section ${parentId} is this section or below it; a move there would make a loop`,
          409,
          'parentId',
        );
      }
    }
    const slug = patch.slug ?? current.slug;
    checkSlug(slug, parentId);
    const parent = parentId === null ? undefined : tree.byId.get(parentId);
    if (parent && parent.edition_id !== current.edition_id) {
      throw new ContentError("parentId: a section stays in its edition's tree", 409, 'parentId');
    }
    const path = parent ? `${parent.path}/${slug}` : await rootPath(tx, current.edition_id, slug);
    if (path !== current.path && tree.byPath.has(path)) {
      throw new ContentError(`slug: /${path} is already a section`, 409, 'slug');
    }
    const row = await tx
      .updateTable('sections')
      .set({
        slug,
        parent_id: parentId,
        path,
        name: patch.name ?? current.name,
        description: patch.description ?? current.description,
        position: patch.position ?? current.position,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (path !== current.path) await movePaths(tx, tree, current, path, now);
    // Its name shows in navigation, breadcrumbs and cards; a move also changes which fronts
    // list its stories, and a section entering or leaving the top level changes every page.
    const touched = [SITEMAPS, sectionTag(id)];
    if (parentId !== current.parent_id) {
      for (const p of [current.parent_id, parentId]) {
        if (p === null) touched.push(SITE);
        else for (const s of ancestry(tree, p)) touched.push(sectionListTag(s.id));
      }
    }
    announceChange(tx, touched);
    return row;
  });
}

async function movePaths(tx: Db, tree: SectionTree, section: SectionNode, newPath: string, now: string) {
  const ids = descendantIds(tree, section.id);
  for (const sid of ids) {
    const node = tree.byId.get(sid);
    if (!node || sid === section.id) continue;
    await tx
      .updateTable('sections')
      .set({ path: newPath + node.path.slice(section.path.length), updated_at: now })
      .where('id', '=', sid)
      .execute();
  }
  const stories = await tx
    .selectFrom('articles')
    .select(['id', 'path'])
    .where('section_id', 'in', ids)
    .where('path', 'is not', null)
    .execute();
  for (const s of stories) {
    const from = s.path as string;
    const to = `/${newPath}${from.slice(section.path.length + 1)}`;
    await tx.updateTable('articles').set({ path: to }).where('id', '=', s.id).execute();
    await tx.updateTable('redirects').set({ to_path: to }).where('to_path', '=', from).execute();
    await tx.deleteFrom('redirects').where('from_path', '=', to).execute();
    await tx.insertInto('redirects').values({ from_path: from, to_path: to, created_at: now }).execute();
  }
}

function checkSlug(slug: string, parentId: number | null): void {
  if (!isSlug(slug))
    throw new ContentError(
      'slug: lowercase letters, digits and hyphens, starting with a letter',
      400,
      'slug',
    );
  if (parentId === null && RESERVED_SLUGS.has(slug)) {
    throw new ContentError(`slug: "${slug}" is used by the site itself`, 400, 'slug');
  }
}

/** Delete an empty section; one with stories or sub-sections is refused. */
export async function deleteSection(db: Db, id: number): Promise<void> {
  return inTransaction(db, async (tx) => {
    const child = await tx.selectFrom('sections').select('id').where('parent_id', '=', id).executeTakeFirst();
    const story = await tx
      .selectFrom('articles')
      .select('id')
      .where('section_id', '=', id)
      .executeTakeFirst();
    if (child || story) throw new ContentError(`section ${id} still has sub-sections or stories`, 409);
    const gone = await tx.selectFrom('sections').select('parent_id').where('id', '=', id).executeTakeFirst();
    const r = await tx.deleteFrom('sections').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new ContentError(`section ${id} does not exist`, 404);
    announceChange(tx, [
      SITEMAPS,
      sectionTag(id),
      gone?.parent_id == null ? SITE : sectionListTag(gone.parent_id),
    ]);
  });
}

/**
 * Put the sections under one parent in the given order (positions 0, 1, 2 …). The list must
 * name every child of that parent exactly once, so a stale screen cannot drop a section.
 */
export async function reorderSections(
  db: Db,
  parentId: number | null,
  ids: number[],
  now: string,
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const tree = await lockSectionTree(tx);
    if (parentId !== null && !tree.byId.has(parentId))
      throw new ContentError(`parentId: section ${parentId} does not exist`, 400, 'parentId');
    const children = parentId === null ? tree.roots : (tree.byId.get(parentId)?.children ?? []);
    const expected = children.map((c) => c.id).sort((a, b) => a - b);
    const given = [...ids].sort((a, b) => a - b);
    if (expected.length !== given.length || expected.some((id, i) => id !== given[i])) {
      throw new ContentError(
        'ids: must list every section under that parent exactly once (reload: the tree has changed)',
        409,
        'ids',
      );
    }
    for (const [position, id] of ids.entries()) {
      await tx.updateTable('sections').set({ position, updated_at: now }).where('id', '=', id).execute();
    }
    // The order shows in the navigation (top level) or on the parent's front; both carry the
    // tags of the sections they list.
    announceChange(tx, ids.map(sectionTag));
  });
}

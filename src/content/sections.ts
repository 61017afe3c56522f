import type { Db, SectionRow } from '../db/index.js';
import { nowIso } from '../lib/time.js';

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
}

export function buildSectionTree(rows: SectionRow[]): SectionTree {
  const byId = new Map<number, SectionNode>();
  const byPath = new Map<string, SectionNode>();
  for (const row of rows) {
    const node = { ...row, children: [] };
    byId.set(row.id, node);
    byPath.set(row.path, node);
  }
  const roots: SectionNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parent_id === null ? undefined : byId.get(node.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: SectionNode, b: SectionNode) => a.position - b.position || a.name.localeCompare(b.name);
  roots.sort(order);
  for (const node of byId.values()) node.children.sort(order);
  return { roots, byId, byPath };
}

export async function loadSectionTree(db: Db): Promise<SectionTree> {
  return buildSectionTree(await db.selectFrom('sections').selectAll().execute());
}

/** The section and every section below it. */
export function descendantIds(tree: SectionTree, id: number): number[] {
  const out: number[] = [];
  const stack = [tree.byId.get(id)];
  while (stack.length) {
    const node = stack.pop();
    if (!node) continue;
    out.push(node.id);
    stack.push(...node.children);
  }
  return out;
}

/** Root first: News, Politics, Russia. */
export function ancestry(tree: SectionTree, id: number): SectionNode[] {
  const chain: SectionNode[] = [];
  let node = tree.byId.get(id);
  while (node) {
    chain.unshift(node);
    node = node.parent_id === null ? undefined : tree.byId.get(node.parent_id);
  }
  return chain;
}

export interface NewSection {
  slug: string;
  name: string;
  description?: string;
  parentId?: number | null;
  position?: number;
}

/** Create a section under an optional parent; its path is derived from the parent's. */
export async function createSection(db: Db, input: NewSection): Promise<SectionRow> {
  const parent =
    input.parentId == null
      ? undefined
      : await db
          .selectFrom('sections')
          .selectAll()
          .where('id', '=', input.parentId)
          .executeTakeFirstOrThrow();
  const now = nowIso();
  return db
    .insertInto('sections')
    .values({
      parent_id: parent?.id ?? null,
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      position: input.position ?? 0,
      path: parent ? `${parent.path}/${input.slug}` : input.slug,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

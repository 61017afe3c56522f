import { sectionInput, sectionOrder, sectionPatch } from '../../shared/inputs.js';
import {
  createSection,
  deleteSection,
  loadSectionTree,
  reorderSections,
  type SectionNode,
  updateSection,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { authorize, idParams, type Router } from '../http.js';

function presentSection(s: SectionNode): unknown {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    path: s.path,
    parentId: s.parent_id,
    position: s.position,
    children: s.children.map(presentSection),
  };
}

/** The section tree: readable by every role, managed by editors and up. */
export function sectionRoutes(r: Router, ctx: Context): void {
  const sectionView = async (id: number) => {
    const node = (await loadSectionTree(ctx.db)).byId.get(id);
    return node ? presentSection(node) : null;
  };
  r.add({
    method: 'GET',
    url: '/sections',
    tag: 'sections',
    summary: 'The section tree',
    handler: async () => ({ sections: (await loadSectionTree(ctx.db)).roots.map(presentSection) }),
  });
  r.add({
    method: 'POST',
    url: '/sections',
    tag: 'sections',
    summary: 'Add a section',
    body: sectionInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return sectionView((await createSection(ctx.db, body, ctx.now().toISOString())).id);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/sections/:id',
    tag: 'sections',
    summary: 'Rename, reorder or move a section (story addresses follow, old ones redirect)',
    params: idParams,
    body: sectionPatch,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return sectionView((await updateSection(ctx.db, params.id, body, ctx.now().toISOString())).id);
    },
  });
  r.add({
    method: 'POST',
    url: '/sections/reorder',
    tag: 'sections',
    summary: 'Order the sections under one parent (every child listed once); answers the new tree',
    body: sectionOrder,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await reorderSections(ctx.db, body.parentId, body.ids, ctx.now().toISOString());
      return { sections: (await loadSectionTree(ctx.db)).roots.map(presentSection) };
    },
  });
  r.add({
    method: 'DELETE',
    url: '/sections/:id',
    tag: 'sections',
    summary: 'Delete an empty section',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await deleteSection(ctx.db, params.id);
    },
  });
}

import { z } from 'zod';
import {
  createSection,
  deleteSection,
  loadSectionTree,
  reorderSections,
  type SectionNode,
  updateSection,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { multiLine, singleLine } from '../../lib/text.js';
import { authorize, idParams, type Router, slugBody } from '../http.js';

const sectionBody = z.object({
  slug: slugBody,
  name: singleLine().trim().min(1).max(200),
  description: multiLine().trim().max(2000).default(''),
  parentId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
  position: z.number().int().min(0).max(100_000).default(0),
});

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
    body: sectionBody,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return sectionView((await createSection(ctx.db, body)).id);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/sections/:id',
    tag: 'sections',
    summary: 'Rename, reorder or move a section (story addresses follow, old ones redirect)',
    params: idParams,
    body: sectionBody.partial(),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return sectionView((await updateSection(ctx.db, params.id, body)).id);
    },
  });
  r.add({
    method: 'POST',
    url: '/sections/reorder',
    tag: 'sections',
    summary: 'Order the sections under one parent (every child listed once); answers the new tree',
    body: z.object({
      parentId: z.number().int().positive().max(MAX_ROW_ID).nullable(),
      ids: z.array(z.number().int().positive().max(MAX_ROW_ID)).min(1).max(1000),
    }),
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await reorderSections(ctx.db, body.parentId, body.ids);
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

import { tagInput, tagMerge, tagRename } from '../../shared/inputs.js';
import { z } from 'zod';
import { createTag, deleteTag, listTags, mergeTags, renameTag } from '../../content/index.js';
import type { Context } from '../../context.js';
import { singleLine } from '../../lib/text.js';
import { authorize, idParams, type Router } from '../http.js';

/** Tags: readable by every role, managed (renamed, merged, deleted) by editors and up (content/tags.ts). */
export function tagRoutes(r: Router, ctx: Context): void {
  r.add({
    method: 'GET',
    url: '/tags',
    tag: 'tags',
    summary:
      'Tags, optionally those whose name starts with `q` (autocomplete); `counts=true` adds how many stories use each',
    query: z.object({
      q: singleLine().trim().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      counts: z.enum(['true', 'false']).default('false'),
    }),
    handler: async ({ query }) => ({
      tags: await listTags(ctx.db, { prefix: query.q, limit: query.limit, counts: query.counts === 'true' }),
    }),
  });
  r.add({
    method: 'POST',
    url: '/tags',
    tag: 'tags',
    summary: 'Create a tag (saving a story with a new tag name also creates it)',
    body: tagInput,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return createTag(ctx.db, body.name, ctx.now().toISOString());
    },
  });
  r.add({
    method: 'PATCH',
    url: '/tags/:id',
    tag: 'tags',
    summary: 'Rename a tag',
    params: idParams,
    body: tagRename,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return renameTag(ctx.db, params.id, body);
    },
  });
  r.add({
    method: 'POST',
    url: '/tags/:id/merge',
    tag: 'tags',
    summary: 'Merge this tag into another: its stories get the other tag, this one is removed',
    params: idParams,
    body: tagMerge,
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      return mergeTags(ctx.db, params.id, body.into);
    },
  });
  r.add({
    method: 'DELETE',
    url: '/tags/:id',
    tag: 'tags',
    summary: 'Delete a tag (stories keep everything else)',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await deleteTag(ctx.db, params.id);
    },
  });
}

import { sql } from 'kysely';
import { z } from 'zod';
import { SITEMAPS, tagListTag, tagTag } from '../../cache/tags.js';
import { announceChange, ContentError, ensureTags } from '../../content/index.js';
import type { Context } from '../../context.js';
import { type Db, inTransaction } from '../../db/index.js';
import { conflict, invalidInput, notFound } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { slugify } from '../../lib/slug.js';
import { singleLine } from '../../lib/text.js';
import { reindexArticles } from '../../search/index.js';
import { authorize, idParams, type Router, slugBody } from '../http.js';

/** Tags: readable by every role, managed (renamed, merged, deleted) by editors and up. */
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
    handler: async ({ query }) => {
      const prefix = query.q ? `${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined;
      const tags = await ctx.db
        .selectFrom('tags')
        .select(['id', 'slug', 'name'])
        // Deleted stories still hold their tags (they can be restored), so they count too.
        .$if(query.counts === 'true', (q) =>
          q.select((eb) =>
            eb
              .selectFrom('article_tags')
              .select(sql<number | string>`count(*)`.as('n'))
              .whereRef('article_tags.tag_id', '=', 'tags.id')
              .as('stories'),
          ),
        )
        .$if(prefix !== undefined, (q) => q.where('name', ctx.dialect.ilike, prefix as string))
        .orderBy('name')
        .limit(query.limit)
        .execute();
      return {
        tags: tags.map((t) =>
          'stories' in t ? { ...t, stories: Number((t as { stories: unknown }).stories) } : t,
        ),
      };
    },
  });
  r.add({
    method: 'POST',
    url: '/tags',
    tag: 'tags',
    summary: 'Create a tag (saving a story with a new tag name also creates it)',
    body: z.object({ name: singleLine().trim().min(1).max(100) }),
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      const [tag] = await ensureTags(ctx.db, [body.name]);
      return tag;
    },
  });
  r.add({
    method: 'PATCH',
    url: '/tags/:id',
    tag: 'tags',
    summary: 'Rename a tag',
    params: idParams,
    body: z.object({ name: singleLine().trim().min(1).max(100), slug: slugBody.optional() }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      const newSlug = body.slug ?? slugify(body.name, 100);
      const clash = await ctx.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', newSlug)
        .where('id', '!=', params.id)
        .executeTakeFirst();
      if (clash) throw conflict(`slug: tag ${clash.id} already uses "${newSlug}"; merge instead`);
      return inTransaction(ctx.db, async (tx) => {
        const row = await tx
          .updateTable('tags')
          .set({ name: body.name, slug: newSlug })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw notFound(`tag ${params.id} not found`);
        await reindexArticles(tx, await storiesTagged(tx, row.id));
        announceChange(tx, [tagTag(row.id), SITEMAPS]);
        return row;
      });
    },
  });
  r.add({
    method: 'POST',
    url: '/tags/:id/merge',
    tag: 'tags',
    summary: 'Merge this tag into another: its stories get the other tag, this one is removed',
    params: idParams,
    body: z.object({ into: z.number().int().positive().max(MAX_ROW_ID) }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      if (params.id === body.into) throw invalidInput('into: cannot merge a tag into itself');
      return inTransaction(ctx.db, async (tx) => {
        const tags = await tx
          .selectFrom('tags')
          .select('id')
          .where('id', 'in', [params.id, body.into])
          .execute();
        if (tags.length !== 2) throw new ContentError('tag not found', 404);
        const links = await tx
          .selectFrom('article_tags')
          .selectAll()
          .where('tag_id', '=', params.id)
          .execute();
        for (const link of links) {
          const has = await tx
            .selectFrom('article_tags')
            .select('article_id')
            .where('article_id', '=', link.article_id)
            .where('tag_id', '=', body.into)
            .executeTakeFirst();
          if (!has)
            await tx
              .insertInto('article_tags')
              .values({ ...link, tag_id: body.into })
              .execute();
        }
        await tx.deleteFrom('tags').where('id', '=', params.id).execute();
        await reindexArticles(
          tx,
          links.map((l) => l.article_id),
        );
        announceChange(tx, [tagTag(params.id), tagTag(body.into), tagListTag(body.into), SITEMAPS]);
        return { merged: links.length };
      });
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
      await inTransaction(ctx.db, async (tx) => {
        const tagged = await storiesTagged(tx, params.id);
        const r0 = await tx.deleteFrom('tags').where('id', '=', params.id).executeTakeFirst();
        if (Number(r0.numDeletedRows) === 0) throw notFound(`tag ${params.id} not found`);
        await reindexArticles(tx, tagged);
        announceChange(tx, [tagTag(params.id), SITEMAPS]);
      });
    },
  });
}

/** Stories carrying a tag, for search to index again when the tag's name changes or it goes. */
async function storiesTagged(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.article_id);
}

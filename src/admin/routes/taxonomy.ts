import { sql } from 'kysely';
import { z } from 'zod';
import { authorTag, SITEMAPS, tagListTag, tagTag } from '../../cache/tags.js';
import {
  announceChange,
  ContentError,
  createSection,
  deleteSection,
  ensureTags,
  loadSectionTree,
  reorderSections,
  type SectionNode,
  updateSection,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { type Db, inTransaction } from '../../db/index.js';
import { SLUG_PATTERN, slugify } from '../../lib/slug.js';
import { nowIso } from '../../lib/time.js';
import { reindexArticles } from '../../search/index.js';
import { ApiError, authorize, idParams, type Router } from '../http.js';

const slug = z
  .string()
  .max(120)
  .regex(SLUG_PATTERN, 'lowercase letters, digits and hyphens, starting with a letter');
const sectionBody = z.object({
  slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  parentId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  position: z.number().int().min(0).max(100_000).default(0),
});
const authorBody = z.object({
  slug: slug.optional(),
  name: z.string().trim().min(1).max(200),
  bio: z.string().trim().max(5000).default(''),
  avatarMediaId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
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

/** Sections (a tree), tags and authors: readable by every role, managed by editors and up. */
export function taxonomyRoutes(r: Router, ctx: Context): void {
  const sectionView = async (id: number) => {
    const node = (await loadSectionTree(ctx.db)).byId.get(id);
    return node ? presentSection(node) : null;
  };
  /** Slug and avatar are checked up front, so a clash is a clear 409/400, not a database error. */
  const checkAuthor = async (id: number | null, b: { slug?: string; avatarMediaId?: number | null }) => {
    if (b.slug) {
      const clash = await ctx.db
        .selectFrom('authors')
        .select('id')
        .where('slug', '=', b.slug)
        .executeTakeFirst();
      if (clash && clash.id !== id)
        throw new ApiError(409, 'conflict', `slug: an author already uses "${b.slug}"`);
    }
    if (b.avatarMediaId) {
      const m = await ctx.db
        .selectFrom('media')
        .select('id')
        .where('id', '=', b.avatarMediaId)
        .executeTakeFirst();
      if (!m)
        throw new ApiError(400, 'invalid_input', `avatarMediaId: media ${b.avatarMediaId} does not exist`);
    }
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
      parentId: z.number().int().positive().max(2_147_483_647).nullable(),
      ids: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(1000),
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

  r.add({
    method: 'GET',
    url: '/tags',
    tag: 'tags',
    summary:
      'Tags, optionally those whose name starts with `q` (autocomplete); `counts=true` adds how many stories use each',
    query: z.object({
      q: z.string().trim().max(100).optional(),
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
    body: z.object({ name: z.string().trim().min(1).max(100) }),
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
    body: z.object({ name: z.string().trim().min(1).max(100), slug: slug.optional() }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      const newSlug = body.slug ?? slugify(body.name, 100);
      const clash = await ctx.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', newSlug)
        .where('id', '!=', params.id)
        .executeTakeFirst();
      if (clash)
        throw new ApiError(409, 'conflict', `slug: tag ${clash.id} already uses "${newSlug}"; merge instead`);
      return inTransaction(ctx.db, async (tx) => {
        const row = await tx
          .updateTable('tags')
          .set({ name: body.name, slug: newSlug })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ApiError(404, 'not_found', `tag ${params.id} not found`);
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
    body: z.object({ into: z.number().int().positive().max(2_147_483_647) }),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      if (params.id === body.into)
        throw new ApiError(400, 'invalid_input', 'into: cannot merge a tag into itself');
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
        if (Number(r0.numDeletedRows) === 0)
          throw new ApiError(404, 'not_found', `tag ${params.id} not found`);
        await reindexArticles(tx, tagged);
        announceChange(tx, [tagTag(params.id), SITEMAPS]);
      });
    },
  });

  r.add({
    method: 'GET',
    url: '/authors',
    tag: 'authors',
    summary: 'Bylines',
    handler: async () => ({
      authors: (await ctx.db.selectFrom('authors').selectAll().orderBy('name').execute()).map(presentAuthor),
    }),
  });
  r.add({
    method: 'POST',
    url: '/authors',
    tag: 'authors',
    summary: 'Add a byline',
    body: authorBody,
    status: 201,
    handler: async ({ body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      const s = body.slug ?? slugify(body.name);
      if (!s)
        throw new ApiError(400, 'invalid_input', 'slug: the name has no letters or digits; give a slug');
      await checkAuthor(null, { ...body, slug: s });
      const now = nowIso();
      const row = await ctx.db
        .insertInto('authors')
        .values({
          slug: s,
          name: body.name,
          bio: body.bio,
          avatar_media_id: body.avatarMediaId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return presentAuthor(row);
    },
  });
  r.add({
    method: 'DELETE',
    url: '/authors/:id',
    tag: 'authors',
    summary: 'Delete a byline that is on no story',
    params: idParams,
    status: 204,
    handler: async ({ params, actor }) => {
      authorize(actor, 'taxonomy.manage');
      const used = await ctx.db
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', params.id)
        .executeTakeFirst();
      if (used)
        throw new ApiError(409, 'conflict', `author ${params.id} is on stories; edit those bylines first`);
      const res = await ctx.db.deleteFrom('authors').where('id', '=', params.id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0)
        throw new ApiError(404, 'not_found', `author ${params.id} not found`);
      announceChange(ctx.db, [authorTag(params.id), SITEMAPS]);
    },
  });
  r.add({
    method: 'PATCH',
    url: '/authors/:id',
    tag: 'authors',
    summary: 'Edit a byline',
    params: idParams,
    body: authorBody.partial(),
    handler: async ({ params, body, actor }) => {
      authorize(actor, 'taxonomy.manage');
      await checkAuthor(params.id, body);
      return inTransaction(ctx.db, async (tx) => {
        const before = await tx
          .selectFrom('authors')
          .select('name')
          .where('id', '=', params.id)
          .executeTakeFirst();
        const row = await tx
          .updateTable('authors')
          .set({
            ...(body.slug ? { slug: body.slug } : {}),
            ...(body.name ? { name: body.name } : {}),
            ...(body.bio !== undefined ? { bio: body.bio } : {}),
            ...(body.avatarMediaId !== undefined ? { avatar_media_id: body.avatarMediaId } : {}),
            updated_at: nowIso(),
          })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new ApiError(404, 'not_found', `author ${params.id} not found`);
        // Search knows bylines by name: a new name must find the author's stories at once.
        if (before && before.name !== row.name) {
          const bylined = await tx
            .selectFrom('article_authors')
            .select('article_id')
            .where('author_id', '=', row.id)
            .execute();
          await reindexArticles(
            tx,
            bylined.map((b) => b.article_id),
          );
        }
        announceChange(tx, [authorTag(row.id), SITEMAPS]);
        return presentAuthor(row);
      });
    },
  });
}

/** Stories carrying a tag, for search to index again when the tag's name changes or it goes. */
async function storiesTagged(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.article_id);
}

function presentAuthor(a: {
  id: number;
  slug: string;
  name: string;
  bio: string;
  avatar_media_id: number | null;
}) {
  return { id: a.id, slug: a.slug, name: a.name, bio: a.bio, avatarMediaId: a.avatar_media_id };
}

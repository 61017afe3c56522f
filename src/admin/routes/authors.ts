import { z } from 'zod';
import { authorTag, SITEMAPS } from '../../cache/tags.js';
import { announceChange } from '../../content/index.js';
import type { Context } from '../../context.js';
import { inTransaction } from '../../db/index.js';
import { conflict, invalidInput, notFound } from '../../errors.js';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { slugify } from '../../lib/slug.js';
import { multiLine, singleLine } from '../../lib/text.js';
import { nowIso } from '../../lib/time.js';
import { reindexArticles } from '../../search/index.js';
import { authorize, idParams, type Router, slugBody } from '../http.js';

const authorBody = z.object({
  slug: slugBody.optional(),
  name: singleLine().trim().min(1).max(200),
  bio: multiLine().trim().max(5000).default(''),
  avatarMediaId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
});

/** Bylines: readable by every role, managed by editors and up. */
export function authorRoutes(r: Router, ctx: Context): void {
  /** Slug and avatar are checked up front, so a clash is a clear 409/400, not a database error. */
  const checkAuthor = async (id: number | null, b: { slug?: string; avatarMediaId?: number | null }) => {
    if (b.slug) {
      const clash = await ctx.db
        .selectFrom('authors')
        .select('id')
        .where('slug', '=', b.slug)
        .executeTakeFirst();
      if (clash && clash.id !== id) throw conflict(`slug: an author already uses "${b.slug}"`);
    }
    if (b.avatarMediaId) {
      const m = await ctx.db
        .selectFrom('media')
        .select('id')
        .where('id', '=', b.avatarMediaId)
        .executeTakeFirst();
      if (!m) throw invalidInput(`avatarMediaId: media ${b.avatarMediaId} does not exist`);
    }
  };
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
      if (!s) throw invalidInput('slug: the name has no letters or digits; give a slug');
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
      if (used) throw conflict(`author ${params.id} is on stories; edit those bylines first`);
      const res = await ctx.db.deleteFrom('authors').where('id', '=', params.id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound(`author ${params.id} not found`);
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
        if (!row) throw notFound(`author ${params.id} not found`);
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

function presentAuthor(a: {
  id: number;
  slug: string;
  name: string;
  bio: string;
  avatar_media_id: number | null;
}) {
  return { id: a.id, slug: a.slug, name: a.name, bio: a.bio, avatarMediaId: a.avatar_media_id };
}

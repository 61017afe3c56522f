import type { z } from 'zod';
import {
  descendantIds,
  loadSectionTree,
  mediaByIds,
  publicAuthorBySlug,
  publicTagBySlug,
} from '../../content/index.js';
import type { Context } from '../../context.js';
import { resolveListBySlug } from '../../fronts/index.js';
import { notFound } from '../../errors.js';
import { decodeArticleCursor, decodeTagCursor, encodeArticleCursor, encodeTagCursor } from './cursor.js';
import { badParameter } from './errors.js';
import { toNinjs } from './ninjs.js';
import { authorRef, imageOut, presentArticle, presentSection, tagRef } from './presenters.js';
import {
  type ArticleFilter,
  type ArticleOrder,
  articlePage,
  authorsWithStories,
  bodyImageIds,
  type PublicArticle,
  publicArticleById,
  publicArticleBySlug,
  publicArticlesByIds,
  relationsOf,
  tagsWithStories,
} from './queries.js';
import {
  ARTICLE_FIELDS,
  type ArticleField,
  type articleQuery,
  LIST_DEFAULT_FIELDS,
  type listArticlesQuery,
  type listQuery,
  type listTagsQuery,
} from './schema.js';
import { parseBody } from './story.js';

/** The Content API's work, as plain functions over the context; routes only parse and send. */
function fieldSet(raw: string | undefined, defaults: readonly ArticleField[]): Set<ArticleField> {
  if (raw === undefined) return new Set(defaults);
  const wanted = raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !(ARTICLE_FIELDS as readonly string[]).includes(f));
  if (unknown.length || !wanted.length)
    throw badParameter('Invalid fields', 'fields', `allowed fields: ${ARTICLE_FIELDS.join(', ')}`);
  return new Set(wanted as ArticleField[]);
}

function needsBodyMedia(fields: Set<ArticleField>): boolean {
  return fields.has('bodyHtml');
}

async function present(ctx: Context, rows: PublicArticle[], fields: Set<ArticleField>) {
  const tree = await loadSectionTree(ctx.db);
  const extra = needsBodyMedia(fields) ? rows.flatMap((r) => bodyImageIds(parseBody(r))) : [];
  const rel = await relationsOf(ctx.db, rows, extra);
  return rows.map((r) => presentArticle(ctx.config.site, tree, r, rel, fields));
}

export async function listArticles(ctx: Context, q: z.output<typeof listArticlesQuery>) {
  const now = ctx.now().toISOString();
  const fields = fieldSet(q.fields, LIST_DEFAULT_FIELDS);
  const filter: ArticleFilter = {};
  if (q.section !== undefined) {
    const tree = await loadSectionTree(ctx.db);
    const section = tree.byPath.get(q.section);
    if (!section) throw notFound('No such section', [{ field: 'section', message: 'no such section' }]);
    filter.sectionIds = descendantIds(tree, section.id);
  }
  if (q.tag !== undefined) {
    const tag = await publicTagBySlug(ctx.db, now, q.tag);
    if (!tag) throw notFound('No such tag', [{ field: 'tag', message: 'no such tag' }]);
    filter.tagId = tag.id;
  }
  if (q.author !== undefined) {
    const author = await publicAuthorBySlug(ctx.db, now, q.author);
    if (!author) throw notFound('No such author', [{ field: 'author', message: 'no such author' }]);
    filter.authorId = author.id;
  }
  const order: ArticleOrder = q.updated_since === undefined ? 'published' : 'updated';
  if (q.updated_since !== undefined) filter.updatedSince = new Date(q.updated_since).toISOString();
  const after = q.cursor === undefined ? null : decodeArticleCursor(q.cursor, order);
  // One extra row tells whether another page exists without a count query.
  const rows = await articlePage(ctx.db, now, filter, order, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last
      ? encodeArticleCursor(order, {
          at: (order === 'published' ? last.first_published_at : last.updated_at) ?? last.updated_at,
          id: last.id,
        })
      : null;
  return { data: await present(ctx, page, fields), nextCursor };
}

/** A curated front's list as readers see it at this moment (src/fronts), its stories presented. */
export async function getList(ctx: Context, slug: string, q: z.output<typeof listQuery>) {
  const now = ctx.now().toISOString();
  const tree = await loadSectionTree(ctx.db);
  const list = await resolveListBySlug(ctx.db, tree, slug, now);
  if (!list) throw notFound('No such list');
  const rows = await publicArticlesByIds(
    ctx.db,
    now,
    list.stories.map((s) => s.id),
  );
  return {
    slug: list.slug,
    title: list.title,
    front: list.front,
    variant: list.variant,
    data: await present(ctx, rows, fieldSet(q.fields, LIST_DEFAULT_FIELDS)),
  };
}

/** One public story by id or slug: its JSON, or its ninjs document. */
export async function getArticle(
  ctx: Context,
  by: { id: number } | { slug: string },
  q: z.output<typeof articleQuery>,
): Promise<{ json: unknown }> {
  const now = ctx.now().toISOString();
  const row =
    'id' in by
      ? await publicArticleById(ctx.db, now, by.id)
      : await publicArticleBySlug(ctx.db, now, by.slug);
  if (!row) throw notFound('No such article');
  if (q.format === 'ninjs') {
    if (q.fields !== undefined)
      throw badParameter('Invalid fields', 'fields', 'not available with format=ninjs');
    const tree = await loadSectionTree(ctx.db);
    const rel = await relationsOf(ctx.db, [row], bodyImageIds(parseBody(row)));
    return { json: toNinjs(ctx.config.site, tree, row, rel) };
  }
  const [data] = await present(ctx, [row], fieldSet(q.fields, ARTICLE_FIELDS));
  return { json: { data } };
}

export async function sectionsTree(ctx: Context) {
  const tree = await loadSectionTree(ctx.db);
  return { data: tree.roots.map((s) => presentSection(ctx.config.site, s)) };
}

export async function listTags(ctx: Context, q: z.output<typeof listTagsQuery>) {
  const after = q.cursor === undefined ? null : decodeTagCursor(q.cursor);
  const rows = await tagsWithStories(ctx.db, ctx.now().toISOString(), after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((t) => tagRef(ctx.config.site, t)),
    nextCursor: rows.length > q.limit && last ? encodeTagCursor(last.slug) : null,
  };
}

export async function listAuthors(ctx: Context) {
  const site = ctx.config.site;
  const authors = await authorsWithStories(ctx.db, ctx.now().toISOString());
  const avatars = await mediaByIds(
    ctx.db,
    authors.map((a) => a.avatar_media_id),
  );
  return {
    data: authors.map((a) => {
      const avatar = a.avatar_media_id === null ? undefined : avatars.get(a.avatar_media_id);
      return {
        ...authorRef(site, a),
        bio: a.bio,
        avatar: avatar ? imageOut(site, avatar, { alt: `Portrait of ${a.name}` }) : null,
      };
    }),
  };
}

import type { z } from 'zod';
import {
  ALL_LIST,
  articleTag,
  authorListTag,
  authorTag,
  frontListTag,
  mediaTag,
  sectionListTag,
  sectionTag,
  tagListTag,
  tagTag,
} from '../../cache/index.js';
import {
  descendantIds,
  loadSectionTree,
  mediaByIds,
  publicAuthorBySlug,
  publicTagBySlug,
} from '../../content/index.js';
import { editionsOf, editionUrls } from '../../editions/index.js';
import type { Context } from '../../context.js';
import { resolveListBySlug } from '../../fronts/index.js';
import { articleTopics, confirmedEntitiesOf } from '../../knowledge/index.js';
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
  type StoryRelations,
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

/**
 * The Content API's work, as plain functions over the context; routes only parse and send. Each
 * answer names what it shows (`tags`, the page cache's vocabulary in cache/tags.ts), so the
 * route keeps it in the page cache until one of those changes.
 */
export interface Answer {
  json: unknown;
  tags: string[];
}

/** Every section's name and path can appear in a story (its section and breadcrumbs). */
function treeTags(tree: Awaited<ReturnType<typeof loadSectionTree>>): string[] {
  return [...tree.byId.keys()].flatMap((id) => [sectionTag(id), sectionListTag(id)]);
}

function storyTags(rows: PublicArticle[], rel: StoryRelations): string[] {
  const tags = new Set<string>();
  for (const r of rows) {
    tags.add(articleTag(r.id));
    for (const a of rel.bylines.get(r.id) ?? []) tags.add(authorTag(a.id));
    for (const t of rel.tags.get(r.id) ?? []) tags.add(tagTag(t.id));
  }
  for (const id of rel.media.keys()) tags.add(mediaTag(id));
  return [...tags];
}
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
  if (fields.has('entities'))
    rel.entities = await confirmedEntitiesOf(
      ctx.db,
      rows.map((r) => r.id),
    );
  // A story of an edition on a host of its own is at that host (src/editions).
  const home = editionUrls(ctx.config.site.url, await editionsOf(ctx));
  const siteOf = (r: PublicArticle) => {
    const url = home(r.edition_id);
    return url === ctx.config.site.url ? ctx.config.site : { ...ctx.config.site, url };
  };
  return {
    data: rows.map((r) => presentArticle(siteOf(r), tree, r, rel, fields)),
    tags: [...treeTags(tree), ...storyTags(rows, rel)],
  };
}

export async function listArticles(ctx: Context, q: z.output<typeof listArticlesQuery>): Promise<Answer> {
  const now = ctx.now().toISOString();
  const fields = fieldSet(q.fields, LIST_DEFAULT_FIELDS);
  const filter: ArticleFilter = {};
  // Which list a story entering or leaving changes (content announces these on every write).
  const scope: string[] = [];
  if (q.section !== undefined) {
    const tree = await loadSectionTree(ctx.db);
    const section = tree.byPath.get(q.section);
    if (!section) throw notFound('No such section', [{ field: 'section', message: 'no such section' }]);
    filter.sectionIds = descendantIds(tree, section.id);
    scope.push(sectionListTag(section.id));
  }
  if (q.tag !== undefined) {
    const tag = await publicTagBySlug(ctx.db, now, q.tag);
    if (!tag) throw notFound('No such tag', [{ field: 'tag', message: 'no such tag' }]);
    filter.tagId = tag.id;
    scope.push(tagListTag(tag.id));
  }
  if (q.author !== undefined) {
    const author = await publicAuthorBySlug(ctx.db, now, q.author);
    if (!author) throw notFound('No such author', [{ field: 'author', message: 'no such author' }]);
    filter.authorId = author.id;
    scope.push(authorListTag(author.id));
  }
  if (q.edition !== undefined) {
    const edition = (await editionsOf(ctx)).find((e) => e.code === q.edition);
    if (!edition) throw notFound('No such edition', [{ field: 'edition', message: 'no such edition' }]);
    filter.editionId = edition.id;
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
  const shown = await present(ctx, page, fields);
  return {
    json: { data: shown.data, nextCursor },
    tags: [...(scope.length ? scope : [ALL_LIST]), ...shown.tags],
  };
}

/** A curated front's list as readers see it at this moment (src/fronts), its stories presented. */
export async function getList(ctx: Context, slug: string, q: z.output<typeof listQuery>): Promise<Answer> {
  const now = ctx.now().toISOString();
  const tree = await loadSectionTree(ctx.db);
  const list = await resolveListBySlug(ctx.db, tree, slug, now);
  if (!list) throw notFound('No such list');
  const rows = await publicArticlesByIds(
    ctx.db,
    now,
    list.stories.map((s) => s.id),
  );
  const shown = await present(ctx, rows, fieldSet(q.fields, LIST_DEFAULT_FIELDS));
  return {
    json: { slug: list.slug, title: list.title, front: list.front, variant: list.variant, data: shown.data },
    // Its definition and the clock's changes to it (front-list), any story entering a fill
    // (ALL_LIST: every publication is announced with it), and what its stories show.
    tags: [frontListTag(list.slug), ALL_LIST, ...shown.tags],
  };
}

/** One public story by id or slug: its JSON, or its ninjs document. */
export async function getArticle(
  ctx: Context,
  by: { id: number } | { slug: string },
  q: z.output<typeof articleQuery>,
): Promise<Answer> {
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
    // A story speaks its edition's language (src/editions), its copyright its edition's name.
    const edition = (await editionsOf(ctx)).find((e) => e.id === row.edition_id);
    const site =
      edition && !edition.isDefault
        ? { ...ctx.config.site, language: edition.language, name: edition.name }
        : ctx.config.site;
    return {
      // Confirmed entities as people, organisations, places and subjects (docs/api.md, "ninjs").
      json: toNinjs(site, tree, row, rel, await articleTopics(ctx.db, row.id, row.headline)),
      tags: [...treeTags(tree), ...storyTags([row], rel)],
    };
  }
  const shown = await present(ctx, [row], fieldSet(q.fields, ARTICLE_FIELDS));
  return { json: { data: shown.data[0] }, tags: shown.tags };
}

export async function sectionsTree(ctx: Context): Promise<Answer> {
  const tree = await loadSectionTree(ctx.db);
  // A new top-level section is announced as SITE, which every cached answer carries.
  return { json: { data: tree.roots.map((s) => presentSection(ctx.config.site, s)) }, tags: treeTags(tree) };
}

export async function listTags(ctx: Context, q: z.output<typeof listTagsQuery>): Promise<Answer> {
  const after = q.cursor === undefined ? null : decodeTagCursor(q.cursor);
  const rows = await tagsWithStories(ctx.db, ctx.now().toISOString(), after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    json: {
      data: page.map((t) => tagRef(ctx.config.site, t)),
      nextCursor: rows.length > q.limit && last ? encodeTagCursor(last.slug) : null,
    },
    // Which tags have a public story changes with any story: every story write announces ALL_LIST.
    tags: [ALL_LIST, ...page.map((t) => tagTag(t.id))],
  };
}

export async function listAuthors(ctx: Context): Promise<Answer> {
  const site = ctx.config.site;
  const authors = await authorsWithStories(ctx.db, ctx.now().toISOString());
  const avatars = await mediaByIds(
    ctx.db,
    authors.map((a) => a.avatar_media_id),
  );
  const data = authors.map((a) => {
    const avatar = a.avatar_media_id === null ? undefined : avatars.get(a.avatar_media_id);
    return {
      ...authorRef(site, a),
      bio: a.bio,
      avatar: avatar ? imageOut(site, avatar, { alt: `Portrait of ${a.name}` }) : null,
    };
  });
  return {
    json: { data },
    tags: [
      ALL_LIST,
      ...authors.map((a) => authorTag(a.id)),
      ...authors.flatMap((a) => (a.avatar_media_id === null ? [] : [mediaTag(a.avatar_media_id)])),
    ],
  };
}

import type { Transaction } from 'kysely';
import { type ArticleRow, type Database, type Db, inTransaction, type RevisionKind } from '../db/index.js';
import { type ArticleInput, articleInput } from '../shared/article-input.js';
import { type Doc, DocumentError, validateDocument } from '../shared/document/index.js';
import { slugify } from '../shared/slug.js';
import { laterEmbargo, wireEmbargo } from './wire-embargo.js';
import { linksOf, recordArticleChange } from './changes.js';
import { ContentError } from './errors.js';
import { permalinkFor } from './permalinks.js';
import { changedFields, type RevisionContent, writeRevision } from './revisions.js';
import { ensureTags } from './tags.js';

/**
 * Article writes. Each is one transaction: the row, its bylines and tags, a revision, and the
 * redirect left behind when a permalink moves, so a crash never leaves half a story.
 */
type Tx = Transaction<Database>;

export interface WriteOptions {
  /** Who saved (user id or a label such as "demo"); recorded on the revision. */
  by?: string | null;
  /** The user creating the story: its owner in the permission policy. */
  createdBy?: number | null;
  /** Autosaves coalesce into one revision per few minutes (see revisions.ts); 'restore', 'update' … name other writes. */
  kind?: RevisionKind;
  /** Recorded with the revision, e.g. `{ fromVersion: 3 }` for a restore (history-labels.ts). */
  detail?: Record<string, unknown> | null;
  /** Newsroom time zone: permalink dates are local dates. */
  timeZone: string;
  /** The writer's clock (ISO): revision and update times, what counts as already public. */
  now: string;
}

export interface UpdateOptions extends WriteOptions {
  /** The version the edit was based on; a stale one is refused with 409. */
  expectedVersion: number;
}

export function parseInput(input: unknown) {
  const parsed = articleInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError(
      `${issue?.path.join('.') || 'article'}: ${issue?.message}`,
      400,
      issue?.path.join('.'),
    );
  }
  let body: Doc;
  try {
    body = validateDocument(parsed.data.body);
  } catch (err) {
    if (err instanceof DocumentError) throw new ContentError(`body.${err.message}`, 400, 'body');
    throw err;
  }
  return { ...parsed.data, body };
}

type Parsed = ReturnType<typeof parseInput>;

function bodyMediaIds(doc: Doc): number[] {
  const ids: number[] = [];
  const walk = (nodes: readonly unknown[] | undefined) => {
    for (const node of nodes ?? []) {
      const n = node as { type: string; attrs?: { mediaId?: number }; content?: unknown[] };
      if (n.type === 'image' && n.attrs?.mediaId) ids.push(n.attrs.mediaId);
      walk(n.content);
    }
  };
  walk(doc.content);
  return ids;
}

export async function checkReferences(tx: Tx, data: Parsed): Promise<void> {
  const section = await tx
    .selectFrom('sections')
    .select('id')
    .where('id', '=', data.sectionId)
    .executeTakeFirst();
  if (!section)
    throw new ContentError(`sectionId: section ${data.sectionId} does not exist`, 400, 'sectionId');
  const authorIds = [...new Set(data.authorIds)];
  if (authorIds.length) {
    const found = await tx.selectFrom('authors').select('id').where('id', 'in', authorIds).execute();
    const missing = authorIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      throw new ContentError(`authorIds: unknown author ${missing.join(', ')}`, 400, 'authorIds');
  }
  const mediaIds = [
    ...new Set([...(data.leadMediaId ? [data.leadMediaId] : []), ...bodyMediaIds(data.body)]),
  ];
  if (mediaIds.length) {
    const found = await tx.selectFrom('media').select('id').where('id', 'in', mediaIds).execute();
    const missing = mediaIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw new ContentError(`unknown media ${missing.join(', ')}`, 400, 'media');
  }
}

function isLive(status: string): boolean {
  return status === 'published' || status === 'unpublished' || status === 'archived';
}

async function writeRelations(tx: Tx, articleId: number, data: Parsed, now: string): Promise<void> {
  await tx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await tx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const authorIds = [...new Set(data.authorIds)];
  if (authorIds.length) {
    await tx
      .insertInto('article_authors')
      .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
      .execute();
  }
  const tags = await ensureTags(tx, data.tags, now);
  if (tags.length) {
    await tx
      .insertInto('article_tags')
      .values(tags.map((t, position) => ({ article_id: articleId, tag_id: t.id, position })))
      .execute();
  }
}

/**
 * An embargo may not end after the story is (or is scheduled to be) public: the workflow
 * enforces embargoes at publish time, so a live story must not gain a later one.
 */
function checkEmbargo(cols: ReturnType<typeof columns>, now: string): void {
  const embargo = cols.embargo_until;
  if (!embargo) return;
  if (cols.status === 'published' && embargo > now) {
    throw new ContentError(
      'embargoUntil: the story is already published; unpublish it first',
      409,
      'embargoUntil',
    );
  }
  if (cols.status === 'scheduled' && cols.publish_at && embargo > cols.publish_at) {
    throw new ContentError(
      'embargoUntil: ends after the scheduled time; reschedule first',
      409,
      'embargoUntil',
    );
  }
}

/** The editable content of a save, as revisions keep it (camelCase, like the API). */
function revisionContent(data: Parsed): RevisionContent {
  return {
    slug: data.slug ?? null,
    headline: data.headline,
    dek: data.dek,
    body: data.body,
    sectionId: data.sectionId,
    authorIds: data.authorIds,
    tags: data.tags,
    leadMediaId: data.leadMediaId,
    leadCaption: data.leadCaption,
    leadCredit: data.leadCredit,
    leadFilePhoto: data.leadFilePhoto,
    seoTitle: data.seoTitle,
    seoDescription: data.seoDescription,
    dateline: data.dateline,
    embargoUntil: data.embargoUntil,
  };
}

function columns(data: Parsed) {
  return {
    slug: data.slug ?? (slugify(data.headline) || 'story'),
    headline: data.headline,
    dek: data.dek,
    body: JSON.stringify(data.body),
    section_id: data.sectionId,
    lead_media_id: data.leadMediaId,
    lead_caption: data.leadCaption,
    lead_credit: data.leadCredit,
    lead_file_photo: data.leadFilePhoto ? 1 : 0,
    status: data.status as ArticleRow['status'],
    publish_at: data.publishAt ? new Date(data.publishAt).toISOString() : null,
    seo_title: data.seoTitle || null,
    seo_description: data.seoDescription || null,
    dateline: data.dateline || null,
    embargo_until: data.embargoUntil ? new Date(data.embargoUntil).toISOString() : null,
  };
}

/** A story belongs to the edition of its section (src/editions): moving it there moves it. */
async function editionOfSection(tx: Tx, sectionId: number): Promise<number> {
  const row = await tx
    .selectFrom('sections')
    .select('edition_id')
    .where('id', '=', sectionId)
    .executeTakeFirst();
  return row?.edition_id ?? 1;
}

/** Create an article; a published one gets its permalink now. */
export async function createArticle(
  db: Db,
  input: ArticleInput & { firstPublishedAt?: string | null },
  opts: WriteOptions,
): Promise<ArticleRow> {
  const data = parseInput(input);
  const now = opts.now;
  return inTransaction(db, async (tx) => {
    await checkReferences(tx, data);
    const cols = { ...columns(data), edition_id: await editionOfSection(tx, data.sectionId) };
    checkEmbargo(cols, now);
    const firstPublishedAt = isLive(cols.status) ? (input.firstPublishedAt ?? now) : null;
    const path = firstPublishedAt
      ? await permalinkFor(tx, cols.section_id, cols.slug, firstPublishedAt, opts.timeZone)
      : null;
    const row = await tx
      .insertInto('articles')
      .values({
        ...cols,
        first_published_at: firstPublishedAt,
        path,
        created_at: now,
        updated_at: now,
        version: 1,
        created_by: opts.createdBy ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeRelations(tx, row.id, data, now);
    const content = revisionContent(data);
    await writeRevision(tx, row, content, {
      by: opts.by ?? null,
      at: now,
      kind: 'save',
      changed: changedFields(null, content),
    });
    await recordArticleChange(tx, { before: null, after: row, now });
    return row;
  });
}

/**
 * Replace an article's fields. Refused with 409 when someone saved since `expectedVersion`.
 * When the permalink moves (slug or section changed after publication), the old path
 * redirects to the new one, and older redirects are re-pointed so no chain forms.
 */
export async function updateArticle(
  db: Db,
  id: number,
  input: ArticleInput,
  opts: UpdateOptions,
): Promise<ArticleRow> {
  const data = parseInput(input);
  const now = opts.now;
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current || current.deleted_at) throw new ContentError(`article ${id} does not exist`, 404);
    if (current.version !== opts.expectedVersion) {
      throw new ContentError(
        `article ${id} was saved by someone else (version ${current.version}, yours ${opts.expectedVersion})`,
        409,
      );
    }
    await checkReferences(tx, data);
    const cols = { ...columns(data), edition_id: await editionOfSection(tx, data.sectionId) };
    if (cols.edition_id !== current.edition_id && current.translation_group_id !== null) {
      // Its translations are linked to it as the story of its edition: a move would break that.
      throw new ContentError('sectionId: a translated story stays in its edition', 409, 'sectionId');
    }
    // Once a story has an address, a new headline must not move it: readers, links and
    // search engines know it. Only a slug sent on purpose does (the old address redirects).
    if (data.slug === undefined && current.path !== null) cols.slug = current.slug;
    // An agency's embargo stays whatever the edit says (content/wire-embargo.ts).
    cols.embargo_until = laterEmbargo(cols.embargo_until, await wireEmbargo(tx, id));
    checkEmbargo(cols, now);
    const firstPublishedAt = current.first_published_at ?? (isLive(cols.status) ? now : null);
    let path = current.path;
    if (
      firstPublishedAt &&
      (path === null || cols.slug !== current.slug || cols.section_id !== current.section_id)
    ) {
      path = await permalinkFor(tx, cols.section_id, cols.slug, firstPublishedAt, opts.timeZone, current);
    }
    const row = await tx
      .updateTable('articles')
      .set({
        ...cols,
        first_published_at: firstPublishedAt,
        path,
        updated_at: now,
        version: current.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', opts.expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ContentError(`article ${id} was saved by someone else`, 409);
    if (current.path && path !== current.path) {
      await tx
        .deleteFrom('redirects')
        .where('from_path', '=', path as string)
        .execute();
      await tx
        .updateTable('redirects')
        .set({ to_path: path as string })
        .where('to_path', '=', current.path)
        .execute();
      await tx
        .insertInto('redirects')
        .values({ from_path: current.path, to_path: path as string, created_at: now })
        .execute();
    }
    const previous = revisionContent(parseInput(await articleInputOf(tx, current)));
    const linksBefore = await linksOf(tx, id);
    await writeRelations(tx, id, data, now);
    const content = revisionContent(data);
    await writeRevision(tx, row, content, {
      by: opts.by ?? null,
      at: now,
      kind: opts.kind ?? 'save',
      detail: opts.detail ?? null,
      changed: changedFields(previous, content),
    });
    await recordArticleChange(tx, { before: current, after: row, linksBefore, now });
    return row;
  });
}

/** The editable fields of a stored article, in the shape `updateArticle` takes. */
export async function articleInputOf(db: Db, row: ArticleRow): Promise<ArticleInput> {
  const authors = await db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', row.id)
    .orderBy('position')
    .execute();
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    body: JSON.parse(row.body),
    sectionId: row.section_id,
    authorIds: authors.map((a) => a.author_id),
    tags: tags.map((t) => t.name),
    leadMediaId: row.lead_media_id,
    leadCaption: row.lead_caption,
    leadCredit: row.lead_credit,
    leadFilePhoto: row.lead_file_photo === 1,
    status: row.status,
    publishAt: row.publish_at,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    dateline: row.dateline,
    embargoUntil: row.embargo_until,
  };
}

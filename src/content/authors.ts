import { announceChange, authorTag, SITEMAPS } from '../cache/index.js';
import { type AuthorRow, type Db, inTransaction } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { slugify } from '../shared/slug.js';
import { reindexStories } from './changes.js';

/**
 * Bylines: the newsroom's authors. Search knows a story's bylines by name, so a new name
 * re-indexes the author's stories in the same transaction; every change is announced to the
 * caches after the commit (author pages, sitemaps).
 */

export interface AuthorInput {
  slug?: string;
  name: string;
  bio: string;
  avatarMediaId: number | null;
}

/** Every byline, by name. */
export async function listAuthors(db: Db): Promise<AuthorRow[]> {
  return db.selectFrom('authors').selectAll().orderBy('name').execute();
}

/** Slug and avatar are checked up front, so a clash is a clear 409/400, not a database error. */
async function checkAuthor(db: Db, id: number | null, a: { slug?: string; avatarMediaId?: number | null }) {
  if (a.slug) {
    const clash = await db.selectFrom('authors').select('id').where('slug', '=', a.slug).executeTakeFirst();
    if (clash && clash.id !== id) throw conflict(`slug: an author already uses "${a.slug}"`);
  }
  if (a.avatarMediaId) {
    const m = await db.selectFrom('media').select('id').where('id', '=', a.avatarMediaId).executeTakeFirst();
    if (!m) throw invalidInput(`avatarMediaId: media ${a.avatarMediaId} does not exist`);
  }
}

/** Adds a byline; its slug follows the name unless given. */
export async function createAuthor(db: Db, input: AuthorInput, now: Date): Promise<AuthorRow> {
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw invalidInput('slug: the name has no letters or digits; give a slug');
  await checkAuthor(db, null, { ...input, slug });
  const at = now.toISOString();
  return db
    .insertInto('authors')
    .values({
      slug,
      name: input.name,
      bio: input.bio,
      avatar_media_id: input.avatarMediaId,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Edits a byline: only the fields given change. */
export async function updateAuthor(
  db: Db,
  id: number,
  patch: Partial<AuthorInput>,
  now: Date,
): Promise<AuthorRow> {
  await checkAuthor(db, id, patch);
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('authors').select('name').where('id', '=', id).executeTakeFirst();
    const row = await tx
      .updateTable('authors')
      .set({
        ...(patch.slug ? { slug: patch.slug } : {}),
        ...(patch.name ? { name: patch.name } : {}),
        ...(patch.bio !== undefined ? { bio: patch.bio } : {}),
        ...(patch.avatarMediaId !== undefined ? { avatar_media_id: patch.avatarMediaId } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`author ${id} not found`);
    // Search knows bylines by name: a new name must find the author's stories at once.
    if (before && before.name !== row.name) {
      const bylined = await tx
        .selectFrom('article_authors')
        .select('article_id')
        .where('author_id', '=', row.id)
        .execute();
      await reindexStories(
        tx,
        bylined.map((b) => b.article_id),
      );
    }
    announceChange(tx, [authorTag(row.id), SITEMAPS]);
    return row;
  });
}

/** Deletes a byline that is on no story (a 409 otherwise: edit those bylines first). */
export async function deleteAuthor(db: Db, id: number): Promise<void> {
  const used = await db
    .selectFrom('article_authors')
    .select('article_id')
    .where('author_id', '=', id)
    .executeTakeFirst();
  if (used) throw conflict(`author ${id} is on stories; edit those bylines first`);
  const res = await db.deleteFrom('authors').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound(`author ${id} not found`);
  announceChange(db, [authorTag(id), SITEMAPS]);
}

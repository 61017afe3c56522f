import { sql } from 'kysely';
import { announceChange, SITEMAPS, tagListTag, tagTag } from '../cache/index.js';
import { type Db, dialectOf, inTransaction, type TagRow } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { slugify } from '../shared/slug.js';
import { reindexStories } from './changes.js';
import { ContentError } from './errors.js';
import { loadedOnFirstUse } from '../lib/first-use.js';

/**
 * Tags: created on first use by a story's save (ensureTags), managed by the newsroom (rename,
 * merge, delete). Search indexes a story's tag names, so every change of a name or a link
 * re-indexes the stories concerned in the same transaction, and the change is announced to the
 * caches after the commit (announce.ts).
 */

/**
 * A tag's slug, for a name in any script: runs of letters outside the Latin script (Arabic,
 * Cyrillic, Greek, Han …) are transliterated to Latin first (`transliteration`; docs/decisions.md
 * "Tag slugs in any script"), then folded as every slug is. A Latin name gets exactly the slug it
 * always had. Lossy, as folding accents is: names that transliterate alike are one tag.
 */
export function tagSlug(name: string, maxLength = 100): string {
  return slugify(
    name.replace(NON_LATIN_RUN, (run) => ` ${transliterate(run)} `),
    maxLength,
  );
}

// Its tables are 4 MB of heap: loaded by the first name outside the Latin script.
const transliteration = loadedOnFirstUse<typeof import('transliteration')>('transliteration');
const transliterate = (run: string) => transliteration().transliterate(run);

const NON_LATIN_RUN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+/gu;

/** Tags by name, creating the missing ones; returns them in the order given, duplicates dropped. */
export async function ensureTags(db: Db, names: string[], now: string): Promise<TagRow[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = tagSlug(name);
    if (!slug) throw new ContentError(`tag "${name}" has no letters or digits`, 400, 'tags');
    if (!wanted.has(slug)) wanted.set(slug, name.trim());
  }
  if (wanted.size === 0) return [];
  const slugs = [...wanted.keys()];
  const existing = await db.selectFrom('tags').selectAll().where('slug', 'in', slugs).execute();
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length) {
    // Two saves adding the same new tag at once both find it missing: the second insert
    // yields to the first (no unique-violation 500) and both read the one row back.
    await db
      .insertInto('tags')
      .values(missing.map((slug) => ({ slug, name: wanted.get(slug) ?? slug, created_at: now })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    const created = await db.selectFrom('tags').selectAll().where('slug', 'in', missing).execute();
    for (const t of created) bySlug.set(t.slug, t);
  }
  return slugs.map((s) => bySlug.get(s)).filter((t): t is TagRow => t !== undefined);
}

export interface TagListOptions {
  /** Only tags whose name starts with this (autocomplete), case-insensitively. */
  prefix?: string;
  limit: number;
  /** Adds how many stories carry each tag. */
  counts?: boolean;
}

export type TagListRow = Pick<TagRow, 'id' | 'slug' | 'name'> & { stories?: number };

/** Tags by name, optionally by name prefix and with their story counts. */
export async function listTags(db: Db, opts: TagListOptions): Promise<TagListRow[]> {
  const like = opts.prefix ? `${opts.prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined;
  const tags = await db
    .selectFrom('tags')
    .select(['id', 'slug', 'name'])
    // Deleted stories still hold their tags (they can be restored), so they count too.
    .$if(opts.counts === true, (q) =>
      q.select((eb) =>
        eb
          .selectFrom('article_tags')
          .select(sql<number | string>`count(*)`.as('n'))
          .whereRef('article_tags.tag_id', '=', 'tags.id')
          .as('stories'),
      ),
    )
    .$if(like !== undefined, (q) => q.where('name', dialectOf(db).ilike, like as string))
    .orderBy('name')
    .limit(opts.limit)
    .execute();
  // Counts come back as strings from PostgreSQL's bigint; the key is absent unless asked for.
  return tags.map(
    ({ stories, ...t }): TagListRow => (opts.counts === true ? { ...t, stories: Number(stories) } : t),
  );
}

/** Creates a tag by name (or returns the one with its slug). */
export async function createTag(db: Db, name: string, now: string): Promise<TagRow | undefined> {
  const [tag] = await ensureTags(db, [name], now);
  return tag;
}

/** Renames a tag; its slug follows the name unless given. A slug another tag has is a 409: merge instead. */
export async function renameTag(db: Db, id: number, input: { name: string; slug?: string }): Promise<TagRow> {
  const slug = input.slug ?? tagSlug(input.name);
  const clash = await db
    .selectFrom('tags')
    .select('id')
    .where('slug', '=', slug)
    .where('id', '!=', id)
    .executeTakeFirst();
  if (clash) throw conflict(`slug: tag ${clash.id} already uses "${slug}"; merge instead`);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('tags')
      .set({ name: input.name, slug })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`tag ${id} not found`);
    await reindexStories(tx, await storiesTagged(tx, row.id));
    announceChange(tx, [tagTag(row.id), SITEMAPS]);
    return row;
  });
}

/** Merges tag `id` into `into`: its stories get `into` (once), and `id` is removed. */
export async function mergeTags(db: Db, id: number, into: number): Promise<{ merged: number }> {
  if (id === into) throw invalidInput('into: cannot merge a tag into itself');
  return inTransaction(db, async (tx) => {
    const tags = await tx.selectFrom('tags').select('id').where('id', 'in', [id, into]).execute();
    if (tags.length !== 2) throw notFound('tag not found');
    const links = await tx.selectFrom('article_tags').selectAll().where('tag_id', '=', id).execute();
    for (const link of links) {
      const has = await tx
        .selectFrom('article_tags')
        .select('article_id')
        .where('article_id', '=', link.article_id)
        .where('tag_id', '=', into)
        .executeTakeFirst();
      if (!has)
        await tx
          .insertInto('article_tags')
          .values({ ...link, tag_id: into })
          .execute();
    }
    await tx.deleteFrom('tags').where('id', '=', id).execute();
    await reindexStories(
      tx,
      links.map((l) => l.article_id),
    );
    announceChange(tx, [tagTag(id), tagTag(into), tagListTag(into), SITEMAPS]);
    return { merged: links.length };
  });
}

/** Deletes a tag; its stories keep everything else. */
export async function deleteTag(db: Db, id: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const tagged = await storiesTagged(tx, id);
    const r = await tx.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound(`tag ${id} not found`);
    await reindexStories(tx, tagged);
    announceChange(tx, [tagTag(id), SITEMAPS]);
  });
}

/** Stories carrying a tag, for search to index again when the tag's name changes or it goes. */
async function storiesTagged(db: Db, tagId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.article_id);
}

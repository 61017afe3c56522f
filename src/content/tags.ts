import type { Db, TagRow } from '../db/index.js';
import { slugify } from '../shared/slug.js';
import { nowIso } from '../lib/time.js';
import { ContentError } from './errors.js';

/** Tags by name, creating the missing ones; returns them in the order given, duplicates dropped. */
export async function ensureTags(db: Db, names: string[]): Promise<TagRow[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name, 100);
    if (!slug) throw new ContentError(`tag "${name}" has no letters or digits`, 400, 'tags');
    if (!wanted.has(slug)) wanted.set(slug, name.trim());
  }
  if (wanted.size === 0) return [];
  const slugs = [...wanted.keys()];
  const existing = await db.selectFrom('tags').selectAll().where('slug', 'in', slugs).execute();
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const missing = slugs.filter((s) => !bySlug.has(s));
  if (missing.length) {
    const now = nowIso();
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

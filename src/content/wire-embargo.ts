import type { Db } from '../db/index.js';

/**
 * A story built from an embargoed agency item (src/ingest, "use") carries the agency's embargo,
 * and no edit may lift it: the embargo is the agency's, not the newsroom's. Content reads the
 * link table (`ingest_uses`) directly rather than asking ingest, which sits above it. A newer
 * version of the item may shorten or lift the embargo there (src/ingest/queue.ts).
 */
export async function wireEmbargo(db: Db, articleId: number): Promise<string | null> {
  const row = await db
    .selectFrom('ingest_uses')
    .select('embargo_until')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row?.embargo_until ?? null;
}

/** The later of a story's own embargo and its agency's (ISO strings compare in time order). */
export function laterEmbargo(own: string | null, wire: string | null): string | null {
  if (!wire) return own;
  if (!own) return wire;
  return own > wire ? own : wire;
}

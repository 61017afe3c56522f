import { type Db, readSetting } from '../db/index.js';

/** Set when the demo newsroom was loaded; it stays after the demo's stories are deleted. */
export const SEED_KEY = 'demo_seeded_at';

/**
 * True for a database that has never held content: no story, no section, no demo marker. Apart
 * from seed.ts so that a node starting on a newsroom's database checks this without loading the
 * demo's stories (about 1 MB of heap kept for the process's life).
 */
export async function neverHeldContent(db: Db): Promise<boolean> {
  const [articles, sections, marker] = await Promise.all([
    db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('sections').select('id').limit(1).executeTakeFirst(),
    readSetting(db, SEED_KEY),
  ]);
  return !articles && !sections && !marker;
}

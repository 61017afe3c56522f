import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';

/**
 * The word being typed, on SQLite. FTS5 runs a prefix through the porter stemmer before it
 * looks it up, so `vis*` is searched as `vi*`, `pos*` as `po*`, `ace*` as `ac*`: a two-letter
 * prefix has no prefix index (we keep 3, 4 and 5), so FTS5 merges the lists of every word it
 * could become — most of the archive, the slowest query of a large one (docs/benchmarks.md,
 * "the typed prefix as typed") — and finds `view` and `police` for `vis` and `pos`. When stemming keeps at least three letters the prefix index
 * answers at once and the prefix goes to FTS5 as typed. Otherwise the prefix is expanded here,
 * from the index's own vocabulary, into the most frequent words that really start with it.
 */

/** Same tokenizer as `search_fts` (migration 003). */
const TOKENIZER = 'porter unicode61 remove_diacritics 2';
const MIN_STEM_CHARS = 3;
/** Words a prefix expands to, most frequent first: enough for a word still being typed. */
export const MAX_EXPANSIONS = 16;

let scratch: { stem: (word: string) => string } | null = null;
const stems = new Map<string, string>();

/**
 * What the tokenizer makes of one word, asked of FTS5 itself (an in-memory table of our own,
 * never the site's database) so it can never drift from the index; remembered.
 */
export function stemOf(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  if (!scratch) {
    const mem = new SQLite(':memory:');
    mem.exec(`CREATE VIRTUAL TABLE s USING fts5(w, tokenize = '${TOKENIZER}');
      CREATE VIRTUAL TABLE v USING fts5vocab(s, 'row');`);
    const insert = mem.prepare('INSERT INTO s (rowid, w) VALUES (1, ?)');
    const read = mem.prepare<[], { term: string }>('SELECT term FROM v');
    const clear = mem.prepare('DELETE FROM s');
    scratch = {
      stem: (w) => {
        insert.run(w);
        const terms = read.all().map((r) => r.term);
        clear.run();
        return terms.length === 1 ? (terms[0] as string) : w;
      },
    };
  }
  const stem = scratch.stem(word);
  if (stems.size >= 10_000) stems.clear();
  stems.set(word, stem);
  return stem;
}

/**
 * How the prefix should be matched: `null` when FTS5's prefix query is fast and right as it
 * is, otherwise the indexed words (at most MAX_EXPANSIONS, most frequent first) that start
 * with it — possibly none. Words the stemmer would change again when quoted are left out, so
 * every expansion matches exactly itself.
 */
export async function prefixExpansion(db: Db, prefix: string): Promise<string[] | null> {
  if (stemOf(prefix).length >= MIN_STEM_CHARS) return null;
  const rows = await sql<{ term: string }>`SELECT term FROM search_fts_vocab
    WHERE term >= ${prefix} AND term < ${`${prefix}\u{10ffff}`}
    ORDER BY doc DESC LIMIT ${MAX_EXPANSIONS * 2}`.execute(db);
  return rows.rows
    .map((r) => r.term)
    .filter((t) => stemOf(t) === t)
    .slice(0, MAX_EXPANSIONS);
}

import { sql } from 'kysely';
import { newStemmer } from 'snowball-stemmers';
import type { ArticleRow, Db } from '../db/index.js';
import { stemArabic } from './arabic.js';

/**
 * Search in the story's language. Every indexed story carries a language code (the primary
 * subtag of its BCP 47 tag: `es-MX` is indexed as `es`), and a search names the language to
 * look in, or none for all of them. Each language has an analyzer, the same at index and at
 * query time (docs/search.md, "Languages"):
 *
 * - English: as before languages existed — FTS5's porter tokenizer on SQLite, the `english`
 *   configuration on PostgreSQL. Nothing is stemmed here.
 * - Languages with a Snowball stemmer on both databases (es, fr, ru, de, it, pt, tr, …): on
 *   PostgreSQL the configuration of that name; on SQLite each folded word is stemmed here with
 *   the same Snowball algorithm (snowball-stemmers) before FTS5 sees it. PostgreSQL 15's
 *   dictionaries and snowball-stemmers 0.6 are the same generation of the algorithms.
 * - Arabic: a light stemmer of our own (arabic.ts) on both databases, PostgreSQL's `simple`
 *   configuration over its output: Snowball's Arabic stemmer cuts "برلمان" to "رلم" but
 *   "البرلمان" to "برلم", so the bare word never finds the story (docs/decisions.md).
 * - Persian and every other language: folded and normalised, not stemmed (`simple`).
 *
 * Folding and Arabic-script normalisation (fold.ts) come first, for every language.
 */
interface Analyzer {
  /** PostgreSQL text search configuration. */
  pg: string;
  /** Stems one folded word on SQLite (and, for Arabic, on PostgreSQL too); none: as is. */
  stem?: (word: string) => string;
  /** True when `stem` must run on PostgreSQL too (no configuration does the job). */
  stemOnPg?: boolean;
}

/**
 * Languages stemmed by Snowball on both databases: the ones whose configuration every
 * PostgreSQL release since 9 ships (Catalan, Basque, Armenian… came in 13 and 14).
 */
const SNOWBALL: Record<string, string> = {
  da: 'danish',
  de: 'german',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  hu: 'hungarian',
  it: 'italian',
  nb: 'norwegian',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  tr: 'turkish',
};

/** The language a site or story falls back to; set from SITE_LANGUAGE when a context starts. */
let siteLanguage = 'en';

/** Called by createContext with the configured site language (config.site.language). */
export function configureSearchLanguage(tag: string): void {
  siteLanguage = languageCode(tag);
}

/**
 * The language a story is indexed in: its edition's (src/editions), or the site's for the
 * default edition, whose language is "as configured" (NULL in the table).
 */
export async function storyLanguage(db: Db, row: ArticleRow): Promise<string> {
  const edition = await db
    .selectFrom('editions')
    .select('language')
    .where('id', '=', row.edition_id)
    .executeTakeFirst();
  return edition?.language ?? siteLanguage;
}

/** `es-MX` → `es`; anything that is not a language tag → the site's language. */
export function languageCode(tag: string | undefined | null): string {
  const m = /^([a-zA-Z]{2,3})(?:[-_]|$)/.exec(tag ?? '');
  return m ? (m[1] as string).toLowerCase() : siteLanguage;
}

const analyzers = new Map<string, Analyzer>();

/** Stems are remembered: a news archive repeats a small vocabulary. */
function remembered(stem: (w: string) => string): (w: string) => string {
  const known = new Map<string, string>();
  return (w) => {
    let s = known.get(w);
    if (s === undefined) {
      s = stem(w);
      if (known.size >= 50_000) known.clear();
      known.set(w, s);
    }
    return s;
  };
}

export function analyzerFor(code: string): Analyzer {
  let a = analyzers.get(code);
  if (a) return a;
  if (code === 'en') a = { pg: 'english' };
  else if (code === 'ar') a = { pg: 'simple', stem: remembered(stemArabic), stemOnPg: true };
  else if (SNOWBALL[code]) {
    const stemmer = newStemmer(SNOWBALL[code] as string);
    a = { pg: SNOWBALL[code] as string, stem: remembered((w) => stemmer.stem(w)) };
  } else a = { pg: 'simple' };
  analyzers.set(code, a);
  return a;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Folded text with each word replaced by its stem (what FTS5 indexes on SQLite). */
export function stemText(code: string, folded: string, pg = false): string {
  const a = analyzerFor(code);
  const stem = a.stem;
  if (!stem || (pg && !a.stemOnPg)) return folded;
  return folded.replace(WORD, (w) => stem(w));
}

/** One folded query word as the index holds it. */
export function stemWord(code: string, word: string, pg = false): string {
  const a = analyzerFor(code);
  return a.stem && (!pg || a.stemOnPg) ? a.stem(word) : word;
}

/**
 * How snippets decide that a word of a story matches a query word (snippet.ts): by the
 * story's stemmer where language.ts has one; English and unstemmed languages keep snippet.ts's
 * own suffix rules.
 */
export function highlightStemmer(code: string): ((word: string) => string) | undefined {
  return code === 'en' ? undefined : analyzerFor(code).stem;
}

/**
 * The languages present in the index, for a search in all of them: one probe of the
 * `language` index per language (migration 031), however large the archive.
 */
export async function indexedLanguages(db: Db): Promise<string[]> {
  const r = await sql<{ code: string | null }>`WITH RECURSIVE l(code) AS (
      SELECT min(language) FROM search_documents
      UNION ALL
      SELECT (SELECT min(language) FROM search_documents WHERE language > l.code) FROM l WHERE l.code IS NOT NULL
    ) SELECT code FROM l WHERE code IS NOT NULL`.execute(db);
  return r.rows.map((row) => row.code as string);
}

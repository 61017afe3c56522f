import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/index.js';
import { type EngineQuery, RECENCY_HALF_LIFE_DAYS, type SearchEngine } from './engine.js';
import { filters } from './filters.js';
import { analyzerFor, stemText, stemWord } from './language.js';
import { stemQuery, toPgQuery } from './query.js';

/**
 * PostgreSQL full-text search: a weighted tsvector (A headline; B dek, tags, authors;
 * C captions; D body) with a GIN index, queried with websearch_to_tsquery plus a prefix
 * term for the last word, ranked by ts_rank_cd (weights D 0.1, C 0.2, B 0.4, A 1.0,
 * normalised by document length) times the same recency boost as SQLite. Each row is analysed
 * in its language's text search configuration, and queried in it (language.ts). The tsvector is
 * stored in its row, not in TOAST (migration 009; docs/search.md, "How a query runs").
 */
function tsquery(cfg: RawBuilder<unknown>, web: string, prefix: string | null): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (web) parts.push(sql`websearch_to_tsquery(${cfg}, ${web})`);
  if (prefix) parts.push(sql`to_tsquery(${cfg}, ${`${prefix}:*`})`);
  return sql.join(parts, sql` && `);
}

/** The language's text search configuration, as a literal (the planner sees a constant). */
function configOf(language: string): RawBuilder<unknown> {
  return sql.lit(analyzerFor(language).pg);
}

/** Below this many stories for the other words, the typed prefix is checked row by row. */
const PREFIX_FILTER_MAX = 200;

/**
 * Whether the word being typed should be checked on each story matching the other words
 * rather than looked up in GIN. A prefix lookup gathers every story holding any word that
 * starts with it into a bitmap over the table's pages, which grows with the archive even now
 * that each row holds its tsvector (migration 009; figures in docs/benchmarks.md, "PostgreSQL
 * tsvectors in the row"). When the other words match a couple of hundred stories at most
 * (whatever their status: this only picks the plan), reading those rows and testing the prefix
 * there is cheaper; a LIMITed count, far cheaper than either, says which case this is.
 */
async function prefixAsFilter(db: Db, cfg: RawBuilder<unknown>, web: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_documents d
    WHERE d.tsv @@ websearch_to_tsquery(${cfg}, ${web}) LIMIT ${PREFIX_FILTER_MAX + 1}) x`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  // None: the other words may be stopwords only, which websearch_to_tsquery drops; then
  // the prefix alone decides, through the index.
  return n > 0 && n <= PREFIX_FILTER_MAX;
}

export const postgresEngine: SearchEngine = {
  async upsert(db, id, meta, text) {
    const cfg = configOf(meta.language);
    // Arabic arrives stemmed (language.ts); the configuration stems the others.
    const t = (field: string) => stemText(meta.language, field, true);
    const tsv = sql`setweight(to_tsvector(${cfg}, ${t(text.headline)}), 'A')
      || setweight(to_tsvector(${cfg}, ${t(`${text.dek} ${text.tags} ${text.authors}`)}), 'B')
      || setweight(to_tsvector(${cfg}, ${t(text.captions)}), 'C')
      || setweight(to_tsvector(${cfg}, ${t(text.body)}), 'D')`;
    const row = {
      status: meta.status,
      published_at: meta.publishedAt,
      section_id: meta.sectionId,
      recency_day: meta.recencyDay,
      language: meta.language,
    };
    await sql`INSERT INTO search_documents (article_id, status, published_at, section_id, recency_day, language, tsv)
      VALUES (${id}, ${row.status}, ${row.published_at}, ${row.section_id}, ${row.recency_day}, ${row.language}, ${tsv})
      ON CONFLICT (article_id) DO UPDATE SET status = excluded.status, published_at = excluded.published_at,
        section_id = excluded.section_id, recency_day = excluded.recency_day, language = excluded.language,
        tsv = excluded.tsv`.execute(db);
  },

  async remove(db, id) {
    await db.deleteFrom('search_documents').where('article_id', '=', id).execute();
  },

  async search(db, q, opts: EngineQuery) {
    const age = sql`greatest(${opts.nowDay}::float8 - d.recency_day, 0)`;
    const positive = q.terms.length > 0 || q.phrases.length > 0;
    // One query per language, in that language's configuration.
    const branches: { from: RawBuilder<unknown>; where: RawBuilder<unknown> }[] = [];
    for (const language of opts.languages) {
      const pq = toPgQuery(stemQuery(q, (w) => stemWord(language, w, true)));
      if (!pq) continue;
      const cfg = configOf(language);
      // The same test either way: ts_match_vq is the function behind @@, which the planner
      // cannot answer from the index, so GIN only looks up the other words.
      const match =
        pq.prefix && positive && (await prefixAsFilter(db, cfg, pq.web))
          ? sql`d.tsv @@ websearch_to_tsquery(${cfg}, ${pq.web})
            AND ts_match_vq(d.tsv, to_tsquery(${cfg}, ${`${pq.prefix}:*`}))`
          : sql`d.tsv @@ q.q`;
      branches.push({
        from: sql`search_documents d, (SELECT ${tsquery(cfg, pq.web, pq.prefix)} AS q) q`,
        where: sql.join([match, sql`d.language = ${language}`, ...filters(opts)], sql` AND `),
      });
    }
    if (!branches.length) return { total: 0, hits: [] };
    const score = sql`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q, 1)
      * (1.0 + 1.0 / (1.0 + ${age} / ${sql.raw(`${RECENCY_HALF_LIFE_DAYS}.0`)}))`;
    // The score is computed in each inner query (OFFSET 0 keeps PostgreSQL from merging it
    // into the outer one): otherwise the window count's buffer holds each match's whole
    // tsvector, a few kB since it is stored inline (migration 009), and spills to disk.
    const matches = (scored: boolean) =>
      sql.join(
        branches.map(
          (b) => sql`(SELECT d.article_id AS id, d.recency_day AS day, d.language AS language,
            ${scored && opts.sort !== 'date' ? score : sql`0`} AS score FROM ${b.from} WHERE ${b.where} OFFSET 0)`,
        ),
        sql` UNION ALL `,
      );
    const order = opts.sort === 'date' ? sql`day DESC, id DESC` : sql`score DESC, id DESC`;
    // One pass over the matches gives both the page and the total (see sqlite-engine.ts).
    const rows = await sql<{ id: number; score: number; total: number; language: string }>`SELECT id,
        score, language, count(*) OVER () AS total FROM (${matches(true)}) m
      ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (!rows.rows.length && opts.offset > 0) {
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches(false)}) m`.execute(db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return {
      total,
      hits: rows.rows.map((r) => ({ id: Number(r.id), score: Number(r.score), language: r.language })),
    };
  },
};

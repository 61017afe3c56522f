import { type RawBuilder, sql } from 'kysely';
import { type EngineQuery, RECENCY_HALF_LIFE_DAYS, type SearchEngine } from './engine.js';
import { toPgQuery } from './query.js';
import { filters } from './filters.js';

/**
 * PostgreSQL full-text search: a weighted tsvector (A headline; B dek, tags, authors;
 * C captions; D body) with a GIN index, queried with websearch_to_tsquery plus a prefix
 * term for the last word, ranked by ts_rank_cd (weights D 0.1, C 0.2, B 0.4, A 1.0,
 * normalised by document length) times the same recency boost as SQLite.
 */
function tsquery(web: string, prefix: string | null): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (web) parts.push(sql`websearch_to_tsquery('english', ${web})`);
  if (prefix) parts.push(sql`to_tsquery('english', ${`${prefix}:*`})`);
  return sql.join(parts, sql` && `);
}

export const postgresEngine: SearchEngine = {
  async upsert(db, id, meta, text) {
    const tsv = sql`setweight(to_tsvector('english', ${text.headline}), 'A')
      || setweight(to_tsvector('english', ${`${text.dek} ${text.tags} ${text.authors}`}), 'B')
      || setweight(to_tsvector('english', ${text.captions}), 'C')
      || setweight(to_tsvector('english', ${text.body}), 'D')`;
    const row = {
      status: meta.status,
      published_at: meta.publishedAt,
      section_id: meta.sectionId,
      recency_day: meta.recencyDay,
    };
    await sql`INSERT INTO search_documents (article_id, status, published_at, section_id, recency_day, tsv)
      VALUES (${id}, ${row.status}, ${row.published_at}, ${row.section_id}, ${row.recency_day}, ${tsv})
      ON CONFLICT (article_id) DO UPDATE SET status = excluded.status, published_at = excluded.published_at,
        section_id = excluded.section_id, recency_day = excluded.recency_day, tsv = excluded.tsv`.execute(db);
  },

  async remove(db, id) {
    await db.deleteFrom('search_documents').where('article_id', '=', id).execute();
  },

  async search(db, q, opts: EngineQuery) {
    const pq = toPgQuery(q);
    if (!pq) return { total: 0, hits: [] };
    const query = tsquery(pq.web, pq.prefix);
    const where = sql.join([sql`d.tsv @@ q.q`, ...filters(opts)], sql` AND `);
    const from = sql`search_documents d, (SELECT ${query} AS q) q`;
    const age = sql`greatest(${opts.nowDay}::float8 - d.recency_day, 0)`;
    const score = sql`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q, 1)
      * (1.0 + 1.0 / (1.0 + ${age} / ${sql.raw(`${RECENCY_HALF_LIFE_DAYS}.0`)}))`;
    const order =
      opts.sort === 'date' ? sql`d.recency_day DESC, d.article_id DESC` : sql`score DESC, d.article_id DESC`;
    // One pass over the matches gives both the page and the total (see sqlite-engine.ts).
    const rows = await sql<{ id: number; score: number; total: number }>`SELECT d.article_id AS id,
        ${opts.sort === 'date' ? sql`0` : score} AS score, count(*) OVER () AS total
      FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (!rows.rows.length && opts.offset > 0) {
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return { total, hits: rows.rows.map((r) => ({ id: Number(r.id), score: Number(r.score) })) };
  },
};

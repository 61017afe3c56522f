import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/index.js';
import { RECENCY_HALF_LIFE_DAYS, type SearchEngine } from './engine.js';
import { filters } from './filters.js';
import { stemText, stemWord } from './language.js';
import { stemQuery, toFts5 } from './query.js';
import { prefixExpansion } from './sqlite-prefix.js';

/**
 * SQLite FTS5 (contentless, porter stemming, unicode61 with diacritics removed); text in other
 * languages than English is stemmed before it reaches FTS5 (language.ts). bm25 column
 * weights: headline 10, dek 4, body 1, tags 4, authors 4, captions 2. bm25 is negative (lower
 * is better), hence the minus sign.
 */
const BM25 = sql`-bm25(search_fts, 10.0, 4.0, 1.0, 4.0, 4.0, 2.0)`;

export const sqliteEngine: SearchEngine = {
  async upsert(db, id, meta, text) {
    await this.remove(db, id);
    await db
      .insertInto('search_documents')
      .values({
        article_id: id,
        status: meta.status,
        published_at: meta.publishedAt,
        section_id: meta.sectionId,
        recency_day: meta.recencyDay,
        language: meta.language,
      })
      .execute();
    // FTS5 stems English itself (porter); other languages arrive stemmed (language.ts).
    const t = (field: string) => stemText(meta.language, field);
    await sql`INSERT INTO search_fts (rowid, headline, dek, body, tags, authors, captions)
      VALUES (${id}, ${t(text.headline)}, ${t(text.dek)}, ${t(text.body)}, ${t(text.tags)}, ${t(text.authors)}, ${t(text.captions)})`.execute(
      db,
    );
  },

  async remove(db: Db, id: number) {
    await sql`DELETE FROM search_fts WHERE rowid = ${id}`.execute(db);
    await db.deleteFrom('search_documents').where('article_id', '=', id).execute();
  },

  async search(db, q, opts) {
    const age = sql`max(${opts.nowDay} - d.recency_day, 0)`;
    const score = sql`${BM25} * (1.0 + 1.0 / (1.0 + ${age} / ${sql.raw(`${RECENCY_HALF_LIFE_DAYS}.0`)}))`;
    // One query per language, each with the reader's words as that language's index holds them.
    const branches: { where: RawBuilder<unknown> }[] = [];
    for (const language of opts.languages) {
      const lq = stemQuery(q, (w) => stemWord(language, w));
      const match = toFts5(lq, lq.prefix ? ((await prefixExpansion(db, lq.prefix)) ?? undefined) : undefined);
      if (!match) continue;
      const where = sql.join(
        [sql`search_fts MATCH ${match}`, sql`d.language = ${language}`, ...filters(opts)],
        sql` AND `,
      );
      branches.push({ where });
    }
    if (!branches.length) return { total: 0, hits: [] };
    const from = sql`search_fts JOIN search_documents d ON d.article_id = search_fts.rowid`;
    const matches = (scored: boolean) =>
      sql.join(
        branches.map(
          (b) => sql`SELECT d.article_id AS id, d.recency_day AS day, d.language AS language,
            ${scored && opts.sort !== 'date' ? score : sql`0`} AS score FROM ${from} WHERE ${b.where}`,
        ),
        sql` UNION ALL `,
      );
    const order = opts.sort === 'date' ? sql`day DESC, id DESC` : sql`score DESC, id DESC`;
    // One pass over the matches gives both the page and the total (a window count); only a
    // page past the end needs the count asked separately.
    // (bm25 cannot be called where a window function is, hence the inner query.)
    const rows = await sql<{ id: number; score: number; total: number; language: string }>`SELECT id,
        score, language, count(*) OVER () AS total FROM (${matches(true)})
      ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (!rows.rows.length && opts.offset > 0) {
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM (${matches(false)})`.execute(db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return {
      total,
      hits: rows.rows.map((r) => ({ id: r.id, score: r.score, language: r.language })),
    };
  },
};

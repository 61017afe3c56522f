/**
 * `npm run bench:search [-- --size N] [-- --engines sqlite,postgres] [-- --keep DIR]
 * [-- --rounds N]`: full-text search at archive scale. Generates N stories (default 200,000) straight into a fresh database (bulk
 * inserts, not the content service: that would take hours), builds the search index, then
 * runs a fixed set of 240 queries through `searchArticles` — the function behind /search and
 * the API, snippets included — and prints build time, index size and latency percentiles.
 *
 * SQLite always; PostgreSQL when MASTHEAD_TEST_PG_URL (or the default local server) answers.
 * Each engine gets its own temporary database, dropped afterwards — unless `--keep DIR` is
 * given: then the archives are kept (SQLite under DIR, PostgreSQL in a database named in DIR)
 * and a later run with the same DIR skips generation and only runs the queries, so two
 * versions of the search code can be timed on the same archive, back to back.
 * `--rounds N` runs the query set N times (percentiles over all runs; steadier tails).
 *
 * `--languages` measures per-language search instead (default `--size 5000`): the archive is
 * indexed through the real indexer (`indexArticle`: fold, then stem) once as English, the
 * baseline (no stemming in JavaScript), then as Spanish (Snowball on SQLite, the `spanish`
 * configuration on PostgreSQL) and as Arabic (the light stemmer on both); each time the same
 * queries run in that language. Ratios are against English in the same run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Context, createContext } from '../src/context.js';
import type { NewArticle } from '../src/db/index.js';
import { indexArticle, searchArticles } from '../src/search/index.js';
import {
  type Corpus,
  type GeneratedStory,
  makeCorpus,
  makeQueries,
  makeStory,
  rng,
} from './search-corpus.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const LANGUAGES = args.includes('--languages');
const SIZE = Number(arg('size', LANGUAGES ? '5000' : '200000'));
const ENGINES = arg('engines', 'sqlite,postgres').split(',');
const KEEP = arg('keep', '');
const ROUNDS = Number(arg('rounds', '1'));
const PG_URL = process.env.MASTHEAD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 1_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-29T00:00:00Z');

interface Seeded {
  sections: number[];
  authors: { id: number; name: string }[];
  tags: { id: number; name: string }[];
}

async function seedReferenceData(ctx: Context, corpus: Corpus): Promise<Seeded> {
  const at = new Date(NOW).toISOString();
  const sections: number[] = [];
  for (let i = 0; i < 30; i++) {
    const slug = `section-${i}`;
    const row = await ctx.db
      .insertInto('sections')
      .values({
        parent_id: null,
        slug,
        name: `Section ${i}`,
        description: '',
        position: i,
        path: slug,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    sections.push(row.id);
  }
  const authors = Array.from({ length: 300 }, (_, i) => ({
    slug: `author-${i}`,
    name: `${corpus.firstNames[i]} ${corpus.lastNames[i]}`,
    bio: '',
    avatar_media_id: null,
    created_at: at,
    updated_at: at,
  }));
  const aRows = await ctx.db.insertInto('authors').values(authors).returning(['id', 'name']).execute();
  const tags = Array.from({ length: 800 }, (_, i) => ({
    slug: `tag-${i}`,
    name: corpus.words[100 + i * 7] as string,
    created_at: at,
  }));
  const tRows = await ctx.db.insertInto('tags').values(tags).returning(['id', 'name']).execute();
  return { sections, authors: aRows, tags: tRows };
}

/** Articles, bylines, tags, and a side table of plain text the index is then built from. */
async function loadArchive(ctx: Context, corpus: Corpus, ref: Seeded): Promise<GeneratedStory[]> {
  const r = rng(1);
  const samples: GeneratedStory[] = [];
  const isPg = ctx.dialect.fullText === 'tsvector';
  await sql`CREATE TABLE bench_text (id integer primary key, body text not null, tags text not null, authors text not null)`.execute(
    ctx.db,
  );
  let id = 0;
  const started = Date.now();
  while (id < SIZE) {
    const n = Math.min(BATCH, SIZE - id);
    const articles: NewArticle[] = [];
    const bylines: { article_id: number; author_id: number; position: number }[] = [];
    const tagRows: { article_id: number; tag_id: number; position: number }[] = [];
    const texts: { id: number; body: string; tags: string; authors: string }[] = [];
    for (let i = 0; i < n; i++) {
      id++;
      const s = makeStory(corpus, r);
      if (samples.length < 2_000 && r() < 0.05) samples.push(s);
      const published = new Date(NOW - Math.floor(r() * 3_650) * DAY - Math.floor(r() * DAY)).toISOString();
      const status = r() < 0.95 ? 'published' : 'draft';
      const author = ref.authors[Math.floor(r() ** 2 * ref.authors.length)]!;
      const storyTags = [
        ref.tags[Math.floor(r() ** 2 * ref.tags.length)]!,
        ref.tags[Math.floor(r() * ref.tags.length)]!,
      ];
      const uniqueTags = [...new Map(storyTags.map((t) => [t.id, t])).values()];
      articles.push({
        id,
        slug: `story-${id}`,
        headline: s.headline,
        dek: s.dek,
        body: JSON.stringify({
          type: 'doc',
          content: s.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
        }),
        section_id: ref.sections[id % ref.sections.length]!,
        lead_media_id: null,
        lead_caption: s.caption,
        lead_credit: '',
        lead_file_photo: 0,
        status: status as 'published' | 'draft',
        publish_at: null,
        first_published_at: status === 'published' ? published : null,
        created_at: published,
        updated_at: published,
        version: 1,
        seo_title: null,
        seo_description: null,
        dateline: null,
        path:
          status === 'published'
            ? `/section-${id % ref.sections.length}/${published.slice(0, 10).replaceAll('-', '/')}/story-${id}`
            : null,
      });
      bylines.push({ article_id: id, author_id: author.id, position: 0 });
      uniqueTags.forEach((t, position) => {
        tagRows.push({ article_id: id, tag_id: t.id, position });
      });
      texts.push({
        id,
        body: s.paragraphs.join('\n\n'),
        tags: uniqueTags.map((t) => t.name).join(' \n '),
        authors: author.name,
      });
    }
    await ctx.db.transaction().execute(async (tx) => {
      // PostgreSQL takes at most 65,535 parameters per statement: 19 columns × 250 rows fits.
      for (let i = 0; i < articles.length; i += isPg ? 250 : 1_000) {
        await tx
          .insertInto('articles')
          .values(articles.slice(i, i + (isPg ? 250 : 1_000)))
          .execute();
      }
      await tx.insertInto('article_authors').values(bylines).execute();
      await tx.insertInto('article_tags').values(tagRows).execute();
      for (let i = 0; i < texts.length; i += 500) {
        await sql`INSERT INTO bench_text (id, body, tags, authors) VALUES ${sql.join(
          texts.slice(i, i + 500).map((t) => sql`(${t.id}, ${t.body}, ${t.tags}, ${t.authors})`),
        )}`.execute(tx);
      }
    });
    if (id % 20_000 === 0 || id === SIZE) {
      process.stderr.write(
        `  ${ctx.dialect.name}: ${id.toLocaleString('en')} stories generated (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    }
  }
  if (isPg) await sql`SELECT setval(pg_get_serial_sequence('articles', 'id'), ${SIZE})`.execute(ctx.db);
  return samples;
}

/**
 * The index build as the engine does it in bulk (the same columns and weights as the indexer;
 * the generated vocabulary is ASCII, so accent folding is the identity here).
 */
async function buildIndex(ctx: Context): Promise<number> {
  const started = Date.now();
  const recency = sql`(julianday(coalesce(a.first_published_at, a.updated_at)) - 2440587.5)`;
  if (ctx.dialect.fullText === 'tsvector') {
    await sql`DROP INDEX search_documents_tsv`.execute(ctx.db);
    await sql`INSERT INTO search_documents (article_id, status, published_at, section_id, recency_day, tsv)
      SELECT a.id, a.status, a.first_published_at, a.section_id,
        extract(epoch from coalesce(a.first_published_at, a.updated_at)) / 86400,
        setweight(to_tsvector('english', a.headline), 'A')
        || setweight(to_tsvector('english', a.dek || ' ' || t.tags || ' ' || t.authors), 'B')
        || setweight(to_tsvector('english', a.lead_caption), 'C')
        || setweight(to_tsvector('english', t.body), 'D')
      FROM articles a JOIN bench_text t ON t.id = a.id`.execute(ctx.db);
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(ctx.db);
    await sql`ANALYZE`.execute(ctx.db);
  } else {
    await sql`INSERT INTO search_documents (article_id, status, published_at, section_id, recency_day)
      SELECT a.id, a.status, a.first_published_at, a.section_id, ${recency} FROM articles a`.execute(ctx.db);
    await sql`INSERT INTO search_fts (rowid, headline, dek, body, tags, authors, captions)
      SELECT a.id, a.headline, a.dek, t.body, t.tags, t.authors, a.lead_caption
      FROM articles a JOIN bench_text t ON t.id = a.id`.execute(ctx.db);
    await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(ctx.db);
    await sql`ANALYZE`.execute(ctx.db);
  }
  return Date.now() - started;
}

async function sizes(ctx: Context, before: number): Promise<{ index: number; total: number }> {
  if (ctx.dialect.name === 'postgres') {
    const r = await sql<{ idx: number; total: number }>`SELECT
      pg_total_relation_size('search_documents')::float8 AS idx,
      pg_database_size(current_database())::float8 AS total`.execute(ctx.db);
    return { index: r.rows[0]!.idx, total: r.rows[0]!.total };
  }
  // The index is what the database file grew by while it was built.
  const total = await sqliteBytes(ctx);
  return { index: total - before, total };
}

async function sqliteBytes(ctx: Context): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()`.execute(ctx.db);
  return Number(r.rows[0]?.n ?? 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function runQueries(ctx: Context, queries: { kind: string; q: string }[], language?: string) {
  const now = new Date(NOW);
  const publicAt = now.toISOString();
  for (const { q } of queries.slice(0, 20)) await searchArticles(ctx.db, { q, publicAt, now, language }); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const byKind = new Map<string, number[]>();
  let hits = 0;
  const all = Array.from({ length: ROUNDS }, () => queries).flat();
  for (const { kind, q } of all) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    const res = await searchArticles(ctx.db, { q, publicAt, now, limit: 20, language });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (res.total > 0) hits++;
    times.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { sorted, byKind, hits: hits / ROUNDS, cpu: cpu.sort((a, b) => a - b) };
}

const fmt = (ms: number) => ms.toFixed(1);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

/** Where a kept archive lives: its data directory, and a file naming its PostgreSQL database. */
function kept(name: string): { dir: string; pgName: string | null; queries: string } | null {
  if (!KEEP) return null;
  const dir = path.resolve(KEEP, name);
  fs.mkdirSync(dir, { recursive: true });
  const pgFile = path.join(dir, 'database-name');
  const pgName = name === 'postgres' && fs.existsSync(pgFile) ? fs.readFileSync(pgFile, 'utf8').trim() : null;
  return { dir, pgName, queries: path.join(dir, 'queries.json') };
}

async function benchEngine(name: 'sqlite' | 'postgres', corpus: Corpus) {
  const keep = kept(name);
  const dir = keep?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-search-'));
  const reuse = keep !== null && fs.existsSync(keep.queries);
  let dbName: string | null = keep?.pgName ?? null;
  const env: Record<string, string> = { MASTHEAD_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  if (name === 'postgres') {
    if (!dbName) {
      dbName = `masthead_bench_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      if (keep) fs.writeFileSync(path.join(dir, 'database-name'), dbName);
    }
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const ctx = await createContext(loadConfig(env));
  try {
    let buildMs = 0;
    let size = { index: 0, total: 0 };
    let queries: { kind: string; q: string }[];
    if (reuse && keep) {
      queries = JSON.parse(fs.readFileSync(keep.queries, 'utf8')) as typeof queries;
    } else {
      const ref = await seedReferenceData(ctx, corpus);
      const samples = await loadArchive(ctx, corpus, ref);
      const before = name === 'sqlite' ? await sqliteBytes(ctx) : 0;
      buildMs = await buildIndex(ctx);
      size = await sizes(ctx, before);
      queries = makeQueries(corpus, samples);
      if (keep) fs.writeFileSync(keep.queries, JSON.stringify(queries));
    }
    const { sorted, byKind, hits, cpu } = await runQueries(ctx, queries);
    console.log(
      `\n${name}: ${SIZE.toLocaleString('en')} stories, ${queries.length} queries × ${ROUNDS} (${hits} with results)`,
    );
    if (reuse) console.log(`  kept archive in ${dir} (generated by an earlier run)`);
    else
      console.log(
        `  index build ${(buildMs / 1000).toFixed(1)} s · index size ${mb(size.index)} · database ${mb(size.total)}`,
      );
    console.log(
      `  latency ms  p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? 0)}`,
    );
    // On SQLite the whole search runs in this process, so its CPU time is the work itself,
    // whatever else the machine is doing (PostgreSQL works in its own processes).
    if (name === 'sqlite')
      console.log(
        `  cpu ms      p50 ${fmt(percentile(cpu, 50))}  p95 ${fmt(percentile(cpu, 95))}  p99 ${fmt(percentile(cpu, 99))}`,
      );
    console.log(
      `  machine load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    for (const [kind, list] of byKind) {
      const s = [...list].sort((a, b) => a - b);
      console.log(
        `    ${kind.padEnd(10)} n=${String(s.length).padStart(3)}  p50 ${fmt(percentile(s, 50))}  p95 ${fmt(percentile(s, 95))}`,
      );
    }
  } finally {
    await ctx.close();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    if (dbName && !keep) {
      const admin = new pg.Client({ connectionString: PG_URL });
      try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } catch (err) {
        console.error(`could not drop ${dbName}: ${(err as Error).message}`);
      } finally {
        await admin.end();
      }
    }
  }
}

/**
 * Per-language search on one engine: index throughput through the real indexer, and query
 * latency, for English (the baseline: what every story got before languages existed), Spanish
 * and Arabic, over the same generated stories and queries. The generated words are not Spanish
 * or Arabic, but each stemmer runs its whole algorithm on every word all the same; the Arabic
 * pass transliterates each word letter by letter into Arabic script so its rules have letters
 * to work on.
 */
async function benchLanguages(name: 'sqlite' | 'postgres', corpus: Corpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-search-'));
  let dbName: string | null = null;
  const env: Record<string, string> = { MASTHEAD_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  if (name === 'postgres') {
    dbName = `masthead_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const ctx = await createContext(loadConfig(env));
  try {
    const ref = await seedReferenceData(ctx, corpus);
    const samples = await loadArchive(ctx, corpus, ref);
    const queries = makeQueries(corpus, samples);
    const rows = await ctx.db.selectFrom('articles').selectAll().orderBy('id').execute();
    const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
    const arabic = (t: string) =>
      t.replace(/[a-z]/g, (c) => ARABIC[(c.charCodeAt(0) - 97) % ARABIC.length] as string);
    const results: {
      language: string;
      perSecond: number;
      cpuPerStory: number;
      p50: number;
      p95: number;
      cpu50: number;
    }[] = [];
    const hitsOf: Record<string, number> = {};
    // The first pass only fills the index (unmeasured): every measured pass then replaces
    // existing entries, as a save does.
    for (const [pass, language] of ['en', 'en', 'es', 'ar'].entries()) {
      const script = language === 'ar' ? arabic : (t: string) => t;
      const started = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      for (let i = 0; i < rows.length; i += 200) {
        await ctx.db.transaction().execute(async (tx) => {
          for (const row of rows.slice(i, i + 200)) {
            const body = JSON.stringify(JSON.parse(row.body), (k, v) =>
              k === 'text' && typeof v === 'string' ? script(v) : v,
            );
            const r =
              language === 'ar'
                ? { ...row, headline: script(row.headline), dek: script(row.dek), body }
                : row;
            await indexArticle(tx, r, language);
          }
        });
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuUsed = process.cpuUsage(cpuStart);
      if (pass === 0) continue;
      const cpuPerStory = (cpuUsed.user + cpuUsed.system) / 1000 / rows.length;
      await sql`ANALYZE`.execute(ctx.db);
      const q = queries.map((x) => ({ kind: x.kind, q: script(x.q) }));
      const { sorted, cpu, hits } = await runQueries(ctx, q, language);
      hitsOf[language] = hits;
      results.push({
        language,
        perSecond: rows.length / seconds,
        cpuPerStory,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        cpu50: percentile(cpu, 50),
      });
      if (language === 'en') {
        // The same index searched without a language: the languages present are looked up
        // and each is asked (one here), as the Content API and the newsroom do.
        const all = await runQueries(ctx, q);
        results.push({
          language: 'all',
          perSecond: rows.length / seconds,
          cpuPerStory,
          p50: percentile(all.sorted, 50),
          p95: percentile(all.sorted, 95),
          cpu50: percentile(all.cpu, 50),
        });
      }
    }
    const base = results[0]!;
    console.log(
      `\n${name}: ${rows.length.toLocaleString('en')} stories, ${queries.length} queries × ${ROUNDS}` +
        ` (with results: ${Object.entries(hitsOf)
          .map(([l, n]) => `${l} ${n}`)
          .join(', ')}; "all" is English searched without a language)`,
    );
    for (const r of results)
      console.log(
        `  ${r.language.padEnd(3)}  index ${r.perSecond.toFixed(0).padStart(5)} stories/s (×${(r.perSecond / base.perSecond).toFixed(2)})` +
          `, node cpu ${r.cpuPerStory.toFixed(2)} ms/story (×${(r.cpuPerStory / base.cpuPerStory).toFixed(2)})` +
          `  query p50 ${fmt(r.p50)} ms (×${(r.p50 / base.p50).toFixed(2)})  p95 ${fmt(r.p95)} ms (×${(r.p95 / base.p95).toFixed(2)})` +
          (name === 'sqlite' ? `  cpu p50 ${fmt(r.cpu50)} ms` : ''),
      );
    console.log(
      `  machine load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: PG_URL });
      try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      } catch (err) {
        console.error(`could not drop ${dbName}: ${(err as Error).message}`);
      } finally {
        await admin.end();
      }
    }
  }
}

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function main() {
  if (!Number.isInteger(SIZE) || SIZE < 100) throw new Error('--size must be a whole number ≥ 100');
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds must be a whole number ≥ 1');
  console.log(
    `Search benchmark: ${SIZE.toLocaleString('en')} generated stories, Node ${process.version}, ${os.cpus().length} cores`,
  );
  const corpus = makeCorpus();
  const bench = LANGUAGES ? benchLanguages : benchEngine;
  if (ENGINES.includes('sqlite')) await bench('sqlite', corpus);
  if (ENGINES.includes('postgres')) {
    if (await pgReachable()) await bench('postgres', corpus);
    else console.log(`\npostgres: not reachable at ${PG_URL.replace(/\/\/[^@]*@/, '//')}; skipped`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

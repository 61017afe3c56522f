/**
 * `npx tsx bench/backup.ts [--stories N] [--media-mb M]`: `masthead backup`, `backup verify` and
 * `restore` on a newsroom of N stories (default 50,000, each with one revision: copies of the
 * demo's, inserted in bulk) plus one media original of M MB (default 300), each command in a
 * process of its own under /usr/bin/time: seconds and peak RSS. The restore goes into PostgreSQL
 * when MASTHEAD_TEST_PG_URL is set (the move of docs/operations.md), else into a new SQLite file.
 * Memory should not grow with N or M: every part is streamed.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const STORIES = arg('stories', 50_000);
const MEDIA_MB = arg('media-mb', 300);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-backup-'));
const srcDir = path.join(dir, 'source');
const env = { ...process.env, MASTHEAD_DATA_DIR: srcDir, LOG_LEVEL: 'silent', DATABASE_URL: '' };

const ctx = await createContext(loadConfig(env));
await seedDemoIfEmpty(ctx);
const demo = await ctx.db.selectFrom('articles').selectAll().where('status', '=', 'published').execute();
const revisions = await ctx.db.selectFrom('revisions').selectAll().execute();
let made = demo.length;
for (let round = 1; made < STORIES; round++) {
  await ctx.db.transaction().execute(async (tx) => {
    for (const a of demo) {
      if (made >= STORIES) break;
      const { id, ...row } = a;
      const copy = await tx
        .insertInto('articles')
        .values({ ...row, slug: `${a.slug}-${round}`, path: a.path ? `${a.path}-${round}` : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rev = revisions.find((r) => r.article_id === id);
      if (rev) {
        const { id: _r, ...r } = rev;
        await tx
          .insertInto('revisions')
          .values({ ...r, article_id: copy.id })
          .execute();
      }
      made++;
    }
  });
}
const big = path.posix.join('originals', '2026', '01', 'bench-large-original.jpg');
fs.mkdirSync(path.join(ctx.config.mediaDir, 'originals', '2026', '01'), { recursive: true });
const fd = fs.openSync(path.join(ctx.config.mediaDir, big), 'w');
for (let i = 0; i < MEDIA_MB; i++) fs.writeSync(fd, randomBytes(1024 * 1024));
fs.closeSync(fd);
const now = new Date().toISOString();
await ctx.db
  .insertInto('media')
  .values({
    file: big,
    mime_type: 'image/jpeg',
    width: 10,
    height: 10,
    bytes: MEDIA_MB * 1024 * 1024,
    alt: 'bench',
    caption: '',
    credit: '',
    file_photo: 0,
    created_at: now,
    updated_at: now,
  })
  .execute();
await ctx.close();
const dbBytes = fs.statSync(path.join(srcDir, 'masthead.db')).size;

function measure(label: string, args: string[], extraEnv: Record<string, string> = {}) {
  try {
    execFileSync(
      '/usr/bin/time',
      ['-v', '-o', path.join(dir, 'time.txt'), 'npx', 'tsx', 'src/cli/index.ts', ...args],
      {
        env: { ...env, ...extraEnv },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
  } catch (err) {
    console.error(`${label} failed`);
    throw err;
  }
  const t = fs.readFileSync(path.join(dir, 'time.txt'), 'utf8');
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(t)?.[1]) / 1024;
  const wall = /Elapsed \(wall clock\) time.*: (.+)/.exec(t)?.[1];
  console.log(`${label.padEnd(28)} wall ${wall}  peak RSS ${rss.toFixed(0)} MB`);
}

console.log(
  `${made} stories, SQLite ${(dbBytes / 1024 / 1024).toFixed(0)} MB, media + ${MEDIA_MB} MB original`,
);
const file = path.join(dir, 'backup.tar.gz');
measure('backup (SQLite)', ['backup', file]);
console.log(`archive ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB`);
measure('backup verify', ['backup', 'verify', file]);
let drop: (() => Promise<void>) | null = null;
const target: Record<string, string> = { MASTHEAD_DATA_DIR: path.join(dir, 'restored') };
if (process.env.MASTHEAD_TEST_PG_URL) {
  const name = `masthead_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.MASTHEAD_TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.MASTHEAD_TEST_PG_URL);
  url.pathname = `/${name}`;
  target.DATABASE_URL = url.toString();
  drop = async () => {
    const c = new pg.Client({ connectionString: process.env.MASTHEAD_TEST_PG_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
try {
  measure(`restore (${target.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, ['restore', file], target);
  if (target.DATABASE_URL) {
    const back = path.join(dir, 'from-pg.tar.gz');
    measure('backup (PostgreSQL)', ['backup', back], target);
  }
} finally {
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
}

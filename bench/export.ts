/**
 * `npm run bench:export`: a full static export of a generated 10,000-story archive.
 *
 * Builds the package, generates the archive into a fresh SQLite database (bulk inserts), makes
 * the image renditions (a live site has them already: readers asked for them), then runs
 * `masthead export static` in a child process, so its time and peak memory are its own.
 * A second run over the same directory measures the incremental case with nothing changed, a
 * third one after the newest story's headline changed (its page, fronts, tag and author pages,
 * neighbours and feeds are made again).
 * STORIES changes the archive size; WORKERS=N sets the export's page threads. KEEP=DIR keeps the archive in DIR, and a later run with the
 * same DIR skips generating it (for profiling the export alone; the mirror is made afresh).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { articleInputOf, updateArticle } from '../src/content/index.js';
import { createContext } from '../src/context.js';
import { ensureRendition, RENDITION_FORMATS, widthsFor } from '../src/media/renditions.js';
import { generateArchive } from './archive.js';

const STORIES = Number(process.env.STORIES ?? 10_000);
const KEEP = process.env.KEEP ? path.resolve(process.env.KEEP) : null;
/** WORKERS=N passes `--workers N` (page-rendering threads besides the main one). */
const WORKERS = process.env.WORKERS;

function runExport(env: NodeJS.ProcessEnv, out: string): string {
  const started = performance.now();
  const args = ['dist/cli/index.js', 'export', 'static', out, ...(WORKERS ? ['--workers', WORKERS] : [])];
  const r = spawnSync(process.execPath, args, {
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`export failed: ${r.stderr || r.stdout}`);
  const wall = ((performance.now() - started) / 1000).toFixed(1);
  return `${r.stdout.trim()} [process wall time ${wall} s]`;
}

async function main() {
  const dir = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-export-'));
  const out = path.join(dir, 'mirror');
  const reuse = KEEP !== null && fs.existsSync(path.join(dir, 'masthead.db'));
  fs.rmSync(out, { recursive: true, force: true });
  const env = {
    ...process.env,
    MASTHEAD_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SITE_URL: 'https://news.example.com',
  };
  try {
    if (!reuse) {
      const ctx = await createContext(loadConfig(env));
      let t = performance.now();
      await generateArchive(ctx, dir, STORIES);
      console.log(`Generated ${STORIES} stories in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
      for (const m of await ctx.db.selectFrom('media').selectAll().execute())
        for (const w of widthsFor(m))
          for (const f of RENDITION_FORMATS) await ensureRendition(ctx.config.mediaDir, m, w, f);
      console.log(`Made renditions in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await ctx.close();
    }
    console.log(`\nNode ${process.version}, ${os.cpus().length} cores, SQLite\n`);
    console.log(`full export:        ${runExport(env, out)}`);
    console.log(`again, no changes:  ${runExport(env, out)}`);
    const ctx = await createContext(loadConfig(env));
    const story = await ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('status', '=', 'published')
      .orderBy('first_published_at', 'desc')
      .executeTakeFirstOrThrow();
    const input = await articleInputOf(ctx.db, story);
    await updateArticle(
      ctx.db,
      story.id,
      { ...input, headline: `${story.headline} (updated)` },
      { expectedVersion: story.version, timeZone: ctx.config.site.timeZone },
    );
    await ctx.close();
    console.log(`one story edited:   ${runExport(env, out)}`);
  } finally {
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

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
 * OUT=DIR writes the mirror there instead (e.g. on tmpfs, to leave the disk out; DIR-2, DIR-3… when
 * DIR exists, see `freshDir`).
 *
 * HUGO=1 (with Debian's `hugo` installed) then measures the baseline in the same run: the same
 * number of Markdown stories of the same shape (bench/hugo-site.mjs), built by Hugo into the
 * same file system, alternating with full Masthead exports, ROUNDS times (default 3), and
 * prints the medians side by side with their ratio. These machines are noisy and differ from
 * session to session; only figures from one run compare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
const ROUNDS = Number(process.env.ROUNDS ?? 3);

/**
 * Every timed run starts with the file system's earlier writes on disk (`sync`): otherwise a run
 * pays for writing back the one before it (measured: 12–14 s instead of 6.6–7.4 s on disk).
 */
const settleDisk = () => spawnSync('sync');

/**
 * Every full run writes into a directory never used before, and the old ones are deleted only
 * after the last timed run. ext4 without a journal (these machines' disk) passes over inodes
 * freed in the last 30 s (5 min while their table is unwritten) each time it allocates one: right
 * after `rm -rf` of the last mirror, `perf` showed that search (`recently_deleted`) taking more
 * than half of the run's CPU, and 20,000 `mkdir`s took 2.7 s instead of 0.5. Hugo's runs get the
 * same treatment.
 */
const spent: string[] = [];
function freshDir(base: string): string {
  let dir = base;
  for (let i = 2; fs.existsSync(dir); i++) dir = `${base}-${i}`;
  spent.push(dir);
  return dir;
}

function runExport(env: NodeJS.ProcessEnv, out: string): string {
  settleDisk();
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
  const out = freshDir(process.env.OUT ? path.resolve(process.env.OUT) : path.join(dir, 'mirror'));
  const reuse = KEEP !== null && fs.existsSync(path.join(dir, 'masthead.db'));
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
      { now: ctx.now().toISOString(), expectedVersion: story.version, timeZone: ctx.config.site.timeZone },
    );
    await ctx.close();
    console.log(`one story edited:   ${runExport(env, out)}`);
    if (process.env.HUGO) sideBySide(env, dir, out);
  } finally {
    for (const d of spent) fs.rmSync(d, { recursive: true, force: true });
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time, CPU time and peak memory of a command, through GNU time. */
function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', cmd, ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const m = /TIMED ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  const [wall, user, sys, kb] = m.slice(1).map(Number) as [number, number, number, number];
  return { wall, cpu: user + sys, mb: kb / 1024, stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Masthead's full export and Hugo's build of the same number of stories, alternating. */
function sideBySide(env: NodeJS.ProcessEnv, dir: string, out: string) {
  try {
    execFileSync('hugo', ['version'], { stdio: 'ignore' });
  } catch {
    console.log('\nHUGO=1: hugo is not installed (apt-get install hugo); side-by-side run skipped.');
    return;
  }
  if (!fs.existsSync('/usr/bin/time')) {
    console.log('\nHUGO=1: GNU time is not installed (apt-get install time); side-by-side run skipped.');
    return;
  }
  const site = path.join(dir, 'hugo-site');
  if (!fs.existsSync(path.join(site, 'config.toml'))) {
    execFileSync(process.execPath, ['bench/hugo-site.mjs', site, String(STORIES)], { stdio: 'ignore' });
  }
  const count = (d: string) =>
    fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  const runs: Record<'masthead' | 'hugo', { wall: number; cpu: number; mb: number; pages: number }[]> = {
    masthead: [],
    hugo: [],
  };
  for (let i = 0; i < ROUNDS; i++) {
    const mirror = freshDir(`${out}-round`);
    const args = [
      'dist/cli/index.js',
      'export',
      'static',
      mirror,
      ...(WORKERS ? ['--workers', WORKERS] : []),
    ];
    settleDisk();
    const m = timed(process.execPath, args, process.cwd(), env);
    const pages = Number(/Exported (\d+) pages/.exec(m.stdout)?.[1] ?? 0);
    runs.masthead.push({ ...m, pages });
    const hugoOut = freshDir(`${out}-hugo`);
    settleDisk();
    const h = timed('hugo', ['--quiet', '-d', hugoOut], site, process.env);
    runs.hugo.push({ ...h, pages: count(hugoOut) });
  }
  console.log(`\nSide by side, ${ROUNDS} alternating rounds, writing to ${path.dirname(out)} (medians):`);
  const rate: Record<string, number> = {};
  for (const [name, list] of Object.entries(runs)) {
    const pages = median(list.map((r) => r.pages));
    const wall = median(list.map((r) => r.wall));
    rate[name] = pages / wall;
    console.log(
      `${name.padEnd(9)} ${pages} pages in ${wall.toFixed(2)} s (${Math.round(pages / wall)} pages/s; runs ${list.map((r) => r.wall.toFixed(2)).join(', ')} s), ` +
        `CPU ${median(list.map((r) => r.cpu)).toFixed(1)} s, peak ${Math.round(median(list.map((r) => r.mb)))} MB`,
    );
  }
  console.log(`masthead ÷ hugo, pages per second: ${((rate.masthead ?? 0) / (rate.hugo ?? 1)).toFixed(2)}×`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

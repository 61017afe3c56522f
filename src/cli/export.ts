import v8 from 'node:v8';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { dialectOf } from '../db/index.js';
import { progressBar } from './progress.js';

/**
 * CPU time of this process so far: on a shared, noisy machine it says more than wall time. The
 * system part is mostly the file system's (creating and writing ~14,000 files), which varies a
 * lot with what else writes to the same disk.
 */
function cpuTime(): string {
  const u = process.resourceUsage();
  const s = (us: number) => (us / 1e6).toFixed(1);
  return `cpu ${s(u.userCPUTime + u.systemCPUTime)} s = user ${s(u.userCPUTime)} + system ${s(u.systemCPUTime)}`;
}

/** `masthead export static DIR`: the public site as static files, for mirrors. */
export function exportCommands(program: Command): void {
  program
    .command('export')
    .description('export the public site')
    .command('static')
    .argument('<dir>', 'directory to write (created if missing; later runs update it incrementally)')
    .option('--edition <code>', 'export only this edition on a host of its own, as its own site (home at /)')
    .option('--workers <n>', 'page-rendering threads besides the main one (default: one per core beyond two)')
    .description('write the public site as static files any web server can serve as a mirror')
    .action(async (dir: string, options: { workers?: string; edition?: string }) => {
      const workers = options.workers === undefined ? undefined : Number(options.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) {
        throw new Error('--workers takes a whole number from 0 to 64');
      }
      // A batch job, whose garbage comes in waves (feeds, then chunks of story rows): V8's default
      // lets the old generation grow to several times what is live between full collections;
      // growing it by 30% keeps a large export's peak well lower for no measurable time
      // (docs/benchmarks.md). Set here, not for the server: it is read at every collection.
      v8.setFlagsFromString('--heap-growing-percent=30');
      const { exportStatic } = await import('../export/index.js');
      const ctx = await createContext(loadConfig());
      // The export reads each row once, so SQLite's page cache (16 MB here) only added to its peak
      // memory (−19 MB, docs/benchmarks.md); the file stays in the system's cache either way.
      if (dialectOf(ctx.db).name === 'sqlite') await sql`PRAGMA cache_size = -2000`.execute(ctx.db);
      let app = null as FastifyInstance | null;
      // A bar only on a terminal: in cron logs it would be noise.
      const bar = process.stderr.isTTY
        ? progressBar({
            format: 'exporting [{bar}] {percentage}% {value}/{total} pages · {eta_formatted} left',
            etaBuffer: 500,
          })
        : null;
      try {
        let started = false;
        // The app (HTTP framework and every route) only for what the export does not render itself.
        const makeApp = async () => (app ??= await (await import('../app.js')).buildApp(ctx));
        const summary = await exportStatic(ctx, makeApp, dir, {
          workers,
          edition: options.edition,
          onProgress(done, total) {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            if (done % 50 === 0 || done === total) bar.update(done);
          },
        });
        bar?.stop();
        const secs = summary.ms / 1000;
        console.log(
          `Exported ${summary.pages} pages, ${summary.files} files and ${summary.media} images to ${dir} in ${secs.toFixed(1)} s ` +
            `(pages at ${Math.round(summary.pages / Math.max(0.001, summary.phases.pagesMs / 1000))}/s): ${summary.written} written, ${summary.skipped} unchanged (${summary.reused} not rendered: same inputs), ${summary.removed} removed; ` +
            `peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB. ` +
            `(${cpuTime()}; pages ${(summary.phases.pagesMs / 1000).toFixed(1)} s, other files ${(summary.phases.filesMs / 1000).toFixed(1)} s, images ${(summary.phases.mediaMs / 1000).toFixed(1)} s)`,
        );
      } finally {
        bar?.stop();
        await app?.close();
        await ctx.close();
      }
    });
}

import os from 'node:os';
import v8 from 'node:v8';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import type { changeAddresses } from './address-changes.js';
import { addressInput, checkAlternate } from './address-rules.js';
import { checkMirrors, isDown, statusTable } from './check.js';

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

/** `masthead export static DIR`, `masthead mirrors check` and the address commands. */
export function mirrorCommands(program: Command): void {
  program
    .command('export')
    .description('export the public site')
    .command('static')
    .argument('<dir>', 'directory to write (created if missing; later runs update it incrementally)')
    .option('--workers <n>', 'page-rendering threads besides the main one (default: one per core beyond two)')
    .description('write the public site as static files any web server can serve as a mirror')
    .action(async (dir: string, options: { workers?: string }) => {
      const workers = options.workers === undefined ? undefined : Number(options.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) {
        throw new Error('--workers takes a whole number from 0 to 64');
      }
      // A batch job, whose garbage comes in waves (feeds, then chunks of story rows): V8's default
      // lets the old generation grow to several times what is live between full collections;
      // growing it by 30% keeps a 10,000-story export near 245 MB instead of 285–340, for no
      // measurable time (docs/benchmarks.md). Set here, not for the server: it is read at every
      // collection.
      v8.setFlagsFromString('--heap-growing-percent=30');
      const { exportStatic } = await import('./export/export.js');
      const ctx = await createContext(loadConfig());
      let app = null as FastifyInstance | null;
      // A bar only on a terminal: in cron logs it would be noise.
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              format: 'exporting [{bar}] {percentage}% {value}/{total} pages · {eta_formatted} left',
              etaBuffer: 500,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      try {
        let started = false;
        // The app (HTTP framework and every route) only for what the export does not render itself.
        const makeApp = async () => (app ??= await (await import('../app.js')).buildApp(ctx));
        const summary = await exportStatic(ctx, makeApp, dir, {
          workers,
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

  const mirrors = program.command('mirrors').description('alternate addresses and mirrors');
  mirrors
    .command('check')
    .option('--timeout <ms>', 'time to wait for each address', '10000')
    .description('check every address: reachable, stale (missing the newest story) or unreachable')
    .action(async (opts: { timeout: string }) => {
      const ctx = await createContext(loadConfig());
      try {
        const rows = await checkMirrors(ctx, { timeoutMs: Math.max(100, Number(opts.timeout) || 10_000) });
        console.log(statusTable(rows));
        if (isDown(rows)) process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
  addressCommands(mirrors);
}

/**
 * `masthead mirrors list | add | remove | reset`: the alternate addresses for scripts (a job
 * that sets up a new mirror domain registers it here). The same rules, audit and fan-out as the
 * admin's Mirrors screen; without Redis, running servers pick the change up within 10 s.
 */
function addressCommands(mirrors: Command): void {
  const withCtx = async (fn: (ctx: Context, change: typeof changeAddresses) => Promise<void>) => {
    // Loaded when a command runs (accounts, content): `masthead --help` stays quick.
    const [{ changeAddresses }, { AddressError }] = await Promise.all([
      import('./address-changes.js'),
      import('./address-book.js'),
    ]);
    const ctx = await createContext(loadConfig());
    try {
      await fn(ctx, changeAddresses);
    } catch (err) {
      // A refused list is the user's to fix: its reason, not a stack trace.
      if (!(err instanceof AddressError || err instanceof Refused)) throw err;
      console.error(`Not saved: ${err.message}`);
      process.exitCode = 1;
    } finally {
      await ctx.close();
    }
  };
  const actor = { id: null, label: `cli:${os.userInfo().username}` };
  const show = (ctx: Context) => {
    const a = ctx.addresses.current();
    console.log(
      a.source === 'settings'
        ? `The newsroom's list is in effect (saved ${a.updatedAt}).`
        : "The environment's list is in effect (SITE_ALTERNATE_URLS, SITE_APP_LINKS).",
    );
    console.log(`${ctx.config.site.url}\t(primary)`);
    for (const url of a.alternates) console.log(url);
    for (const app of a.apps) console.log(`app: ${app.label}\t${app.url}`);
  };
  /** Saves the list in effect with `alternates` changed; rules and messages as the admin API's. */
  const save = async (
    ctx: Context,
    change: typeof changeAddresses,
    alternates: (now: string[]) => string[],
  ) => {
    const now = ctx.addresses.current();
    const parsed = addressInput.safeParse({
      alternates: alternates(now.alternates),
      apps: now.apps,
      basedOn: now.updatedAt,
    });
    if (!parsed.success) throw new Refused(parsed.error.issues.map((i) => i.message).join('; '));
    await change(ctx, parsed.data, actor);
    show(ctx);
  };

  mirrors
    .command('list')
    .description('the alternate addresses and app links in effect, and where they come from')
    .action(() => withCtx(async (ctx) => show(ctx)));
  mirrors
    .command('add')
    .argument('<url...>', 'addresses to add, such as https://mirror.example.org')
    .description(
      "add alternate addresses (starting from the list in effect, the environment's if none is saved)",
    )
    .action((urls: string[]) => withCtx((ctx, change) => save(ctx, change, (now) => [...now, ...urls])));
  mirrors
    .command('remove')
    .argument('<url...>', 'addresses to remove')
    .description('remove alternate addresses: they are refused (421) from then on')
    .action((urls: string[]) =>
      withCtx((ctx, change) =>
        save(ctx, change, (now) => {
          const gone = new Set(urls.map((u) => originOf(u)));
          const missing = [...gone].filter((u) => !now.includes(u));
          if (missing.length) throw new Refused(`not in the list: ${missing.join(', ')}`);
          return now.filter((u) => !gone.has(u));
        }),
      ),
    );
  mirrors
    .command('reset')
    .description("drop the newsroom's list and use the environment's again")
    .action(() =>
      withCtx(async (ctx, change) => {
        await change(ctx, { useEnvironment: true, basedOn: ctx.addresses.current().updatedAt }, actor);
        show(ctx);
      }),
    );
}

class Refused extends Error {}

/** An address as the list keeps it (origin), or as typed when it is not one. */
function originOf(url: string): string {
  const r = checkAlternate(url);
  return 'value' in r ? r.value : url;
}

import os from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import { checkAlternate } from '../lib/address-rules.js';
import type { changeAddresses } from '../mirrors/index.js';
import { addressInput, checkMirrors, isDown, statusTable } from '../mirrors/index.js';

/** `masthead mirrors check` and the address commands (`export static` is export/cli.ts). */
export function mirrorCommands(program: Command): void {
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
    const { changeAddresses, AddressError } = await import('../mirrors/index.js');
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
    const list = alternates(now.alternates);
    const parsed = addressInput.safeParse({
      alternates: list,
      apps: now.apps,
      // An edition's address stays its edition's; a removed one takes its edition with it.
      editions: Object.fromEntries(Object.entries(now.editions).filter(([url]) => list.includes(url))),
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

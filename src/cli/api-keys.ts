import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import { createApiKey, DEFAULT_KEY_RATE, listApiKeys, revokeApiKey } from '../distribution/index.js';

/** `masthead apikey create | list | revoke`: Content API keys until the admin app manages them. */
export function apiKeyCommands(
  program: Command,
  open: () => Promise<Context> = () => createContext(loadConfig()),
): void {
  const apikey = program.command('apikey').description('Content API keys');

  const withCtx = async (fn: (ctx: Context) => Promise<void>) => {
    const ctx = await open();
    try {
      await fn(ctx);
    } finally {
      await ctx.close();
    }
  };

  apikey
    .command('create')
    .description('create a key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'who the key is for, e.g. "iOS app"')
    .option('--rate <n>', `requests per minute (default ${DEFAULT_KEY_RATE})`)
    .action(async (opts: { name: string; rate?: string }) => {
      const rate = opts.rate === undefined ? undefined : Number(opts.rate);
      if (rate !== undefined && !/^\d+$/.test(opts.rate ?? ''))
        throw new Error('--rate must be a whole number');
      await withCtx(async (ctx) => {
        const { key, info } = await createApiKey(ctx.db, { name: opts.name, rateLimit: rate }, ctx.now());
        console.log(`Created key ${info.id} "${info.name}" (${info.rateLimit} requests/minute).`);
        console.log(`Key (shown once, store it now): ${key}`);
      });
    });

  apikey
    .command('list')
    .description('list keys (prefix, limit, last use; never the keys themselves)')
    .action(async () => {
      await withCtx(async (ctx) => {
        const keys = await listApiKeys(ctx.db);
        if (!keys.length) console.log('No API keys.');
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          console.log(
            `${k.id}\t${k.prefix}…\t${k.name}\t${k.rateLimit}/min\t${state}\tlast used ${k.lastUsedAt ?? 'never'}`,
          );
        }
      });
    });

  apikey
    .command('revoke')
    .description('revoke a key at once')
    .argument('<id>', 'key id (from apikey list)')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id)) throw new Error('id must be a number');
      await withCtx(async (ctx) => {
        const done = await revokeApiKey(ctx.db, Number(id), ctx.now());
        console.log(done ? `Revoked key ${id}.` : `No active key ${id}.`);
        if (!done) process.exitCode = 1;
      });
    });
}

#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { apiKeyCommands } from '../distribution/index.js';
import { mirrorCommands } from '../mirrors/cli.js';
import { searchCommands } from '../search/cli.js';
import { webhookCommands } from '../distribution/webhooks/index.js';
import { serve } from '../server.js';
import { userCommands } from '../accounts/cli.js';

/** `masthead` commands. Each reads the same environment as the server. */
const program = new Command('masthead').description('Masthead newsroom publishing platform');

program
  .command('serve')
  .description('migrate the database, load the demo newsroom into an empty one, and serve the site')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const ctx = await createContext(loadConfig());
    await ctx.close();
    console.log('Database is up to date.');
  });

program
  .command('seed-demo')
  .description('load the demo newsroom (only into an empty database)')
  .action(async () => {
    const ctx = await createContext(loadConfig());
    const seeded = await seedDemoIfEmpty(ctx);
    console.log(
      seeded
        ? `Loaded ${seeded.articles} demo stories.`
        : 'The database already has content; nothing loaded.',
    );
    await ctx.close();
  });

userCommands(program); // user create, list, reset-password

webhookCommands(program); // webhook add, list, enable, disable, remove, deliveries, resend

mirrorCommands(program); // export static, mirrors check

searchCommands(program); // search reindex

apiKeyCommands(program); // apikey create, list, revoke

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

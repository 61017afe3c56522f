#!/usr/bin/env node
import { Command } from 'commander';
import { backupCommands } from './backup.js';
import { ConfigError, loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { DomainError } from '../errors.js';
import { apiKeyCommands } from './api-keys.js';
import { exportCommands } from './export.js';
import { importCommands } from './import.js';
import { mirrorCommands } from './mirrors.js';
import { searchCommands } from './search.js';
import { entityCommands } from './entities.js';
import { userCommands } from './users.js';
import { webhookCommands } from './webhooks.js';
import { ingestCommands } from './ingest.js';
import { nginxConfigCommand } from './nginx-config.js';

/**
 * `masthead` commands. Each reads the same environment as the server. The web server and the
 * demo newsroom are loaded by the commands that use them (the HTTP framework, every route and
 * the admin are ~0.15 s of start-up that `masthead export static` or `user create` never need).
 */
const program = new Command('masthead').description('Masthead newsroom publishing platform');

program
  .command('serve')
  .description('migrate the database, load the demo newsroom into an empty one, and serve the site')
  .action(async () => {
    const { serve } = await import('../server.js');
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
    const { seedDemoIfEmpty } = await import('../demo/seed.js');
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

exportCommands(program); // export static
mirrorCommands(program); // mirrors check, list, add, remove, reset

searchCommands(program); // search reindex
entityCommands(program); // entities seed, entities extract [--all]

apiKeyCommands(program); // apikey create, list, revoke

backupCommands(program, createContext); // backup FILE, backup verify FILE, restore FILE
nginxConfigCommand(program, createContext); // nginx-config
importCommands(program, createContext); // import wordpress FILE, import ghost FILE
ingestCommands(program); // ingest source add, list, rotate, folder, enable, disable

program.parseAsync().catch((err: unknown) => {
  // Refused input (a bad option value, a name taken) is said in one line; anything else is a
  // fault, shown with its stack.
  const refused = err instanceof ConfigError || (err instanceof DomainError && err.status < 500);
  console.error(refused ? `Error: ${(err as Error).message}` : err);
  process.exit(1);
});

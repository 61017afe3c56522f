import path from 'node:path';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import { DomainError } from '../errors.js';
import {
  addSource,
  listSources,
  rotateSourceSecret,
  type SourceActor,
  setSourceActive,
  setSourceDropDir,
} from '../ingest/index.js';

const CLI: SourceActor = { id: null, label: 'cli' };

/** `masthead ingest source …`: the agencies wire copy comes from (docs/operations.md, "Wire ingest"). */
export function ingestCommands(
  program: Command,
  open: () => Promise<Context> = () => createContext(loadConfig()),
): void {
  const source = program
    .command('ingest')
    .description('wire ingest')
    .command('source')
    .description('agencies that push copy or drop files');
  const withCtx =
    <A extends unknown[]>(fn: (ctx: Context, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const ctx = await open();
      try {
        await fn(ctx, ...args);
      } catch (err) {
        if (err instanceof ZodError)
          console.error(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        else if (err instanceof DomainError) console.error(err.message);
        else throw err;
        process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    };
  const now = (ctx: Context) => ctx.now().toISOString();
  const printSecret = (ctx: Context, slug: string, secret: string) => {
    console.log(`Push address: ${ctx.config.site.url.replace(/\/$/, '')}/api/ingest/${slug}`);
    console.log(`Signing secret (shown once): ${secret}`);
  };

  source
    .command('add <slug> <name>')
    .description('add a source; prints its push address and signing secret once')
    .option('--folder <dir>', 'a drop folder the server polls for files')
    .action(
      withCtx(async (ctx, slug: string, name: string, o: { folder?: string }) => {
        const s = await addSource(
          ctx.db,
          { slug, name, dropDir: o.folder ? path.resolve(o.folder) : null },
          CLI,
          now(ctx),
        );
        console.log(`Source ${s.slug} (${s.name})${s.dropDir ? `, drop folder ${s.dropDir}` : ''}`);
        printSecret(ctx, s.slug, s.secret);
      }),
    );

  source
    .command('list')
    .description('list sources')
    .action(
      withCtx(async (ctx) => {
        for (const s of await listSources(ctx.db))
          console.log(
            `${s.slug}\t${s.active ? 'active' : 'disabled'}\t${s.name}\t${s.dropDir ?? '-'}\t${s.secretHint}`,
          );
      }),
    );

  source
    .command('rotate <slug>')
    .description('a new signing secret (the old one stops working at once)')
    .action(
      withCtx(async (ctx, slug: string) => {
        const s = await rotateSourceSecret(ctx.db, slug, CLI, now(ctx));
        printSecret(ctx, s.slug, s.secret);
      }),
    );

  source
    .command('folder <slug> [dir]')
    .description('set the drop folder (none given: push only)')
    .action(
      withCtx(async (ctx, slug: string, dir: string | undefined) => {
        const s = await setSourceDropDir(ctx.db, slug, dir ? path.resolve(dir) : null, CLI, now(ctx));
        console.log(`Source ${s.slug}: ${s.dropDir ? `drop folder ${s.dropDir}` : 'no drop folder'}`);
      }),
    );

  for (const [name, active] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    source
      .command(`${name} <slug>`)
      .description(
        active ? 'accept copy from the source again' : 'refuse pushes (404) and stop polling its folder',
      )
      .action(
        withCtx(async (ctx, slug: string) => {
          const s = await setSourceActive(ctx.db, slug, active, CLI, now(ctx));
          console.log(`Source ${s.slug} is ${s.active ? 'active' : 'disabled'}.`);
        }),
      );
  }
}

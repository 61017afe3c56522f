import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { extractionBacklog, queueAllStories, runExtractionQueue, seedGazetteer } from '../knowledge/index.js';
import { progressBar } from './progress.js';

/**
 * `masthead entities seed`: the starter gazetteer into the registry (idempotent).
 * `masthead entities extract [--all]`: works off the extraction queue here, with a progress bar;
 * `--all` first queues every story (the whole archive, after the registry grew).
 */
export function entityCommands(program: Command): void {
  const entities = program
    .command('entities')
    .description('the knowledge layer: entity registry and extraction');
  entities
    .command('seed')
    .description('add countries, capitals, regions and common organisations to the registry (safe to repeat)')
    .action(async () => {
      const ctx = await createContext(loadConfig());
      try {
        const { created, updated } = await seedGazetteer(ctx.db, ctx.now().toISOString());
        console.log(
          `Registry seeded: ${created} entities added, ${updated} already there (aliases completed).`,
        );
      } finally {
        await ctx.close();
      }
    });
  entities
    .command('extract')
    .description('suggest entities for the stories waiting in the extraction queue')
    .option('--all', 'queue every story first (re-extraction of the whole archive)')
    .action(async (opts: { all?: boolean }) => {
      const ctx = await createContext(loadConfig());
      const bar = progressBar({
        format: 'extracting [{bar}] {percentage}% {value}/{total} stories · {eta_formatted} left',
      });
      try {
        if (opts.all) await queueAllStories(ctx.db, ctx.now().toISOString());
        const total = await extractionBacklog(ctx.db);
        bar.start(total, 0);
        let done = 0;
        for (;;) {
          const n = await runExtractionQueue(ctx.db, ctx.now().toISOString(), 50);
          if (n === 0) break;
          done += n;
          bar.update(Math.min(done, total));
        }
        bar.stop();
        console.log(`Extracted ${done} stories.`);
      } finally {
        bar.stop();
        await ctx.close();
      }
    });
}

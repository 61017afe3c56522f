import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createContext } from '../context.js';
import { reindexAll } from '../search/index.js';
import { progressBar } from './progress.js';

/** `masthead search reindex`: rebuild the search index from the articles, with a progress bar. */
export function searchCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search index')
    .command('reindex')
    .description(
      'rebuild the search index from every article (after renaming authors or tags, or an upgrade)',
    )
    .option('--batch <n>', 'stories per transaction', '200')
    .action(async (opts: { batch: string }, cmd: Command) => {
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
        cmd.error('--batch must be a whole number from 1 to 10000');
      }
      const ctx = await createContext(loadConfig());
      const started = Date.now();
      const bar = progressBar({
        format: 'reindexing [{bar}] {percentage}% {value}/{total} stories · {eta_formatted} left',
      });
      let begun = false;
      try {
        const done = await reindexAll(
          ctx.db,
          (n, total) => {
            if (!begun) {
              bar.start(total, 0);
              begun = true;
            }
            bar.update(n);
          },
          batch,
        );
        bar.stop();
        console.log(`Reindexed ${done} stories in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } finally {
        if (begun) bar.stop();
        await ctx.close();
      }
    });
}

import { createRequire } from 'node:module';
import type { Options, SingleBar } from 'cli-progress';

/**
 * A progress bar for a long command (reindex, export, backup, extraction). cli-progress is
 * loaded by the first bar, not with the CLI: `masthead serve` imports every command's module to
 * list them, and a serving node never draws a bar (docs/decisions.md, "Drivers loaded on first use").
 */
export function progressBar(options: Options): SingleBar {
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  return new cliProgress.SingleBar(options, cliProgress.Presets.shades_classic);
}

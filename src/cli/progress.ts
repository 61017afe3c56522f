import type { Options, SingleBar } from 'cli-progress';
import { loadedOnFirstUse } from '../lib/first-use.js';

// Loaded by the first bar, not with the CLI: `masthead serve` imports every command's module to
// list them, and a serving node never draws a bar (docs/decisions.md, "Drivers loaded on first use").
const cliProgress = loadedOnFirstUse<typeof import('cli-progress')>('cli-progress');

/** A progress bar for a long command (reindex, export, backup, extraction). */
export function progressBar(options: Options): SingleBar {
  const { SingleBar: Bar, Presets } = cliProgress();
  return new Bar(options, Presets.shades_classic);
}

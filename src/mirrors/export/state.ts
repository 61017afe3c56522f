import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * What the last export wrote, kept in the export directory itself so the mirror carries its
 * own history: a content hash per file (a file is rewritten only when its bytes change, and a
 * file that is no longer part of the site is removed) and the newest story time exported.
 */
export const STATE_FILE = '.masthead-export.json';

export interface ExportState {
  version: 1;
  site: string;
  exportedAt: string;
  maxUpdatedAt: string | null;
  /** Relative file path → sha256 (hex, first 32 chars) of the bytes written. */
  files: Record<string, string>;
}

export async function readState(dir: string): Promise<ExportState | null> {
  try {
    const state = JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), 'utf8')) as ExportState;
    return state.version === 1 && state.files && typeof state.files === 'object' ? state : null;
  } catch {
    return null;
  }
}

export async function writeState(dir: string, state: ExportState): Promise<void> {
  const target = path.join(dir, STATE_FILE);
  await fs.writeFile(`${target}.tmp`, JSON.stringify(state));
  await fs.rename(`${target}.tmp`, target);
}

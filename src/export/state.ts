import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * What the last export wrote, kept in the export directory itself so the mirror carries its
 * own history: a content hash per file (a file is rewritten only when its bytes change, and a
 * file that is no longer part of the site is removed), and per page and feed the fingerprint of
 * its inputs (fingerprint.ts) with the files the page refers to, so an unchanged page is
 * neither rendered nor read again and still keeps its images in the mirror.
 */
export const STATE_FILE = '.masthead-export.json';

export interface ExportState {
  version: 2;
  site: string;
  exportedAt: string;
  maxUpdatedAt: string | null;
  /** Relative file path → digest of the bytes written (`PAGE` for a page: see writer.ts). */
  files: Record<string, string>;
  /** Relative path of a page or feed → fingerprint of its inputs. */
  inputs: Record<string, string>;
  /**
   * Relative path of a page → index into `refSets`: the files it refers to, as indices into
   * `refs`. Pages share a few image sets, so each set is stored once.
   */
  pageRefs: Record<string, number>;
  refSets: number[][];
  refs: string[];
}

/**
 * The last export's state. Version 1 (sha256 digests, no inputs) is read for its list of files,
 * so files that left the site are still removed; its digests never match, so all is rewritten.
 */
export async function readState(dir: string): Promise<ExportState | null> {
  try {
    const raw = JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), 'utf8')) as Record<string, unknown>;
    const state =
      raw.version === 1 ? { ...raw, version: 2, inputs: {}, pageRefs: {}, refSets: [], refs: [] } : raw;
    const valid =
      state.version === 2 &&
      [state.files, state.inputs, state.pageRefs].every((o) => o && typeof o === 'object') &&
      Array.isArray(state.refSets) &&
      Array.isArray(state.refs);
    return valid ? (state as unknown as ExportState) : null;
  } catch {
    return null;
  }
}

export async function writeState(dir: string, state: ExportState): Promise<void> {
  const target = path.join(dir, STATE_FILE);
  await fs.writeFile(`${target}.tmp`, JSON.stringify(state));
  await fs.rename(`${target}.tmp`, target);
}

/** Interns each page's list of referenced files into the compact form of the state. */
export class RefSets {
  readonly refs: string[] = [];
  readonly sets: number[][] = [];
  private readonly refIndex = new Map<string, number>();
  private readonly setIndex = new Map<string, number>();

  /** The index of this set of files (order and duplicates do not matter). */
  add(files: readonly string[]): number {
    const ids = [...new Set(files.map((f) => this.ref(f)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let i = this.setIndex.get(key);
    if (i === undefined) {
      i = this.sets.length;
      this.sets.push(ids);
      this.setIndex.set(key, i);
    }
    return i;
  }

  /** Every file some set names. */
  all(): Set<string> {
    const used = new Set<number>();
    for (const set of this.sets) for (const i of set) used.add(i);
    return new Set([...used].map((i) => this.refs[i] ?? ''));
  }

  private ref(file: string): number {
    let i = this.refIndex.get(file);
    if (i === undefined) {
      i = this.refs.length;
      this.refs.push(file);
      this.refIndex.set(file, i);
    }
    return i;
  }
}

/** The files a page referred to at the last export. */
export function previousRefs(state: ExportState | null, rel: string): string[] | undefined {
  const set = state?.pageRefs[rel];
  return set === undefined ? undefined : state?.refSets[set]?.map((i) => state.refs[i] ?? '');
}

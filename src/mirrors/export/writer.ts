import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportState } from './state.js';

/** What became of one file: its hash (the next state) and whether its bytes were written. */
export interface Outcome {
  rel: string;
  hash: string;
  written: boolean;
}

/**
 * Write `content` to `rel` unless `before` (the hash the last export recorded) says these are
 * the bytes already there. Synchronous on purpose: pages are written by worker threads that
 * have nothing else to do meanwhile, and a synchronous write costs far less CPU than the
 * promise API's open/write/close round trips through the thread pool. Hashing a string hashes
 * its UTF-8 bytes without a JavaScript Buffer, and `writeFileSync` has a fast path for strings:
 * no 40 KB Buffer per page for the garbage collector.
 */
export function writeIfChanged(
  outDir: string,
  rel: string,
  content: Buffer | string,
  before: string | undefined,
  madeDirs: Set<string>,
): Outcome {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 32);
  if (before === hash) return { rel, hash, written: false };
  const target = path.join(outDir, rel);
  const dir = path.dirname(target);
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  if (before) {
    // Replacing a file a static server may be sending: written aside, then renamed.
    fs.writeFileSync(`${target}.tmp`, content);
    fs.renameSync(`${target}.tmp`, target);
  } else {
    fs.writeFileSync(target, content);
  }
  return { rel, hash, written: true };
}

/** The export's record of its files: hashes for the next state, what was written or skipped. */
export class MirrorWriter {
  /** Relative path → hash of every file of this export: the next state. */
  readonly files: Record<string, string> = {};
  readonly writtenPaths: string[] = [];
  skipped = 0;
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly previous: ExportState | null,
  ) {}

  get written(): number {
    return this.writtenPaths.length;
  }

  /** The hash the last export recorded for `rel`. */
  before(rel: string): string | undefined {
    return this.previous?.files[rel];
  }

  /** Record `rel` as part of the mirror and write it if its bytes changed. */
  put(rel: string, content: Buffer | string): void {
    this.record(writeIfChanged(this.outDir, rel, content, this.before(rel), this.madeDirs));
  }

  /** A file another thread wrote (or found unchanged). */
  record(o: Outcome): void {
    this.files[o.rel] = o.hash;
    if (o.written) this.writtenPaths.push(o.rel);
    else this.skipped++;
  }
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ExportState, previousRefs, RefSets } from './state.js';

/**
 * What became of one file: the digest of its bytes and whether they were written; for a page or
 * feed, the fingerprint of its inputs, and for a page the files it refers to (left out when the
 * page was not rendered because its inputs had not changed: the last export's still hold).
 */
export interface Outcome {
  rel: string;
  hash: string;
  written: boolean;
  input?: string;
  refs?: string[];
  /** The same as an index into the export's `refSets`, where the files were already interned. */
  refSet?: number;
  /** Not rendered at all: its inputs were those of the last export. */
  unrendered?: boolean;
}

/** A file's content; a page comes as the three parts of `staticParts` (joined, the file). */
export type Content = Buffer | string | readonly [string, string, string];

/**
 * What the state records for a page instead of a digest: a page is rendered again only when
 * its inputs changed (fingerprint.ts), rarely, so its new bytes are compared with the file
 * itself then, and a full export hashes no page at all (hashing was ~0.5 s of CPU on a
 * 13,000-page export).
 */
export const PAGE = 'page';

/** Digest of a file's bytes (feeds and other files). */
export function contentHash(content: Buffer | string): string {
  return createHash('sha1').update(content).digest('base64url').slice(0, 22);
}

/**
 * Write `content` to `rel` unless these are the bytes already there: for a page, as the file
 * says; for any other file, as `before` (the digest the last export recorded) says.
 * Synchronous on purpose: pages are written by threads that have nothing else to do meanwhile,
 * and a synchronous write costs far less CPU than the promise API's open/write/close round
 * trips through the thread pool. `writeFileSync` has a fast path for strings: no 40 KB Buffer
 * per page for the garbage collector.
 */
export function writeIfChanged(
  outDir: string,
  rel: string,
  content: Content,
  before: string | undefined,
  madeDirs: Set<string>,
): Outcome {
  const target = path.join(outDir, rel);
  const page = typeof content !== 'string' && !Buffer.isBuffer(content);
  const bytes = page ? content.join('') : content;
  const hash = page ? PAGE : contentHash(bytes);
  if (page ? before === PAGE && readText(target) === bytes : before === hash) {
    return { rel, hash, written: false };
  }
  const dir = path.dirname(target);
  if (!madeDirs.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  if (before) {
    // Replacing a file a static server may be sending: written aside, then renamed.
    fs.writeFileSync(`${target}.tmp`, bytes);
    fs.renameSync(`${target}.tmp`, target);
  } else {
    fs.writeFileSync(target, bytes);
  }
  return { rel, hash, written: true };
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The export's record of its files: the next state, and what was written or skipped. */
export class MirrorWriter {
  /** Relative path → digest of every file of this export (`PAGE` for a page). */
  readonly files: Record<string, string> = {};
  /** Relative path → input fingerprint of each page and feed. */
  readonly inputs: Record<string, string> = {};
  /** Relative path → the set of files the page refers to (in `refSets`). */
  readonly pageRefs: Record<string, number> = {};
  readonly refSets = new RefSets();
  readonly writtenPaths: string[] = [];
  skipped = 0;
  /** Pages and feeds not rendered at all: their inputs had not changed. */
  unrendered = 0;
  private readonly madeDirs = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly previous: ExportState | null,
  ) {}

  get written(): number {
    return this.writtenPaths.length;
  }

  /**
   * The digest the last export recorded for `rel`, while the file is still there: one deleted
   * from the mirror by hand (or by a sync gone wrong) is made and written again.
   */
  before(rel: string): string | undefined {
    const digest = this.previous?.files[rel];
    return digest !== undefined && fs.existsSync(path.join(this.outDir, rel)) ? digest : undefined;
  }

  /**
   * The input fingerprint the last export recorded for `rel`, when the rest of what skipping
   * it needs (its digest, and for a page its references) was recorded too. Skipping also needs
   * `before(rel)`: the file itself.
   */
  beforeInput(rel: string, page: boolean): string | undefined {
    const p = this.previous;
    if (!p || p.files[rel] === undefined || (page && p.pageRefs[rel] === undefined)) return undefined;
    return p.inputs[rel];
  }

  /** Record `rel` as part of the mirror and write it if its bytes changed. */
  put(rel: string, content: Content, refs?: string[]): void {
    this.record({ ...writeIfChanged(this.outDir, rel, content, this.before(rel), this.madeDirs), refs });
  }

  /**
   * A file made from inputs with this fingerprint: kept as it is, not even made, when the last
   * export made it from the same inputs; made and written if its bytes changed otherwise.
   */
  putMade(rel: string, input: string, make: () => Content): void {
    const before = this.before(rel);
    if (before !== undefined && this.beforeInput(rel, false) === input) {
      this.record({ rel, hash: before, written: false, input, unrendered: true });
    } else {
      this.record({ ...writeIfChanged(this.outDir, rel, make(), before, this.madeDirs), input });
    }
  }

  /** A file another thread wrote (or found unchanged). */
  record(o: Outcome): void {
    this.files[o.rel] = o.hash;
    if (o.input !== undefined) this.inputs[o.rel] = o.input;
    const refs = o.unrendered ? previousRefs(this.previous, o.rel) : o.refs;
    if (o.refSet !== undefined) this.pageRefs[o.rel] = o.refSet;
    else if (refs) this.pageRefs[o.rel] = this.refSets.add(refs);
    if (o.written) this.writtenPaths.push(o.rel);
    else this.skipped++;
    if (o.unrendered) this.unrendered++;
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { readTar, TarError } from './tar.js';

/**
 * The archive's layout (docs/operations.md, "What is in the archive"): a gzipped ustar file of
 *   db/NN-TABLE.PPPP.jsonl   the rows of one table, one JSON object a line, in key order
 *   media/originals/…        every original image the database refers to
 *   manifest.json            last: versions, counts and the sha256 of every entry above
 */
export const MANIFEST = 'manifest.json';
export const FORMAT = 'masthead-backup';
export const FORMAT_VERSION = 1;

export function tableEntryName(position: number, table: string, part: number): string {
  return `db/${String(position).padStart(2, '0')}-${table}.${String(part).padStart(4, '0')}.jsonl`;
}

/** `db/05-articles.0001.jsonl` → `articles`. */
export function tableOfEntry(name: string): string | null {
  return /^db\/\d{2}-([a-z_]+)\.\d{4}\.jsonl$/.exec(name)?.[1] ?? null;
}

/**
 * A media file's place under the media directory, from an entry name or a media row: relative,
 * under originals/, no `..`, so an archive cannot write outside the media directory.
 */
export function safeMediaPath(file: string): string | null {
  if (!/^originals\/[A-Za-z0-9._/-]+$/.test(file)) return null;
  if (file.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return file;
}

const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  mastheadVersion: z.string(),
  createdAt: z.string(),
  source: z.enum(['sqlite', 'postgres']),
  schemaMigration: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(
    z.object({ name: z.string(), rows: z.number().int().min(0), idHighWater: z.number().int().min(0) }),
  ),
  media: z.object({
    files: z.number().int().min(0),
    bytes: z.number().int().min(0),
    missing: z.array(z.string()),
  }),
  entries: z.array(z.object({ name: z.string(), bytes: z.number().int().min(0), sha256: z.string() })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** An archive that is not a whole, intact Masthead backup. Nothing has been written when it is thrown. */
export class ArchiveRefused extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is refused: ${reason}`);
  }
}

export interface ArchiveEntry {
  name: string;
  size: number;
  /** The bytes; must be read to the end before the next entry. */
  body: AsyncGenerator<Buffer>;
  /** sha256 (hex) of the bytes read so far: the whole entry's once `body` is done. */
  sha256(): string;
  /** Newlines read so far (rows of a table entry). */
  lines(): number;
}

/**
 * The entries of a gzipped tar file, hashed as they are read. Damaged compressed data, a damaged
 * tar header and an archive cut short all become ArchiveRefused with a reason a person can act on.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const gunzip = createReadStream(file)
    .on('error', (err) => gunzip.destroy(err))
    .pipe(createGunzip());
  try {
    for await (const entry of readTar(gunzip)) {
      const hash = createHash('sha256');
      let newlines = 0;
      const body = async function* (): AsyncGenerator<Buffer> {
        // A damaged stream fails inside an entry's bytes, which the caller reads: name it here too.
        try {
          for await (const piece of entry.body) {
            hash.update(piece);
            for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) newlines++;
            yield piece;
          }
        } catch (err) {
          throw refusal(file, err);
        }
      };
      let digest: string | null = null;
      yield {
        name: entry.name,
        size: entry.size,
        body: body(),
        sha256: () => {
          digest ??= hash.copy().digest('hex');
          return digest;
        },
        lines: () => newlines,
      };
      digest = null;
    }
  } catch (err) {
    throw refusal(file, err);
  } finally {
    gunzip.destroy();
  }
}

function refusal(file: string, err: unknown): Error {
  if (err instanceof ArchiveRefused) return err;
  if (err instanceof TarError) return new ArchiveRefused(file, err.message);
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return new ArchiveRefused(file, 'no such file');
  if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/.test(e.message ?? '')) {
    return new ArchiveRefused(file, 'the compressed data ends early: the archive is truncated');
  }
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new ArchiveRefused(file, `the compressed data is damaged (${e.message})`);
  }
  return err as Error;
}

/** Reads an entry to its end, keeping at most `limit` bytes. */
export async function readAll(entry: ArchiveEntry, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const piece of entry.body) {
    size += piece.length;
    if (size > limit) throw new Error(`${entry.name} is larger than ${limit} bytes`);
    parts.push(piece);
  }
  return Buffer.concat(parts);
}

export function parseManifest(file: string, bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveRefused(file, 'its manifest is not JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ArchiveRefused(
      file,
      `its manifest is not a Masthead backup manifest (${parsed.error.issues[0]?.message})`,
    );
  }
  return parsed.data;
}

export interface VerifyProgress {
  entries: number;
  total: number | null;
  bytes: number;
}

/**
 * Reads the whole archive and checks it against its manifest: every entry present once, in
 * order, with its size and sha256; every table's row count; nothing extra. Returns the manifest.
 */
export async function verifyArchive(
  file: string,
  onProgress: (p: VerifyProgress) => void = () => {},
): Promise<Manifest> {
  const seen: { name: string; bytes: number; sha256: string; lines: number }[] = [];
  let manifest: Manifest | null = null;
  let bytes = 0;
  for await (const entry of readArchive(file)) {
    if (manifest)
      throw new ArchiveRefused(file, `${entry.name} comes after the manifest, which must be last`);
    if (entry.name === MANIFEST) {
      manifest = parseManifest(file, await readAll(entry, 256 * 1024 * 1024));
      continue;
    }
    for await (const piece of entry.body) bytes += piece.length;
    seen.push({ name: entry.name, bytes: entry.size, sha256: entry.sha256(), lines: entry.lines() });
    onProgress({ entries: seen.length, total: null, bytes });
  }
  if (!manifest) throw new ArchiveRefused(file, 'it has no manifest (not a Masthead backup, or cut short)');
  checkAgainstManifest(file, manifest, seen);
  onProgress({ entries: seen.length, total: seen.length, bytes });
  return manifest;
}

function checkAgainstManifest(
  file: string,
  manifest: Manifest,
  seen: { name: string; bytes: number; sha256: string; lines: number }[],
): void {
  if (seen.length !== manifest.entries.length) {
    throw new ArchiveRefused(
      file,
      `it holds ${seen.length} entries; its manifest lists ${manifest.entries.length}`,
    );
  }
  const rows = new Map<string, number>();
  for (const [i, entry] of seen.entries()) {
    const listed = manifest.entries[i];
    if (!listed || listed.name !== entry.name) {
      throw new ArchiveRefused(file, `entry ${i + 1} is ${entry.name}; the manifest lists ${listed?.name}`);
    }
    if (listed.bytes !== entry.bytes || listed.sha256 !== entry.sha256) {
      throw new ArchiveRefused(file, `${entry.name} does not match its checksum in the manifest (damaged)`);
    }
    const table = tableOfEntry(entry.name);
    if (table) rows.set(table, (rows.get(table) ?? 0) + entry.lines);
    else if (!entry.name.startsWith('media/') || !safeMediaPath(entry.name.slice('media/'.length))) {
      throw new ArchiveRefused(file, `unexpected entry ${entry.name}`);
    }
  }
  for (const t of manifest.tables) {
    if ((rows.get(t.name) ?? 0) !== t.rows) {
      throw new ArchiveRefused(
        file,
        `table ${t.name} has ${rows.get(t.name) ?? 0} rows; the manifest says ${t.rows}`,
      );
    }
  }
}

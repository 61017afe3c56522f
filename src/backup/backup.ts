import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { type Db, type Dialect, generatedIdHighWater, withSnapshot } from '../db/index.js';
import { FORMAT, FORMAT_VERSION, MANIFEST, type Manifest, safeMediaPath, tableEntryName } from './archive.js';
import { rowLine, tableRows } from './rows.js';
import { COPIED } from './tables.js';
import { TAR_END, tarHeader, tarPadding } from './tar.js';

/** A table entry is closed at about this size, so a table of any size is written in flat memory. */
const PART_BYTES = 4 * 1024 * 1024;

export interface BackupProgress {
  phase: 'database' | 'media';
  done: number;
  total: number;
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
  mediaFiles: number;
  /** Media files a row names but the media directory lacks (listed in the manifest, warned). */
  missingMedia: string[];
  /** Size of the archive file. */
  bytes: number;
  seconds: number;
}

export function mastheadVersion(): string {
  // ../../package.json from both src/backup and dist/backup.
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/**
 * `masthead backup FILE`: one consistent archive of a running newsroom. The database is read
 * from one snapshot (db/adapter.ts withSnapshot); media originals are added after the tables,
 * still inside that snapshot, for every media row it holds. An original is written under its own
 * new name before its row commits and never changed afterwards (media/library.ts keepImages),
 * so every file a snapshot row names is on disk, whole. The archive is written beside FILE and
 * renamed onto it at the end: FILE is either the previous archive or a complete new one.
 */
export async function createBackup(
  ctx: { config: Pick<Config, 'database' | 'mediaDir'>; now(): Date },
  file: string,
  onProgress: (p: BackupProgress) => void = () => {},
): Promise<BackupSummary> {
  const started = performance.now();
  const target = path.resolve(file);
  const partial = `${target}.partial-${randomUUID()}`;
  const scratch = `${target}.snapshot-${randomUUID()}.db`;
  const summary: BackupSummary = {
    file: target,
    tables: 0,
    rows: 0,
    mediaFiles: 0,
    missingMedia: [],
    bytes: 0,
    seconds: 0,
  };
  try {
    await withSnapshot(ctx.config.database, scratch, async (db, dialect) => {
      const chunks = archiveChunks(db, dialect, ctx.config.mediaDir, ctx.now(), summary, onProgress);
      await pipeline(Readable.from(chunks), createGzip(), (await fs.open(partial, 'wx')).createWriteStream());
    });
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) await fs.rm(scratch + suffix, { force: true });
  }
  summary.bytes = (await fs.stat(target)).size;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function* archiveChunks(
  db: Db,
  dialect: Dialect,
  mediaDir: string,
  now: Date,
  summary: BackupSummary,
  onProgress: (p: BackupProgress) => void,
): AsyncGenerator<Buffer> {
  const entries: Manifest['entries'] = [];
  const tables: Manifest['tables'] = [];

  function* entry(name: string, data: Buffer): Generator<Buffer> {
    entries.push({ name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    yield tarHeader(name, data.length, now);
    yield data;
    yield tarPadding(data.length);
  }

  const migrations = (
    await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)
  ).rows.map((r) => r.name);

  for (const [position, table] of COPIED.entries()) {
    let rows = 0;
    let part = 1;
    let lines: string[] = [];
    let size = 0;
    for await (const page of tableRows(db, table)) {
      for (const row of page) {
        const line = rowLine(table.name, row);
        lines.push(line);
        size += line.length;
      }
      rows += page.length;
      if (size >= PART_BYTES) {
        yield* entry(tableEntryName(position + 1, table.name, part++), Buffer.from(lines.join('')));
        lines = [];
        size = 0;
      }
    }
    if (lines.length || part === 1) {
      yield* entry(tableEntryName(position + 1, table.name, part), Buffer.from(lines.join('')));
    }
    const idHighWater = table.generatedId ? await generatedIdHighWater(db, table.name) : 0;
    tables.push({ name: table.name, rows, idHighWater });
    summary.tables++;
    summary.rows += rows;
    onProgress({ phase: 'database', done: position + 1, total: COPIED.length });
  }

  const mediaRows = tables.find((t) => t.name === 'media')?.rows ?? 0;
  let mediaBytes = 0;
  let done = 0;
  for await (const page of tableRows(db, { name: 'media', key: ['id'] })) {
    for (const row of page) {
      done++;
      const rel = safeMediaPath(String(row.file));
      if (!rel) throw new Error(`media row ${row.id} names an unexpected file: ${String(row.file)}`);
      const source = path.join(mediaDir, rel);
      const stat = await fs.stat(source).catch(() => null);
      if (!stat?.isFile()) {
        summary.missingMedia.push(rel);
        continue;
      }
      const name = `media/${rel}`;
      const hash = createHash('sha256');
      yield tarHeader(name, stat.size, now);
      let read = 0;
      for await (const piece of createReadStream(source) as AsyncIterable<Buffer>) {
        read += piece.length;
        if (read > stat.size) break;
        hash.update(piece);
        yield piece;
      }
      if (read !== stat.size) throw new Error(`${source} changed while it was being archived`);
      yield tarPadding(stat.size);
      entries.push({ name, bytes: stat.size, sha256: hash.digest('hex') });
      summary.mediaFiles++;
      mediaBytes += stat.size;
      onProgress({ phase: 'media', done, total: mediaRows });
    }
  }

  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    mastheadVersion: mastheadVersion(),
    createdAt: now.toISOString(),
    source: dialect.name,
    schemaMigration: migrations[migrations.length - 1] ?? '',
    migrations,
    tables,
    media: { files: summary.mediaFiles, bytes: mediaBytes, missing: summary.missingMedia },
    entries,
  };
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  yield tarHeader(MANIFEST, json.length, now);
  yield json;
  yield tarPadding(json.length);
  yield TAR_END;
}

import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { sql, type Transaction } from 'kysely';
import type { Config } from '../config.js';
import {
  type Database,
  type Db,
  inTransaction,
  migrationNames,
  setGeneratedIdHighWater,
} from '../db/index.js';
import { reindexAll } from '../search/index.js';
import {
  type ArchiveEntry,
  ArchiveRefused,
  MANIFEST,
  type Manifest,
  readArchive,
  safeMediaPath,
  tableOfEntry,
  verifyArchive,
} from './archive.js';
import type { Row } from './rows.js';
import { COPIED, type CopiedTable } from './tables.js';

/** Rows × columns per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const VALUES_PER_INSERT = 8000;

export interface RestoreProgress {
  phase: 'verify' | 'database' | 'media' | 'search';
  done: number;
  total: number;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  mediaFiles: number;
  mediaBytes: number;
  searchIndexed: number;
  seconds: number;
  manifest: Manifest;
}

/** The target already holds a newsroom, or the archive cannot go into this build: nothing was written. */
export class RestoreRefused extends Error {}

/**
 * `masthead restore FILE` into an empty database and media directory, on either database. The
 * archive is verified first (every checksum), then the target is checked to be empty, and only
 * then written: all rows in one transaction, table by table in reference order, generated ids
 * set past the archived ones; media originals beside it (removed again if the transaction rolls
 * back); then the search index is built from the restored stories. Sessions are not in archives.
 */
export async function restoreBackup(
  ctx: { db: Db; config: Pick<Config, 'mediaDir'> },
  file: string,
  onProgress: (p: RestoreProgress) => void = () => {},
): Promise<RestoreSummary> {
  const started = performance.now();
  const manifest = await verifyArchive(file, (p) =>
    onProgress({ phase: 'verify', done: p.entries, total: p.total ?? 0 }),
  );
  const unknown = manifest.migrations.filter((m) => !migrationNames.includes(m));
  if (unknown.length) {
    throw new RestoreRefused(
      `${file} was made by a newer Masthead (${manifest.mastheadVersion}; schema ${manifest.schemaMigration}): upgrade this one first`,
    );
  }
  await assertEmpty(ctx.db, ctx.config.mediaDir);

  const columns = await targetColumns(ctx.db);
  const written: string[] = [];
  const summary = { tables: 0, rows: 0, mediaFiles: 0, mediaBytes: 0 };
  const totalRows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  try {
    await inTransaction(ctx.db, async (tx) => {
      let loader: TableLoader | null = null;
      let index = 0;
      for await (const entry of readArchive(file)) {
        const listed = entry.name === MANIFEST ? null : manifest.entries[index++];
        if (entry.name !== MANIFEST && listed?.name !== entry.name) {
          throw new ArchiveRefused(file, `it changed since it was verified (${entry.name})`);
        }
        const tableName = tableOfEntry(entry.name);
        if (loader && loader.table.name !== tableName) {
          await loader.finish();
          summary.tables++;
          loader = null;
        }
        if (tableName) {
          const table: CopiedTable | undefined = COPIED.find((t) => t.name === tableName);
          if (!table)
            throw new ArchiveRefused(file, `it holds a table this Masthead does not know: ${tableName}`);
          // The rows the migrations made (the default edition) give way to the archive's.
          if (!loader && table.seededRows) await sql`DELETE FROM ${sql.table(table.name)}`.execute(tx);
          loader ??= new TableLoader(tx, table, columns.get(tableName) ?? new Set(), (n) => {
            summary.rows += n;
            onProgress({ phase: 'database', done: summary.rows, total: totalRows });
          });
          await loader.load(entry);
        } else if (entry.name.startsWith('media/')) {
          const rel = safeMediaPath(entry.name.slice('media/'.length));
          if (!rel) throw new ArchiveRefused(file, `unexpected entry ${entry.name}`);
          const target = path.join(ctx.config.mediaDir, rel);
          await fs.mkdir(path.dirname(target), { recursive: true });
          written.push(target);
          await pipeline(entry.body, createWriteStream(target, { flags: 'wx' }));
          summary.mediaFiles++;
          summary.mediaBytes += entry.size;
          onProgress({ phase: 'media', done: summary.mediaFiles, total: manifest.media.files });
        } else if (entry.name !== MANIFEST) {
          throw new ArchiveRefused(file, `unexpected entry ${entry.name}`);
        } else {
          for await (const _ of entry.body);
        }
        if (listed && (entry.sha256() !== listed.sha256 || entry.size !== listed.bytes)) {
          throw new ArchiveRefused(file, `${entry.name} changed since it was verified`);
        }
      }
      if (loader) {
        await loader.finish();
        summary.tables++;
      }
      for (const t of manifest.tables) {
        if (COPIED.find((c) => c.name === t.name)?.generatedId)
          await setGeneratedIdHighWater(tx, t.name, t.idHighWater);
      }
    });
  } catch (err) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
  const searchIndexed = await reindexAll(ctx.db, (done, total) =>
    onProgress({ phase: 'search', done, total }),
  );
  return { ...summary, searchIndexed, seconds: (performance.now() - started) / 1000, manifest };
}

/** Refuses a target that holds any row of a table a backup carries, or any media original. */
async function assertEmpty(db: Db, mediaDir: string): Promise<void> {
  const busy: string[] = [];
  for (const table of COPIED) {
    const seeded = table.seededRows ?? 0;
    const { rows } = await sql`SELECT 1 FROM ${sql.table(table.name)} LIMIT 1 OFFSET ${seeded}`.execute(db);
    if (rows.length) busy.push(table.name);
  }
  if (busy.length) {
    throw new RestoreRefused(
      `the database is not empty (${busy.join(', ')} hold rows): restore only into a new, empty database — nothing was changed`,
    );
  }
  const originals = await fs.readdir(path.join(mediaDir, 'originals')).catch(() => []);
  if (originals.length) {
    throw new RestoreRefused(
      `the media directory ${mediaDir} already holds originals: restore only into an empty data directory — nothing was changed`,
    );
  }
}

async function targetColumns(db: Db): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
}

/** Inserts one table's rows, from one or more entries, in batches. */
class TableLoader {
  private batch: Row[] = [];
  private batchLimit = 1;
  /** (id, parent) of rows whose self-reference is filled in once the whole table is in. */
  private links: [unknown, unknown][] = [];

  constructor(
    private readonly tx: Transaction<Database>,
    readonly table: CopiedTable,
    private readonly columns: Set<string>,
    private readonly onRows: (n: number) => void,
  ) {}

  async load(entry: ArchiveEntry): Promise<void> {
    for await (const line of jsonLines(entry.body)) await this.add(JSON.parse(line) as Row);
  }

  private async add(row: Row): Promise<void> {
    if (!this.batch.length) {
      const keys = Object.keys(row);
      const unknown = keys.filter((k) => !this.columns.has(k));
      if (unknown.length) {
        throw new RestoreRefused(
          `${this.table.name}.${unknown.join(', ')} does not exist in this Masthead's schema`,
        );
      }
      this.batchLimit = Math.max(1, Math.floor(VALUES_PER_INSERT / keys.length));
    }
    const self = this.table.selfReference;
    if (self && row[self] !== null && row[self] !== undefined) {
      this.links.push([row.id, row[self]]);
      row[self] = null;
    }
    this.batch.push(row);
    if (this.batch.length >= this.batchLimit) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.batch.length) return;
    const rows = this.batch;
    this.batch = [];
    const columns = Object.keys(rows[0] as Row);
    const values = rows.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`);
    await sql`INSERT INTO ${sql.table(this.table.name)} (${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES ${sql.join(values)}`.execute(this.tx);
    this.onRows(rows.length);
  }

  async finish(): Promise<void> {
    await this.flush();
    const self = this.table.selfReference;
    if (!self) return;
    for (const [id, parent] of this.links) {
      await sql`UPDATE ${sql.table(this.table.name)} SET ${sql.ref(self)} = ${parent} WHERE id = ${id}`.execute(
        this.tx,
      );
    }
  }
}

/**
 * The lines of a table's entry, decoded across pieces: a character of several bytes (Arabic,
 * Cyrillic, accents) may straddle two pieces, and the decoder keeps its first bytes until the
 * rest arrives instead of writing a replacement character.
 */
export async function* jsonLines(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const utf8 = new StringDecoder('utf8');
  let carry = '';
  for await (const piece of body) {
    const lines = (carry + utf8.write(piece)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) if (line) yield line;
  }
  carry += utf8.end();
  if (carry) yield carry;
}

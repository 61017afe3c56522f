import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, IngestSourceRow } from '../db/index.js';
import { MAX_ITEM_BYTES } from './item.js';
import { quarantine, receive } from './queue.js';

/**
 * Drop folders: agencies' FTP clients write files into a source's folder; the server polls it.
 * A file is taken only once it is complete: its size and modification time were the same at two
 * polls in a row (an FTP upload in progress grows), and names an uploader uses while writing
 * (`.tmp`, `.part`, `.filepart`, `.partial`, dot-files) are never taken — an agency that uploads
 * under such a name and renames it when done is picked up at the next two polls. A taken file is
 * moved to `done/` (or `quarantine/` when it was refused), so the folder holds only what is
 * pending. Symbolic links and directories are skipped: a file must be the agency's own.
 */
const WRITING = /(^\.|\.(tmp|part|filepart|partial|crdownload)$)/i;
const OUT_DIRS = new Set(['done', 'quarantine']);

/** What a poller remembers between polls: per file, the size and mtime it last saw. */
export type FolderMemory = Map<string, string>;

export interface PollReport {
  taken: { source: string; file: string; state: 'queued' | 'quarantined' | 'duplicate' }[];
  waiting: number;
}

export async function pollDropFolders(db: Db, now: string, memory: FolderMemory): Promise<PollReport> {
  const sources = await db
    .selectFrom('ingest_sources')
    .selectAll()
    .where('active', '=', 1)
    .where('drop_dir', 'is not', null)
    .execute();
  const report: PollReport = { taken: [], waiting: 0 };
  const seenNow = new Set<string>();
  for (const source of sources) await pollOne(db, source, now, memory, seenNow, report);
  // Forget files that went away (taken by another node, removed by the agency).
  for (const key of memory.keys()) if (!seenNow.has(key)) memory.delete(key);
  return report;
}

async function pollOne(
  db: Db,
  source: IngestSourceRow,
  now: string,
  memory: FolderMemory,
  seenNow: Set<string>,
  report: PollReport,
): Promise<void> {
  const dir = source.drop_dir as string;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return; // not there (yet): the folder is the agency's to make; nothing to take
  }
  for (const name of names.sort()) {
    if (OUT_DIRS.has(name) || WRITING.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    const key = `${source.id}:${file}`;
    const mark = `${stat.size}:${stat.mtimeMs}`;
    seenNow.add(key);
    if (memory.get(key) !== mark) {
      memory.set(key, mark);
      report.waiting++;
      continue;
    }
    memory.delete(key);
    const arrival = { source, via: 'folder' as const, fileName: name, now };
    let state: 'queued' | 'quarantined' | 'duplicate';
    if (stat.size > MAX_ITEM_BYTES) {
      const head = Buffer.alloc(64 * 1024);
      const handle = await fs.open(file, 'r');
      const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
      await quarantine(
        db,
        { ...arrival, bytes: head.subarray(0, bytesRead) },
        `oversized: ${stat.size} bytes (the limit is ${MAX_ITEM_BYTES})`,
      );
      state = 'quarantined';
    } else {
      const results = await receive(db, { ...arrival, bytes: await fs.readFile(file) });
      state = results.every((r) => r.state === 'quarantined')
        ? 'quarantined'
        : results.some((r) => r.state === 'queued')
          ? 'queued'
          : 'duplicate';
    }
    await moveAway(dir, name, state === 'quarantined' ? 'quarantine' : 'done', now);
    report.taken.push({ source: source.slug, file: name, state });
  }
}

/** Into done/ or quarantine/, stamped so a second file of the same name does not replace the first. */
async function moveAway(dir: string, name: string, to: string, now: string): Promise<void> {
  const target = path.join(dir, to);
  await fs.mkdir(target, { recursive: true });
  const stamp = now.replace(/[:.]/g, '-');
  await fs
    .rename(path.join(dir, name), path.join(target, `${stamp}-${name}`))
    .catch((err: NodeJS.ErrnoException) => {
      // Another node took it first; its copy is the one that counts.
      if (err.code !== 'ENOENT') throw err;
    });
}

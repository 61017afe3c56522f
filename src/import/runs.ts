import path from 'node:path';
import type { Db, ImportRunRow } from '../db/index.js';
import type { PostReport } from './wordpress.js';

/**
 * Import runs on record: `masthead import` writes a row when it starts and its counts and report
 * when it ends (or the error that stopped it), so the app can show every run and what it could
 * not carry over without anyone reading JSON files on the server.
 */

/** Enough of a run's report to act on; the full report is the file the command writes. */
export const KEPT_ITEMS = 2_000;

export interface RunReport {
  counts: object;
  posts: PostReport[];
  missingMedia: string[];
}

export interface ImportRun {
  id: number;
  kind: 'wordpress' | 'ghost';
  file: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number> | null;
  error: string | null;
}

export interface ImportRunDetail extends ImportRun {
  /** Items with something to check (at most KEPT_ITEMS), and how many there were in all. */
  items: PostReport[];
  itemCount: number;
  missingMedia: string[];
}

/** Runs `work` as a recorded import run; its result (or error) is written when it ends. */
export async function recordImport<R extends RunReport>(
  db: Db,
  kind: ImportRun['kind'],
  file: string,
  now: () => Date,
  work: () => Promise<R>,
): Promise<R> {
  const row = await db
    .insertInto('import_runs')
    .values({ kind, file: path.basename(file), status: 'running', started_at: now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const report = await work();
    await db
      .updateTable('import_runs')
      .set({
        status: 'done',
        finished_at: now().toISOString(),
        counts: JSON.stringify(report.counts),
        report: JSON.stringify({
          items: report.posts.slice(0, KEPT_ITEMS),
          itemCount: report.posts.length,
          missingMedia: report.missingMedia.slice(0, KEPT_ITEMS),
        }),
      })
      .where('id', '=', row.id)
      .execute();
    return report;
  } catch (err) {
    // The first line only, with the file by its name: the server's paths are not the app's business.
    const message = (err instanceof Error ? err.message : String(err))
      .replaceAll(file, path.basename(file))
      .split('\n')[0]
      ?.slice(0, 1000);
    await db
      .updateTable('import_runs')
      .set({ status: 'failed', finished_at: now().toISOString(), error: message ?? '' })
      .where('id', '=', row.id)
      .execute()
      .catch(() => undefined); // the database may be what failed; the command still reports it
    throw err;
  }
}

function present(r: ImportRunRow): ImportRun {
  return {
    id: r.id,
    kind: r.kind,
    file: r.file,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : null,
    error: r.error,
  };
}

/** The newest runs first. */
export async function listImportRuns(db: Db, limit = 100): Promise<ImportRun[]> {
  const rows = await db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(present);
}

export async function importRun(db: Db, id: number): Promise<ImportRunDetail | undefined> {
  const r = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const report = r.report
    ? (JSON.parse(r.report) as { items: PostReport[]; itemCount: number; missingMedia: string[] })
    : { items: [], itemCount: 0, missingMedia: [] };
  return { ...present(r), ...report };
}

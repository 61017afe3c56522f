/**
 * What a server-side failure means for the client, decided in one place for every face of the
 * app (reader pages, the newsroom API, the Content API). Only two faults are the operator's
 * rather than a bug: the database being out of reach (503, try again) and a full disk (507).
 * Everything else stays a logged 500. No answer ever carries the error's own text: driver
 * messages hold addresses ("connect ECONNREFUSED 10.0.0.5:5432") and paths.
 */

import { isDatabaseUnavailable } from './db/index.js';

// Which errors mean "the database is out of reach" is decided once, next to the drivers, in
// src/db/unavailable.ts; re-exported so callers deciding an answer need only this module.
export { isDatabaseUnavailable };

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

// ENOSPC/EDQUOT from the file system, SQLITE_FULL from SQLite, 53100 (disk_full) from PostgreSQL.
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

export type ServerFault =
  | { status: 503; code: 'unavailable'; message: string; retryAfter: number }
  | { status: 507; code: 'insufficient_storage'; message: string; path?: string };

/** The error and what caused it (`cause`, and each error of an AggregateError), depth-bounded. */
function* chain(err: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown; path?: unknown }> {
  if (!err || typeof err !== 'object' || depth > 5) return;
  yield err as { code?: unknown; message?: unknown };
  const e = err as { cause?: unknown; errors?: unknown };
  if (e.cause) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** The file or database that ran out of space, when the error says so. */
export function diskFull(err: unknown): { path?: string } | null {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && DISK_FULL_CODES.has(e.code)) {
      return typeof e.path === 'string' ? { path: e.path } : {};
    }
  }
  return null;
}

/** A 503 or 507 for the operator's faults; null for anything else (a 500, a bug). */
export function serverFault(err: unknown): ServerFault | null {
  if (diskFull(err)) {
    return {
      status: 507,
      code: 'insufficient_storage',
      message: 'the server has run out of disk space: nothing was saved; tell the site operator',
      ...diskFull(err),
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      code: 'unavailable',
      message: 'the database is temporarily unavailable: nothing was changed; try again shortly',
      retryAfter: RETRY_AFTER_SECONDS,
    };
  }
  return null;
}

interface Logger {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

/**
 * Logs a server-side failure once, for the operator: outages and full disks as one line naming
 * the cause (and the path that could not be written), anything else with its stack.
 */
export function logServerError(log: Logger, err: unknown, fault: ServerFault | null): void {
  if (!fault) {
    log.error(err);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (fault.status === 507) log.error({ path: fault.path, err: message }, 'disk full');
  else log.error({ err: message }, 'database unavailable');
}

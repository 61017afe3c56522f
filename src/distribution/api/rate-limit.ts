import { type Db, withoutDiskSync } from '../../db/index.js';

/**
 * Fixed one-minute windows counted in the database, so every app process sharing it enforces
 * the same limit. One upsert per request: `INSERT … ON CONFLICT DO UPDATE … RETURNING` is
 * atomic on both SQLite and PostgreSQL, so concurrent requests never lose a count. Counts are
 * written without waiting for the disk (`withoutDiskSync`).
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

const WINDOW_MS = 60_000;

export async function hitRateLimit(db: Db, bucket: string, limit: number, now: Date): Promise<RateDecision> {
  // A count lost in a power cut lets a client a few requests more: not worth a disk sync each.
  return withoutDiskSync(db, (counters) => count(counters, bucket, limit, now));
}

async function count(db: Db, bucket: string, limit: number, now: Date): Promise<RateDecision> {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const windowStart = new Date(start).toISOString();
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({
        count: eb('rate_limit_counters.count', '+', 1),
      })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  // Now and then, sweep windows that ended long ago; any process may do it, all do it alike.
  if (count === 1 && Math.random() < 0.05) {
    await db
      .deleteFrom('rate_limit_counters')
      .where('window_start', '<', new Date(start - 10 * WINDOW_MS).toISOString())
      .execute();
  }
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    reset: Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000)),
  };
}

import { type Db, inTransaction } from '../db/index.js';

/**
 * Story views counted in memory and written in batches: a view costs a map update, and the
 * database sees one upsert per story and bucket per flush (`views = views + n`), never a write
 * per view. Several nodes each add their own counts to the same rows.
 *
 * Bounded: at most `maxKeys` (story, bucket) pairs wait between flushes; beyond that views are
 * dropped and counted in `dropped` (a flood of fake story ids cannot grow the process).
 */

/** Five minutes: the finest grain of "last hour" and of the charts. */
export const BUCKET_MS = 5 * 60_000;

export function bucketOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS).toISOString();
}

export interface ViewCounter {
  /** Counts one view of the story at `at`. */
  record(articleId: number, at: Date): void;
  /** Writes what is pending; resolves when it is in the database. */
  flush(db: Db): Promise<number>;
  /** Views waiting for the next flush. */
  pending(): number;
  /** Views refused because the pending map was full, since the process started. */
  dropped(): number;
}

export function createViewCounter(opts: { maxKeys?: number } = {}): ViewCounter {
  const maxKeys = opts.maxKeys ?? 50_000;
  let counts = new Map<string, number>();
  let waiting = 0;
  let refused = 0;
  let flushing: Promise<number> | null = null;
  // The current bucket's name, made once per five minutes rather than once per view.
  let bucketStart = -1;
  let bucketName = '';

  async function write(db: Db, batch: Map<string, number>): Promise<number> {
    // Beacons name any number; only stories that exist get rows (one query per flush, not per view).
    const ids = [...new Set([...batch.keys()].map((k) => Number(k.split('|')[0])))];
    const known = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const found = await db
        .selectFrom('articles')
        .select('id')
        .where('id', 'in', ids.slice(i, i + 500))
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of found) known.add(r.id);
    }
    const rows: { article_id: number; bucket: string; views: number }[] = [];
    const days = new Map<string, { article_id: number; day: string; views: number }>();
    let total = 0;
    for (const [key, views] of batch) {
      const [id, bucket] = key.split('|') as [string, string];
      const article_id = Number(id);
      if (!known.has(article_id)) continue;
      rows.push({ article_id, bucket, views });
      const day = bucket.slice(0, 10);
      const d = days.get(`${id}|${day}`);
      if (d) d.views += views;
      else days.set(`${id}|${day}`, { article_id, day, views });
      total += views;
    }
    // Sorted, so two nodes flushing at once take row locks in the same order (no deadlock).
    rows.sort((a, b) => a.article_id - b.article_id || a.bucket.localeCompare(b.bucket));
    const daily = [...days.values()].sort(
      (a, b) => a.article_id - b.article_id || a.day.localeCompare(b.day),
    );
    if (!rows.length) return 0;
    await inTransaction(db, async (tx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insertInto('story_views')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) =>
            oc.columns(['article_id', 'bucket']).doUpdateSet((eb) => ({
              views: eb('story_views.views', '+', eb.ref('excluded.views')),
            })),
          )
          .execute();
      }
      for (let i = 0; i < daily.length; i += 500) {
        await tx
          .insertInto('story_views_daily')
          .values(daily.slice(i, i + 500))
          .onConflict((oc) =>
            oc.columns(['article_id', 'day']).doUpdateSet((eb) => ({
              views: eb('story_views_daily.views', '+', eb.ref('excluded.views')),
            })),
          )
          .execute();
      }
    });
    return total;
  }

  return {
    record(articleId, at) {
      const ms = at.getTime();
      const start = ms - (ms % BUCKET_MS);
      if (start !== bucketStart) {
        bucketStart = start;
        bucketName = new Date(start).toISOString();
      }
      const key = `${articleId}|${bucketName}`;
      const n = counts.get(key);
      if (n === undefined && counts.size >= maxKeys) {
        refused++;
        return;
      }
      counts.set(key, (n ?? 0) + 1);
      waiting++;
    },
    async flush(db) {
      // One flush at a time: a second caller waits for the running one, then writes what came since.
      while (flushing) await flushing;
      if (!counts.size) return 0;
      const batch = counts;
      counts = new Map();
      waiting = 0;
      flushing = write(db, batch).catch((err: unknown) => {
        // The database is away: keep the counts for the next flush (up to the bound).
        for (const [key, n] of batch) {
          if (!counts.has(key) && counts.size >= maxKeys) {
            refused += n;
            continue;
          }
          counts.set(key, (counts.get(key) ?? 0) + n);
          waiting += n;
        }
        throw err;
      });
      try {
        return await flushing;
      } finally {
        flushing = null;
      }
    },
    pending: () => waiting,
    dropped: () => refused,
  };
}

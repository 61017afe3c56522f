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

/** Pending views: bucket name → story id → views (integer keys: no string made per view). */
type Counts = Map<string, Map<number, number>>;

export function createViewCounter(opts: { maxKeys?: number } = {}): ViewCounter {
  const maxKeys = opts.maxKeys ?? 50_000;
  let counts: Counts = new Map();
  // (story, bucket) pairs in `counts`, the bounded quantity.
  let keys = 0;
  let waiting = 0;
  let refused = 0;
  let flushing: Promise<number> | null = null;
  // The current bucket, found once per five minutes rather than once per view.
  let bucketStart = -1;
  let bucket: Map<number, number> = new Map();

  /** Adds `n` views of a story in a bucket, within the bound; false when refused. */
  function add(into: Map<number, number>, articleId: number, n: number): boolean {
    const had = into.get(articleId);
    if (had === undefined) {
      if (keys >= maxKeys) return false;
      keys++;
    }
    into.set(articleId, (had ?? 0) + n);
    waiting += n;
    return true;
  }

  function bucketNamed(name: string): Map<number, number> {
    let b = counts.get(name);
    if (!b) {
      b = new Map();
      counts.set(name, b);
    }
    return b;
  }

  async function write(db: Db, batch: Counts): Promise<number> {
    // Beacons name any number; only stories that exist get rows (one query per flush, not per view).
    const ids = [...new Set([...batch.values()].flatMap((b) => [...b.keys()]))];
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
    for (const [bucket, stories] of batch) {
      const day = bucket.slice(0, 10);
      for (const [article_id, views] of stories) {
        if (!known.has(article_id)) continue;
        rows.push({ article_id, bucket, views });
        const d = days.get(`${article_id}|${day}`);
        if (d) d.views += views;
        else days.set(`${article_id}|${day}`, { article_id, day, views });
        total += views;
      }
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
        bucket = bucketNamed(new Date(start).toISOString());
      }
      if (!add(bucket, articleId, 1)) refused++;
    },
    async flush(db) {
      // One flush at a time: a second caller waits for the running one, then writes what came since.
      while (flushing) await flushing;
      if (!counts.size) return 0;
      const batch = counts;
      counts = new Map();
      keys = 0;
      waiting = 0;
      // The next view starts the current bucket afresh in the new map.
      bucketStart = -1;
      flushing = write(db, batch).catch((err: unknown) => {
        // The database is away: keep the counts for the next flush (up to the bound).
        for (const [name, stories] of batch) {
          const into = bucketNamed(name);
          for (const [articleId, n] of stories) if (!add(into, articleId, n)) refused += n;
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

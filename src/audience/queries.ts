import { publicArticles } from '../content/index.js';
import type { Db } from '../db/index.js';
import { BUCKET_MS, bucketOf } from './counter.js';

/**
 * What the counts say: the most read stories of a window (for fronts, the Content API and the
 * app), and one story's or the whole site's views with their series for the charts.
 */

export const WINDOWS = { hour: 60 * 60_000, day: 24 * 60 * 60_000, week: 7 * 24 * 60 * 60_000 } as const;
export type ViewWindow = keyof typeof WINDOWS;

/** Five-minute buckets are kept this long (then only the daily totals remain). */
export const KEEP_BUCKETS_MS = 8 * 24 * 60 * 60_000;

/** The first bucket inside the window ending now: "last hour" is the last twelve buckets. */
function since(now: Date, window: ViewWindow): string {
  return bucketOf(new Date(now.getTime() - WINDOWS[window] + BUCKET_MS));
}

export interface MostRead {
  articleId: number;
  views: number;
}

/** Public stories by views in the window, most first (ties: the newer story first). */
export async function mostRead(
  db: Db,
  /** `editionId`: that edition's stories only (src/editions); `sectionIds`: those sections'. */
  opts: { now: Date; window: ViewWindow; sectionIds?: number[]; editionId?: number; limit: number },
): Promise<MostRead[]> {
  const counts = db
    .selectFrom('story_views')
    .select((eb) => ['story_views.article_id', eb.fn.sum<number>('story_views.views').as('views')])
    .where('story_views.bucket', '>=', since(opts.now, opts.window))
    .groupBy('story_views.article_id')
    .as('v');
  const rows = await publicArticles(db, opts.now.toISOString(), {
    sectionIds: opts.sectionIds,
    editionId: opts.editionId,
  })
    .innerJoin(counts, 'v.article_id', 'articles.id')
    .select(['articles.id', 'v.views'])
    .orderBy('v.views', 'desc')
    .orderBy('articles.first_published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({ articleId: r.id, views: Number(r.views) }));
}

export interface ViewSeries {
  lastHour: number;
  last24h: number;
  total: number;
  /** Views per hour for the last 48 hours, oldest first (every hour present, zeros included). */
  hourly: { hour: string; views: number }[];
  /** Views per UTC day for the last 30 days, oldest first. */
  daily: { day: string; views: number }[];
}

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

function series(
  now: Date,
  buckets: { bucket: string; views: number }[],
  days: { day: string; views: number }[],
) {
  const hourStart = Math.floor(now.getTime() / HOUR) * HOUR;
  const hourly = Array.from({ length: 48 }, (_, i) => ({
    hour: new Date(hourStart - (47 - i) * HOUR).toISOString(),
    views: 0,
  }));
  const first = hourStart - 47 * HOUR;
  const hourAgo = since(now, 'hour');
  const dayAgo = since(now, 'day');
  let lastHour = 0;
  let last24h = 0;
  for (const b of buckets) {
    const t = Date.parse(b.bucket);
    const views = Number(b.views);
    const i = Math.floor((t - first) / HOUR);
    const slot = hourly[i];
    if (slot) slot.views += views;
    if (b.bucket >= hourAgo) lastHour += views;
    if (b.bucket >= dayAgo) last24h += views;
  }
  const dayStart = Math.floor(now.getTime() / DAY) * DAY;
  const byDay = new Map(days.map((d) => [d.day, Number(d.views)]));
  const daily = Array.from({ length: 30 }, (_, i) => {
    const day = new Date(dayStart - (29 - i) * DAY).toISOString().slice(0, 10);
    return { day, views: byDay.get(day) ?? 0 };
  });
  return { lastHour, last24h, hourly, daily };
}

/** One story's views: last hour, 24 hours, all time, and its series. */
export async function storyViews(db: Db, articleId: number, now: Date): Promise<ViewSeries> {
  const from = new Date(now.getTime() - 48 * HOUR).toISOString();
  const buckets = await db
    .selectFrom('story_views')
    .select(['bucket', 'views'])
    .where('article_id', '=', articleId)
    .where('bucket', '>=', from)
    .execute();
  const days = await db
    .selectFrom('story_views_daily')
    .select(['day', 'views'])
    .where('article_id', '=', articleId)
    .execute();
  const total = days.reduce((n, d) => n + Number(d.views), 0);
  return { ...series(now, buckets, days), total };
}

/** The whole site's views, summed over every story. */
export async function siteViews(db: Db, now: Date): Promise<ViewSeries> {
  const from = new Date(now.getTime() - 48 * HOUR).toISOString();
  const buckets = await db
    .selectFrom('story_views')
    .select((eb) => ['bucket', eb.fn.sum<number>('views').as('views')])
    .where('bucket', '>=', from)
    .groupBy('bucket')
    .execute();
  const firstDay = new Date(now.getTime() - 30 * DAY).toISOString().slice(0, 10);
  const days = await db
    .selectFrom('story_views_daily')
    .select((eb) => ['day', eb.fn.sum<number>('views').as('views')])
    .where('day', '>=', firstDay)
    .groupBy('day')
    .execute();
  const total = await db
    .selectFrom('story_views_daily')
    .select((eb) => eb.fn.sum<number>('views').as('views'))
    .executeTakeFirst();
  return { ...series(now, buckets, days), total: Number(total?.views ?? 0) };
}

/** Drops five-minute buckets past their keeping time (the daily totals stay). Hourly job. */
export async function compactViews(db: Db, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('story_views')
    .where('bucket', '<', new Date(now.getTime() - KEEP_BUCKETS_MS).toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The site's rankings in one string (the top 30 of each window): what the `most-read-refresh` job
 * compares to know when the pages showing a most-read list are out of date. Section lists rank
 * the same counts, so a change there almost always shows in these; the job's next change catches
 * the rest.
 */
export async function rankingFingerprint(db: Db, now: Date): Promise<string> {
  const parts: string[] = [];
  for (const window of Object.keys(WINDOWS) as ViewWindow[]) {
    const top = await mostRead(db, { now, window, limit: 30 });
    parts.push(`${window}:${top.map((r) => r.articleId).join(',')}`);
  }
  return parts.join(' ');
}

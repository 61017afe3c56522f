import { compactViews, rankingFingerprint } from '../audience/index.js';
import { announceChange, MOST_READ } from '../cache/index.js';
import {
  announceStoriesComingDue,
  publishDueArticles,
  purgeDeletedArticles,
  purgeStalePresence,
} from '../content/index.js';
import { dispatchDue, purgeOldDeliveries } from '../distribution/index.js';
import { applyDueListChanges } from '../fronts/index.js';
import { type FolderMemory, pollDropFolders } from '../ingest/index.js';
import { runExtractionQueue } from '../knowledge/index.js';
import { refreshAddresses, scheduledMirrorCheck } from '../mirrors/index.js';
import type { Job } from './runner.js';

/** Background jobs of a `serve` process. */
export { type Job, type JobOptions, startJobs } from './runner.js';

/** Every job the server runs by default. Each is safe with several processes on one database. */
export const defaultJobs: Job[] = [
  // Scheduled stories go live within about a second of their time (one claiming UPDATE).
  {
    name: 'publish-scheduled',
    intervalMs: 1_000,
    run: (ctx) => publishDueArticles(ctx.db, ctx.now().toISOString()),
  },
  // Stories published with a future time appear in cached lists the moment it passes.
  comingDue(),
  // A front list's scheduled version takes over, or a pin expires: its pages refresh (one claim
  // per list, so one node does it and Redis tells the others).
  {
    name: 'front-lists-due',
    intervalMs: 1_000,
    run: (ctx) => applyDueListChanges(ctx.db, ctx.now().toISOString()),
  },
  // Webhook outbox: due deliveries, retries and re-sends.
  { name: 'webhook-dispatch', intervalMs: 2_000, run: (ctx) => dispatchDue(ctx) },
  // Alternate addresses changed without this node hearing of it (the CLI on a newsroom without
  // Redis, a message lost while Redis was away) are in effect within 10 s: one small query.
  { name: 'addresses-refresh', intervalMs: 10_000, run: (ctx) => refreshAddresses(ctx) },
  // Every MIRROR_CHECK_MINUTES one server checks every address (mirrors/schedule.ts).
  { name: 'mirror-check', intervalMs: 30_000, run: (ctx) => scheduledMirrorCheck(ctx) },
  // The delivery log keeps 30 days.
  { name: 'webhook-log-purge', intervalMs: 3_600_000, run: (ctx) => purgeOldDeliveries(ctx) },
  // Deleted stories stay restorable for 30 days, then go for good (with their revisions, video,
  // search rows; webhooks hear of it). Idempotent, so several nodes may run it.
  {
    name: 'purge-deleted-stories',
    intervalMs: 3_600_000,
    run: (ctx) => purgeDeletedArticles(ctx.db, ctx.now().toISOString()),
  },
  // Story views counted in memory reach the database (one upsert per story and bucket).
  { name: 'views-flush', intervalMs: 10_000, run: (ctx) => ctx.views.flush(ctx.db) },
  // Five-minute view buckets older than 8 days go; the daily totals stay.
  { name: 'views-compact', intervalMs: 3_600_000, run: (ctx) => compactViews(ctx.db, ctx.now()) },
  // Pages with a most-read list are rendered again when the ranking has moved (not on every count).
  mostReadRefresh(),
  // Editor tabs that closed without saying so (content/presence.ts); ignored after 30 s anyway.
  { name: 'presence-purge', intervalMs: 60_000, run: (ctx) => purgeStalePresence(ctx.db, ctx.now()) },
  // Agencies' drop folders: a file unchanged over two polls is complete and taken (ingest/folder.ts),
  // so copy is in the queue 2–4 s after its upload ends.
  dropFolders(),
  // Entity suggestions for stories saved since their last extraction (knowledge/story.ts): off the
  // save's path; a few stories per run, yielding between paragraphs. Several nodes may run it: at
  // worst a story is extracted twice, and the result is the same.
  {
    name: 'entity-extraction',
    intervalMs: 2_000,
    run: (ctx) => runExtractionQueue(ctx.db, ctx.now().toISOString(), 10),
  },
];

function dropFolders(): Job {
  const memory: FolderMemory = new Map();
  return {
    name: 'ingest-drop-folders',
    intervalMs: 2_000,
    run: (ctx) => pollDropFolders(ctx.db, ctx.now().toISOString(), memory),
  };
}

function mostReadRefresh(): Job {
  let last: string | null = null;
  return {
    name: 'most-read-refresh',
    intervalMs: 5 * 60_000,
    run: async (ctx) => {
      const now = await rankingFingerprint(ctx.db, ctx.now());
      if (last !== null && now !== last) announceChange(ctx.db, [MOST_READ]);
      last = now;
    },
  };
}

function comingDue(): Job {
  let since: string | null = null;
  return {
    name: 'announce-coming-due',
    intervalMs: 1_000,
    run: async (ctx) => {
      const now = ctx.now().toISOString();
      if (since !== null) await announceStoriesComingDue(ctx.db, since, now);
      since = now;
    },
  };
}

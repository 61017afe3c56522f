import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config.js';
import type { FeedEntry } from '../../distribution/feeds/entries.js';
import { FeedBatch } from '../../distribution/feeds/render.js';
import type { FeedJob, WriteJob, WriteReply } from './page-output.js';
import { linkParts, PageRefs } from './paths.js';
import { contentHash, writeIfChanged } from './writer.js';

/**
 * The static export's write thread (page-output.ts): first renders and writes the summary feeds
 * it is sent (from the entries sent with them, through the feed domain's own FeedBatch), then
 * rewrites the links of the pages it is sent and writes each one whose bytes changed, answering
 * with their outcomes a batch at a time (one message per page back cost the rendering thread
 * more). It loads nothing but this folder's path and file code and the feed renderer.
 */
const port = parentPort;
if (!port) throw new Error('write-thread.ts runs as a worker thread');
const { outDir, feedsWritten } = workerData as { outDir: string; feedsWritten: SharedArrayBuffer };
/** Feeds written so far, read by the rendering thread as it goes (page-output.ts). */
const feedCount = new Int32Array(feedsWritten);
const BATCH = 32;
const refs = new PageRefs();
const madeDirs = new Set<string>();
let style = '';
type Answer = Extract<WriteReply, { kind: 'done' }>;
let outcomes: Answer['outcomes'] = [];
/** Sets of referenced files, numbered (see WriteReply), and those not yet sent. */
const refSets = new Map<string, number>();
let newSets: Answer['sets'] = {};

function refSet(files: string[]): number {
  // Keyed by a digest: a front page's list of files is some 10 kB, and there are thousands.
  const key = contentHash(files.join('\n'));
  let n = refSets.get(key);
  if (n === undefined) {
    n = refSets.size;
    refSets.set(key, n);
    newSets[n] = files;
  }
  return n;
}

const reply = (msg: WriteReply) => port.postMessage(msg);

/** The summary feeds' entries while they are being written, and each entry's text, once. */
let feeds: { site: Config['site']; entries: Map<number, FeedEntry>; batch: FeedBatch } | null = null;

function feedText(job: FeedJob): string {
  if (!feeds) throw new Error('a feed came before its entries');
  const { entries } = feeds;
  const listed = job.entries.map((id) => {
    const entry = entries.get(id);
    if (!entry) throw new Error(`feed ${job.rel} lists story ${id}, which was not sent`);
    return entry;
  });
  const doc = { site: feeds.site, scope: job.scope, full: false, entries: listed, updated: job.updated };
  return feeds.batch.render(job.format, doc);
}

port.on('message', (job: WriteJob) => {
  try {
    if (job.feeds) {
      feeds = { site: job.feeds.site, entries: new Map(job.feeds.entries), batch: new FeedBatch() };
    }
    for (const page of job.pages) {
      if ('format' in page) {
        outcomes.push(writeIfChanged(outDir, page.rel, feedText(page), page.before, madeDirs));
        Atomics.add(feedCount, 0, 1);
        continue;
      }
      style = page.style ?? style;
      const parts = linkParts([page.head, style, page.tail], refs);
      outcomes.push({
        ...writeIfChanged(outDir, page.rel, parts, page.before, madeDirs),
        refSet: refSet(refs.page),
      });
    }
    if (job.feedsDone) {
      feeds = null;
      // The feeds' entries and text (~30 MB) are garbage now, and nothing after them grows this
      // thread's heap enough for V8 to collect it before the export ends: one collection here
      // gives it back. `gc` is there when the export command exposed it (mirrors/cli.ts).
      (globalThis as { gc?: () => void }).gc?.();
    }
    if (outcomes.length >= BATCH || (job.flush && outcomes.length)) {
      reply({ kind: 'done', outcomes, sets: newSets });
      outcomes = [];
      newSets = {};
    }
  } catch (err) {
    reply({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});

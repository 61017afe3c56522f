import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { fixedAddressBook } from '../mirrors/index.js';
import { loadSiteData } from './batch.js';
import { InlineOutput } from './page-output.js';
import { PageRenderer } from './pages.js';
import { takeChunk, type WorkerInit, type WorkerReply } from './pool.js';

/**
 * A page-rendering thread of the static export (see pool.ts): its own database connection and
 * bulk-loaded data, at the same "now" as the thread that started it; takes chunks of pages
 * until none are left, writes them, and answers each with the files' digests, inputs and
 * references.
 */
const port = parentPort;
if (!port) throw new Error('page-worker.ts runs as a worker thread');
const init = workerData as WorkerInit;
const reply = (msg: WorkerReply) => port.postMessage(msg);

// This thread only reads and renders: no Redis channel, CDN purges or page cache of its own.
const config: Config = {
  ...init.config,
  cache: { ...init.config.cache, maxBytes: 0, purge: null, redis: null },
};
const ctx = {
  ...(await createContext(config, { now: () => new Date(init.now) })),
  addresses: fixedAddressBook(init.addresses),
};
try {
  const pages = new PageRenderer(
    ctx,
    await loadSiteData(ctx),
    new InlineOutput(init.outDir),
    init.site,
    init.host,
  );
  for (let i = takeChunk(init.cursor); i < init.chunks.length; i = takeChunk(init.cursor)) {
    reply({ kind: 'chunk', index: i, outcomes: await pages.run(init.chunks[i] ?? []) });
  }
  reply({ kind: 'end' });
} catch (err) {
  reply({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
} finally {
  await ctx.close();
}

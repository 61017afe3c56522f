import os from 'node:os';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { SiteAddresses } from '../mirrors/index.js';
import type { PageRenderer, PageTask } from './pages.js';
import type { Outcome } from './writer.js';

/**
 * Pages rendered on several cores: rendering is CPU-bound, so a large export can run worker
 * threads beside the calling thread, which renders the feeds first and then takes chunks of
 * pages like the workers do. Each worker opens its own database connection and
 * loads the site data itself (SQLite allows any number of readers; PostgreSQL gets one more
 * connection per worker), and writes the files it renders; each thread takes the next chunk
 * when it is ready for one, so a slow thread simply takes fewer.
 */
export interface WorkerInit {
  config: Config;
  /** The export's "now" (ISO): every thread shows the site as of the same instant. */
  now: string;
  outDir: string;
  /** The site fingerprint (fingerprint.ts), the same in every thread. */
  site: string;
  /** The addresses the export started with: a save during the export does not split its pages. */
  addresses: SiteAddresses;
  /** An edition's own host, when exporting that edition alone (`--edition`). */
  host?: string;
  chunks: PageTask[][];
  /**
   * Index of the next chunk to render, shared by every thread (Atomics): a thread takes work
   * without waiting for another's event loop (this thread's is busy rendering most of the time).
   */
  cursor: SharedArrayBuffer;
}

export type WorkerReply =
  | { kind: 'chunk'; index: number; outcomes: Outcome[] }
  | { kind: 'end' }
  | { kind: 'error'; message: string };

/** The next chunk index; past the end when every chunk is taken. */
export function takeChunk(cursor: SharedArrayBuffer): number {
  return Atomics.add(new Int32Array(cursor), 0, 1);
}

/** Below this many pages, starting a thread costs more than it saves. */
const WORKERS_FROM_PAGES = 2_000;

/**
 * One worker per core beyond two. A worker costs seconds of CPU (its own module graph, data
 * and caches) and a server's worth of memory (docs/benchmarks.md); on a 2-core machine the second
 * core goes to the write thread instead (`defaultWriteThread`), and `--workers 1` is the
 * operator's call (docs/benchmarks.md).
 */
export function defaultWorkers(pages: number): number {
  return pages < WORKERS_FROM_PAGES ? 0 : Math.max(0, Math.min(os.availableParallelism() - 2, 7));
}

/**
 * A write thread (page-output.ts) for this thread's pages when a core is left over: a few
 * megabytes where a rendering thread costs a hundred, and the link pass and file writes (a
 * third of this thread's work per page) then run beside the rendering.
 */
export function defaultWriteThread(pages: number, workers: number): boolean {
  return pages >= WORKERS_FROM_PAGES && workers + 1 < os.availableParallelism();
}

export class PagePool {
  private readonly cursor = new SharedArrayBuffer(4);
  private finished = 0;

  constructor(
    private readonly chunks: PageTask[][],
    private readonly onChunk: (outcomes: Outcome[], count: number) => void,
  ) {}

  private done(index: number, outcomes: Outcome[]): void {
    this.finished++;
    this.onChunk(outcomes, this.chunks[index]?.length ?? 0);
  }

  /** Render chunks in this thread until none are left. */
  async runHere(pages: PageRenderer): Promise<void> {
    for (let i = takeChunk(this.cursor); i < this.chunks.length; i = takeChunk(this.cursor)) {
      this.done(i, await pages.run(this.chunks[i] ?? []));
    }
  }

  /** Run `count` worker threads until no chunk is left. */
  async runWorkers(init: Omit<WorkerInit, 'chunks' | 'cursor'>, count: number): Promise<void> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < count; i++) {
        workers.push(startWorker({ ...init, chunks: this.chunks, cursor: this.cursor }));
      }
      await Promise.all(workers.map((w) => this.drive(w)));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }

  /** Every chunk has come back. */
  complete(): boolean {
    return this.finished === this.chunks.length;
  }

  private drive(worker: Worker): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: WorkerReply) => {
        if (msg.kind === 'chunk') this.done(msg.index, msg.outcomes);
        else if (msg.kind === 'end') resolve();
        else reject(new Error(`export worker failed: ${msg.message}`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        reject(new Error(`export worker exited (code ${code}) before it was done`)),
      );
    });
  }
}

function startWorker(init: WorkerInit): Worker {
  return startThread('page-worker', init);
}

/**
 * A thread running `name` (a module of this folder). Built, it is `name.js` beside this file;
 * run from source (tests, tsx), it is TypeScript and needs tsx's loader in the new thread too.
 */
export function startThread(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), { workerData, resourceLimits });
  const source = JSON.stringify(new URL(`./${name}.ts`, here).href);
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${source}); })`, {
    eval: true,
    workerData,
    resourceLimits,
  });
}

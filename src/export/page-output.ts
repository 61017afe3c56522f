import type { Worker } from 'node:worker_threads';
import { linkParts, PageRefs } from './paths.js';
import { startThread } from './pool.js';
import { type Outcome, writeIfChanged } from './writer.js';

/**
 * Where rendered pages go: their links rewritten for a static host (paths.ts) and the file
 * written unless its bytes are already there. Either in the rendering thread itself, or in a
 * write thread beside it: on a machine whose other core would otherwise sit idle, the link
 * pass and the file system's calls (a third of a page's cost) then run in parallel with
 * rendering, for a few megabytes instead of the hundred a second rendering thread needs.
 */
export interface PageOutput {
  /** One page, cut by `splitStyle`: the file's outcome, with the page's references. */
  page(rel: string, before: string | undefined, parts: [string, string, string]): Outcome | Promise<Outcome>;
  /** Waits while the write thread is too far behind (pages in flight are memory). */
  room(): Promise<void> | undefined;
  /** Hand over a partly filled batch (the end of a chunk). */
  flush(): void;
}

/** Pages written by the thread that renders them. */
export class InlineOutput implements PageOutput {
  private readonly refs = new PageRefs();
  private readonly madeDirs = new Set<string>();

  constructor(private readonly outDir: string) {}

  page(rel: string, before: string | undefined, parts: [string, string, string]): Outcome {
    const linked = linkParts(parts, this.refs);
    return { ...writeIfChanged(this.outDir, rel, linked, before, this.madeDirs), refs: this.refs.page };
  }

  room(): undefined {
    return undefined;
  }

  flush(): void {}
}

/**
 * One page for the write thread, cut around its stylesheet (`style` null: the same as the last
 * page's; pages of a kind inline the same 6–12 kB, a third or more of a page, and pages come
 * a kind at a time, so mostly only what differs is copied between threads).
 */
export interface PageJob {
  rel: string;
  before?: string;
  head: string;
  style: string | null;
  tail: string;
}

/** What the write thread is sent: a few pages; `flush`: answer for every page sent so far. */
export interface WriteJob {
  pages: PageJob[];
  flush: boolean;
}

/**
 * Outcomes of the pages sent, in the order they were sent. A page's references come as the
 * number of a set of files, and each set's files come once, with the first page naming it: a
 * front page names hundreds of image files, and copied back as strings for every page they
 * filled the rendering thread's heap (docs/benchmarks.md, "Figures that were in code comments").
 */
export type WriteReply =
  | { kind: 'done'; outcomes: (Omit<Outcome, 'refs'> & { refSet: number })[]; sets: Record<number, string[]> }
  | { kind: 'error'; message: string };

/**
 * Pages sent and not yet answered, at most (a few MB): on tmpfs the write thread keeps up with
 * rendering, on a slow disk it does not, and rendering then waits instead of queueing pages.
 */
const IN_FLIGHT = 128;

/**
 * Pages per message: a message per page cost the rendering thread a measurable share of its
 * time. A few pages share one and their strings still die young (held for a batch of 32, pages
 * outlived young-generation collections and filled the old generation; figures in
 * docs/benchmarks.md, "Figures that were in code comments").
 */
const SEND = 8;

/**
 * Pages written by a thread of their own (write-thread.ts), sent a few at a time as they are
 * rendered; answers come back a batch at a time and settle each page's promise in order.
 */
export class WriteThread implements PageOutput {
  private readonly worker: Worker;
  private lastStyle: string | null = null;
  private readonly waiting: { resolve: (o: Outcome) => void; reject: (err: Error) => void }[] = [];
  private roomWaiter: (() => void) | null = null;
  private pending: PageJob[] = [];
  /** The write thread's numbers of sets of referenced files → their index in `intern`'s sets. */
  private readonly refSets = new Map<number, number>();
  private failure: Error | null = null;

  /** `intern`: the index of a set of files in the export's state (`RefSets.add`). */
  constructor(
    outDir: string,
    private readonly intern: (files: string[]) => number,
  ) {
    // Everything it holds dies young but the sets of references: a small young generation is
    // plenty, and V8's default semi-spaces were a tenth of the export's peak memory.
    this.worker = startThread('write-thread', { outDir }, { maxYoungGenerationSizeMb: 8 });
    this.worker.on('message', (msg: WriteReply) => {
      if (msg.kind === 'error') return this.fail(new Error(`export write thread failed: ${msg.message}`));
      for (const [n, files] of Object.entries(msg.sets)) this.refSets.set(Number(n), this.intern(files));
      for (const { refSet, ...o } of msg.outcomes)
        this.waiting.shift()?.resolve({ ...o, refSet: this.refSets.get(refSet) });
      this.wake();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`export write thread exited (code ${code})`)));
  }

  page(
    rel: string,
    before: string | undefined,
    [head, style, tail]: [string, string, string],
  ): Promise<Outcome> {
    if (this.failure) return Promise.reject(this.failure);
    const same = style === this.lastStyle;
    this.lastStyle = style;
    this.pending.push({ rel, before, head, style: same ? null : style, tail });
    if (this.pending.length >= SEND) this.post(false);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  room(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting.length < IN_FLIGHT) return undefined;
    return new Promise((resolve) => {
      this.roomWaiter = resolve;
    });
  }

  flush(): void {
    if (this.waiting.length) this.post(true);
  }

  /** Stops the thread (every page's outcome has been awaited by then: nothing is pending). */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    this.fail(new Error('the export write thread was stopped'));
  }

  private post(flush: boolean): void {
    const job: WriteJob = { pages: this.pending, flush };
    this.pending = [];
    this.worker.postMessage(job);
  }

  private wake(): void {
    const wake = this.roomWaiter;
    this.roomWaiter = null;
    wake?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
    this.wake();
  }
}

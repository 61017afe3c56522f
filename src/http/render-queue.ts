import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';

/**
 * Public pages rendered a few at a time, in the order they were asked for.
 *
 * Why: a render (queries on SQLite are synchronous, then preact) runs to its end once it starts,
 * and every request Node reads in one turn of the event loop starts its render in that turn.
 * Under a crawl of 64 connections a turn held dozens of renders, and a request's later steps
 * (its compressed copy coming back from the thread pool, its bytes going out) waited behind
 * them, turn after turn: a median of 60–130 ms but a p99 of 1–3 s (docs/benchmarks.md,
 * "Fair under load"). With at most `limit` renders under way the others wait in one FIFO line,
 * each turn of the loop is short, and every request waits about as long as the rest.
 *
 * Cache hits never queue (they are answered before Fastify sees them), nor does a request
 * waiting for another's render of the same page. When the line is `maxWaiting` long, the next
 * request is answered 503 with Retry-After at once rather than kept for seconds.
 */
export class RenderQueue {
  private running = 0;
  private waiting = 0;
  private readonly line: { start(): void }[] = [];
  private head = 0;
  private handover = false;

  /** `limit` 0: no bound (every request renders at once, as before the queue). */
  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  /** How many renders are under way and how many wait. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting };
  }

  /**
   * A place in line: `ready` resolves when this request may render; `release` gives the place
   * back (once the answer is sent, or on abort while still waiting). Null when the line is full.
   */
  enter(): Ticket | null {
    const free = this.limit === 0 || (this.running < this.limit && this.waiting === 0);
    if (!free && this.waiting >= this.maxWaiting) return null;
    let admit!: () => void;
    const ready = new Promise<void>((resolve) => {
      admit = resolve;
    });
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      // A ticket given back while it waited is skipped.
      if (state !== 'waiting') return;
      state = 'running';
      this.waiting--;
      this.running++;
      admit();
    };
    const ticket: Ticket = {
      ready,
      release: () => {
        const was = state;
        state = 'done';
        if (was === 'waiting') this.waiting--;
        if (was !== 'running') return;
        this.running--;
        this.handOver();
      },
    };
    this.waiting++;
    if (free) start();
    else this.line.push({ start });
    return ticket;
  }

  /**
   * The next renders start on the loop's next turn, not in the microtask that ended this one:
   * else a long line would render back to back without Node ever reading a socket or finishing
   * a response in between (the unfairness this queue is here to end).
   */
  private handOver(): void {
    if (this.handover || this.waiting === 0) return;
    this.handover = true;
    setImmediate(() => {
      this.handover = false;
      while (this.running < this.limit && this.head < this.line.length) this.line[this.head++]?.start();
      // Drop the part of the array already served, now and then, so it does not grow without end.
      if (this.head > 1024 && this.head * 2 > this.line.length) {
        this.line.splice(0, this.head);
        this.head = 0;
      }
    });
  }
}

export interface Ticket {
  ready: Promise<void>;
  release(): void;
}

const held = new WeakMap<FastifyRequest, Ticket>();

/**
 * Routes declared with `config: { pageCache: true }` render through the queue. Register after
 * the page cache's hooks (cache/http.ts), so a hit or a wait for someone else's render of the
 * same page answers before a place in line is taken.
 */
export function renderQueueHooks(app: FastifyInstance, queue: RenderQueue): void {
  if (queue.limit === 0) return;
  const admit: onRequestHookHandler = async (req, reply) => {
    if (reply.sent) return;
    const ticket = queue.enter();
    if (!ticket) return busy(reply);
    held.set(req, ticket);
    await ticket.ready;
  };
  const release = (req: FastifyRequest) => {
    held.get(req)?.release();
    held.delete(req);
  };
  // A place is held until the answer is written, its compression included: given back as soon
  // as the page was rendered, compressions piled up in the thread pool behind the next renders
  // and the tail was worse than with no bound at all (docs/benchmarks.md, "Fair under load").
  const done = async (req: FastifyRequest) => release(req);
  app.addHook('onRoute', (route) => {
    if (!route.config?.pageCache) return;
    route.onRequest = [...asArray(route.onRequest), admit];
    route.onResponse = [...asArray(route.onResponse), done];
    route.onRequestAbort = [...asArray(route.onRequestAbort), done];
  });
}

function busy(reply: FastifyReply) {
  return reply
    .code(503)
    .header('retry-after', '1')
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('Busy: please try again in a second.');
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

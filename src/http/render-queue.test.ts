import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { RenderQueue, renderQueueHooks, type Ticket } from './render-queue.js';

/** One turn of the event loop: the queue hands places over on the next turn, never sooner. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Which of the tickets may render now (their `ready` has resolved). */
async function started(tickets: Ticket[]): Promise<number[]> {
  const out: number[] = [];
  tickets.forEach((t, i) => {
    void t.ready.then(() => out.push(i));
  });
  await Promise.resolve(); // the `then`s above run for tickets already admitted
  await Promise.resolve();
  return out.sort((a, b) => a - b);
}

describe('render queue', () => {
  it('runs at most `limit` renders and admits the others in the order they came', async () => {
    const q = new RenderQueue(2, 100);
    const t = Array.from({ length: 5 }, () => q.enter() as Ticket);
    expect(await started(t)).toEqual([0, 1]);
    expect(q.size).toEqual({ running: 2, waiting: 3 });
    t[1]?.release();
    await nextTurn();
    expect(await started(t)).toEqual([0, 1, 2]);
    t[0]?.release();
    t[2]?.release();
    await nextTurn();
    expect(await started(t)).toEqual([0, 1, 2, 3, 4]);
    expect(q.size).toEqual({ running: 2, waiting: 0 });
  });

  it('hands a freed place over on the next turn of the loop, not in the same run of microtasks', async () => {
    const q = new RenderQueue(1, 100);
    const a = q.enter() as Ticket;
    const b = q.enter() as Ticket;
    let bStarted = false;
    void b.ready.then(() => {
      bStarted = true;
    });
    a.release();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(bStarted).toBe(false); // sockets get read and answers written before the next render
    await nextTurn();
    expect(bStarted).toBe(true);
  });

  it('lets no newcomer pass those already waiting while a place is being handed over', async () => {
    const q = new RenderQueue(1, 100);
    const a = q.enter() as Ticket;
    const b = q.enter() as Ticket;
    a.release(); // the place goes to b on the next turn
    const c = q.enter() as Ticket;
    await nextTurn();
    expect(await started([b, c])).toEqual([0]);
    expect(q.size).toEqual({ running: 1, waiting: 1 });
  });

  it('skips a request given up while it waited, and counts it out of the line', async () => {
    const q = new RenderQueue(1, 100);
    const t = [q.enter(), q.enter(), q.enter()] as Ticket[];
    t[1]?.release(); // the reader went away
    expect(q.size).toEqual({ running: 1, waiting: 1 });
    t[0]?.release();
    await nextTurn();
    expect(await started(t)).toEqual([0, 2]);
    t[1]?.release(); // giving it back twice changes nothing
    expect(q.size).toEqual({ running: 1, waiting: 0 });
  });

  it('refuses a place when the line is full, and has no bound with limit 0', async () => {
    const q = new RenderQueue(1, 2);
    expect([q.enter(), q.enter(), q.enter()].every((t) => t !== null)).toBe(true);
    expect(q.enter()).toBeNull();
    const open = new RenderQueue(0, 0);
    const many = Array.from({ length: 50 }, () => open.enter() as Ticket);
    expect(await started(many)).toHaveLength(50);
  });
});

describe('render queue hooks', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  /** An app with one page-cache route whose renders finish when the test says so. */
  async function app(limit: number, maxWaiting: number) {
    const gates: Array<() => void> = [];
    const entered: string[] = [];
    let onEnter: () => void = () => {};
    const server = Fastify();
    renderQueueHooks(server, new RenderQueue(limit, maxWaiting));
    server.get<{ Params: { id: string } }>('/p/:id', { config: { pageCache: true } }, async (req) => {
      entered.push(req.params.id);
      onEnter();
      await new Promise<void>((resolve) => gates.push(resolve));
      return `page ${req.params.id}`;
    });
    server.get('/other', async () => 'not a page');
    await server.ready();
    close = () => server.close();
    const whenEntered = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (entered.length >= n) resolve();
        };
        onEnter = check;
        check();
      });
    return { server, gates, entered, whenEntered };
  }

  it('renders pages one at a time in order, answers 503 when the line is full, and leaves other routes alone', async () => {
    const { server, gates, entered, whenEntered } = await app(1, 1);
    // `inject` starts on `then`: the requests below are under way before the test waits on them.
    const get = (url: string) => server.inject(url).then((r) => r);
    const a = get('/p/a');
    await whenEntered(1);
    const b = get('/p/b'); // waits in line
    const full = await server.inject('/p/c');
    expect(full.statusCode).toBe(503);
    expect(full.headers['retry-after']).toBe('1');
    expect((await server.inject('/other')).body).toBe('not a page');
    expect(entered).toEqual(['a']);
    gates.shift()?.();
    expect((await a).body).toBe('page a');
    await whenEntered(2);
    expect(entered).toEqual(['a', 'b']);
    gates.shift()?.();
    expect((await b).body).toBe('page b');
  });
});

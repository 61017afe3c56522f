import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { pgAdminUrl } from '../test/databases.js';
import { type Node, startTwoNodes, type TwoNodes } from '../test/nodes.js';
import { redisTestPrefix, redisTestUrl } from '../test/redis.js';
import { createCacheLayer } from './index.js';

const needed = pgAdminUrl && redisTestUrl;
if (!needed && process.env.CI === 'true' && process.env.MASTHEAD_TEST_DIALECTS === 'postgres') {
  throw new Error('CI=true: the several-nodes test needs PostgreSQL and Redis (npm run test:pg sets both)');
}

/**
 * How long a wait may take before the test fails: a safety net against a hang, not a speed limit.
 * How fast a change crosses nodes is measured by the benchmarks (bench/site.ts, bench/alerts.ts),
 * not here: a timed assertion fails on a loaded machine with nothing wrong.
 */
const BOUND = 15_000;

/** Waits until `ok()` holds, asking every 5 ms (vitest's bounded wait); fails with `what` after `timeout`. */
async function until(what: string, ok: () => Promise<boolean> | boolean, timeout = BOUND): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await ok())) throw new Error(`${what}: not after ${timeout} ms`);
    },
    { timeout, interval: 5 },
  );
}

/**
 * Listens on the nodes' Redis invalidation channel as a third party. `next(tag)`, called before a
 * write, resolves when a message naming `tag` goes out, or fails after BOUND: the write reached
 * the other nodes' ears, which is what they act on.
 */
async function invalidationChannel(prefix: string) {
  const { Redis } = await import('ioredis');
  const sub = new Redis(redisTestUrl as string);
  await sub.subscribe(`${prefix}invalidate`);
  return {
    next(tag: string): Promise<void> {
      const heard = new Promise<void>((resolve, reject) => {
        const onMessage = (_channel: string, raw: string) => {
          const { tags } = JSON.parse(raw) as { tags: string[] };
          if (!tags.includes(tag)) return;
          clearTimeout(timer);
          sub.off('message', onMessage);
          resolve();
        };
        const timer = setTimeout(() => {
          sub.off('message', onMessage);
          reject(new Error(`no invalidation naming ${tag} on the channel after ${BOUND} ms`));
        }, BOUND);
        sub.on('message', onMessage);
      });
      // Awaited after the write; a write that throws first must not leave it unhandled.
      heard.catch(() => {});
      return heard;
    },
    close: () => sub.disconnect(),
  };
}

describe.skipIf(!needed)('several app nodes on PostgreSQL and Redis', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let a: Node;
  let b: Node;
  let nodes: TwoNodes;
  let api: TwoNodes['api'];
  let channel: Awaited<ReturnType<typeof invalidationChannel>>;
  let sectionId: number;
  const deliveries: { type: string; id: number }[] = [];

  const page = async (node: Node, url: string) => {
    const res = await fetch(`${node.base}${url}`);
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text() };
  };

  beforeAll(async () => {
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const event = JSON.parse(body) as { type: string; data: { article: { id: number } } };
        deliveries.push({ type: event.type, id: event.data.article.id });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => {
      receiver.close();
    });
    nodes = await startTwoNodes({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    ({ a, b, api } = nodes);
    channel = await invalidationChannel(nodes.redisPrefix);
    cleanups.push(() => channel.close());
    sectionId = (await api(a, 'POST', '/sections', { slug: 'news', name: 'News' })).id as number;
    const port = (receiver.address() as { port: number }).port;
    await api(b, 'POST', '/webhooks', {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['article.published'],
    });
  }, 120_000);

  afterAll(async () => {
    await nodes?.close();
    for (const c of cleanups.reverse()) await c();
  });

  it('serves a correction saved on one node from the other once the invalidation goes out', async () => {
    const body = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    let story = await api(a, 'POST', '/articles', {
      headline: 'Bridge closed after inspection',
      sectionId,
      body: body('Engineers found cracks.'),
    });
    // Past the checks' warnings (no picture, dek or byline): this test is about caches.
    story = await api(a, 'POST', `/articles/${story.id}/transitions`, {
      action: 'publish',
      version: story.version,
      override: true,
    });
    const url = story.path as string;
    // Twice: the page node B caches again after the first correction is dropped by the second.
    for (let round = 1; round <= 2; round++) {
      // Node B has the page in its cache … (the publish's or last round's own invalidation
      // can reach B through Redis after B's first render, so wait until B holds it.)
      await until('node B keeps the page in its cache', async () => (await page(b, url)).cache === 'HIT');
      // … when node A saves a correction to the live story and applies it with Update (a save
      // alone goes to the story's working copy, which readers never see).
      const headline = `Bridge closed after inspection (correction ${round})`;
      const copy = await api(a, 'PUT', `/articles/${story.id}`, {
        headline,
        dek: '',
        body: body(`Engineers found cracks. Correction ${round}.`),
        sectionId,
        version: story.version,
      });
      const invalidated = channel.next(`article:${story.id}`);
      story = await api(a, 'POST', `/articles/${story.id}/transitions`, {
        action: 'update',
        version: (copy.workingCopy as { version: number }).version,
        override: true,
      });
      await invalidated;
      await until(`node B serves correction ${round}`, async () =>
        (await page(b, url)).body.includes(headline),
      );
    }
  });

  it("shows an alert raised on one node in the other node's cached pages, and drops it when withdrawn", async () => {
    const onB = (what: string, ok: () => Promise<boolean>) => until(`${what} on node B`, ok);
    for (let round = 1; round <= 2; round++) {
      await onB('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
      const text = `Storm warning, round ${round}`;
      let announced = channel.next('alerts');
      const alert = await api(a, 'POST', '/alerts', {
        text,
        level: 'breaking',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await announced;
      await onB('showing the alert', async () => (await page(b, '/')).body.includes(text));
      // The page was not rendered again for it: node B answers its stored copy with the banner in.
      expect((await page(b, '/')).cache).toBe('HIT');
      announced = channel.next('alerts');
      await api(a, 'POST', `/alerts/${alert.id}/withdraw`, {});
      await announced;
      await onB('dropping the alert', async () => !(await page(b, '/')).body.includes(text));
    }
  });

  it("refreshes the other node's curated front when a list is saved, or its scheduled version takes over", async () => {
    const onB = (what: string, ok: () => Promise<boolean>) => until(`${what} on node B`, ok);
    const publish = async (headline: string) => {
      const draft = await api(a, 'POST', '/articles', {
        headline,
        sectionId,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: headline }] }] },
      });
      return api(a, 'POST', `/articles/${draft.id}/transitions`, {
        action: 'publish',
        version: draft.version,
        override: true,
      });
    };
    const [one, two, three] = [
      await publish('Front pick one'),
      await publish('Front pick two'),
      await publish('Front pick three'),
    ];
    const lead = (body: string) => /data-list="home-pick"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    const pin = (id: unknown) => ({ source: { kind: 'manual' }, pins: [{ articleId: id }], variant: 'lead' });
    let list = await api(a, 'POST', '/fronts/lists', {
      slug: 'home-pick',
      front: 'home',
      definition: pin(one?.id),
    });
    await onB('showing the first pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick one'),
    );
    await onB('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    await onB('caching a story page', async () => (await page(b, one?.path as string)).cache === 'HIT');
    const saved = channel.next('front-list:home-pick');
    list = await api(a, 'PUT', '/fronts/lists/home-pick', {
      version: list.version,
      title: '',
      definition: pin(two?.id),
    });
    await saved;
    await onB('showing the new pick', async () => lead((await page(b, '/')).body).includes('Front pick two'));
    // Exactly the pages showing the list: the story page was not dropped.
    expect((await page(b, one?.path as string)).cache).toBe('HIT');
    // A version scheduled two seconds ahead takes over by the clock alone (one node's job).
    await onB('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    await api(a, 'PUT', '/fronts/lists/home-pick', {
      version: list.version,
      title: '',
      definition: pin(two?.id),
      scheduled: { at: new Date(Date.now() + 2000).toISOString(), definition: pin(three?.id) },
    });
    await onB('keeping the current pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick two'),
    );
    await onB('showing the scheduled pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick three'),
    );
  });

  it('serves an address added on one node from the other once announced, and stops serving a removed one', async () => {
    // Node's fetch sends the Host it was given a URL for; the gate reads the header, so ask raw.
    const onHost = (node: Node, host: string, url = '/') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.get(`${node.base}${url}`, { headers: { host } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
      });
    const onB = (what: string, ok: () => Promise<boolean>) => until(`${what} on node B`, ok);
    expect((await onHost(b, 'mirror-new.example.org')).status).toBe(421);
    // Node B holds its home page, footer and all, in its cache.
    await onB('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    let announced = channel.next('addresses');
    const s = await api(a, 'PUT', '/addresses', {
      alternates: ['https://mirror-new.example.org'],
      apps: [{ label: 'TV channel', url: 'https://tv.example.com/app' }],
      basedOn: null,
    });
    expect(s.source).toBe('settings');
    await announced;
    await onB(
      'serving the new address',
      async () => (await onHost(b, 'mirror-new.example.org')).status === 200,
    );
    await onB('showing it in the footer', async () =>
      (await page(b, '/')).body.includes('https://mirror-new.example.org/'),
    );
    expect((await page(b, '/')).body).toContain('TV channel');

    // And removed again: node B refuses it once it hears.
    announced = channel.next('addresses');
    await api(a, 'POST', '/addresses/reset', { basedOn: s.updatedAt });
    await announced;
    await onB(
      'refusing the removed address',
      async () => (await onHost(b, 'mirror-new.example.org')).status === 421,
    );
    expect((await page(b, '/')).body).not.toContain('mirror-new.example.org');
  });

  it('publishes a scheduled story once, and delivers its webhook once, with two nodes polling', async () => {
    const draft = await api(b, 'POST', '/articles', {
      headline: 'Scheduled across nodes',
      sectionId,
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Soon.' }] }] },
    });
    const at = new Date(Date.now() + 2000).toISOString();
    const scheduled = await api(b, 'POST', `/articles/${draft.id}/transitions`, {
      action: 'schedule',
      publishAt: at,
      version: draft.version,
      override: true,
    });
    expect(scheduled.status).toBe('scheduled');
    let path = '';
    await until(
      'the scheduler publishes the story',
      async () => {
        const now = await api(a, 'GET', `/articles/${draft.id}`);
        if (now.status === 'published') path = now.path as string;
        return path !== '';
      },
      10_000,
    );
    for (const node of [a, b]) expect((await page(node, path as string)).status).toBe(200);
    expect((await page(b, '/news')).body).toContain('Scheduled across nodes');
    expect((await page(a, '/news')).body).toContain('Scheduled across nodes');
    // Webhook delivery: wait until the log says it was delivered. A delivery is claimed with a
    // lease that counts the attempt and is never claimed again once delivered, so one attempt in
    // the log and one request received mean no other node sent it, then or later.
    type Delivery = { event_type: string; payload: string; status: string; attempts: number };
    const published = (list: Delivery[]) =>
      list.filter(
        (d) => d.event_type === 'article.published' && JSON.parse(d.payload).article.id === draft.id,
      );
    const log = async () =>
      published(
        ((await api(a, 'GET', '/webhooks/deliveries?limit=500')) as unknown as { deliveries: Delivery[] })
          .deliveries,
      ).map((d) => [d.status, d.attempts]);
    // vitest's bounded poll: asks the log until it says delivered, fails after 10 s.
    await expect.poll(log, { timeout: 10_000, interval: 50 }).toEqual([['delivered', 1]]);
    expect(deliveries.filter((d) => d.type === 'article.published' && d.id === draft.id)).toHaveLength(1);
    const revisions = (await api(a, 'GET', `/articles/${draft.id}/revisions`)) as unknown as {
      revisions: { by: string | null }[];
    };
    expect(revisions.revisions.filter((r) => r.by === 'scheduler')).toHaveLength(1);
  }, 30_000);

  it('serves an edition created on one node at its own host from the other once announced, its / apart', async () => {
    const onHost = (node: Node, host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.get(`${node.base}/`, { headers: { host } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
      });
    const host = 'es-nodes.example.com';
    expect((await onHost(b, host)).status).toBe(421);
    await until('caching the home page on node B', async () => (await page(b, '/')).cache === 'HIT');
    const announced = channel.next('site');
    await api(a, 'POST', '/editions', {
      code: 'es',
      language: 'es',
      name: 'Noticias de los Nodos',
      timeZone: 'Europe/Madrid',
      host,
    });
    await announced;
    await until('serving the edition host on node B', async () => {
      const r = await onHost(b, host);
      return r.status === 200 && r.body.includes('Noticias de los Nodos');
    });
    expect((await page(b, '/')).body).not.toContain('Noticias de los Nodos');
  });
});

describe.skipIf(!redisTestUrl)('the Redis invalidation channel', () => {
  it('passes invalidations between nodes, and empties a node whose channel dropped', async () => {
    const { prefix, cleanup } = redisTestPrefix();
    const config = loadConfig({
      MASTHEAD_DATA_DIR: os.tmpdir(),
      REDIS_URL: redisTestUrl as string,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    const quiet = { warn: () => {}, error: () => {} };
    const one = await createCacheLayer(config, quiet);
    const two = await createCacheLayer(config, quiet);
    try {
      const item = (tag: string) => ({ status: 200, headers: {}, body: Buffer.from('x'), tags: [tag] });
      await two.pages.store('/a', item('article:1'), two.pages.begin());
      await two.pages.store('/b', item('article:2'), two.pages.begin());
      // A change announced in node one reaches node two.
      const { announceChange } = await import('./index.js');
      const fakeDb = { isTransaction: false } as never;
      announceChange(fakeDb, ['article:1']);
      await until('node two drops /a', () => two.pages.get('/a') === undefined);
      expect(two.pages.get('/b')).toBeDefined();
      // Redis drops node two's subscription: when it is back, node two starts empty.
      const { Redis } = await import('ioredis');
      const admin = new Redis(redisTestUrl as string);
      await admin.client('KILL', 'TYPE', 'pubsub');
      admin.disconnect();
      await until('node two starts empty after the channel is back', () => two.pages.get('/b') === undefined);
      expect(two.connected()).toBe(true);
    } finally {
      await one.close();
      await two.close();
      await cleanup();
    }
  });
});

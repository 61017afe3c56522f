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
 * Milliseconds until `ok()` holds, asking every 5 ms (vitest's bounded wait): the latency these
 * tests measure. Fails with `what` after `timeout`.
 */
async function msUntil(what: string, ok: () => Promise<boolean> | boolean, timeout = 5000): Promise<number> {
  const started = Date.now();
  await vi.waitFor(
    async () => {
      if (!(await ok())) throw new Error(`${what} within ${timeout} ms`);
    },
    { timeout, interval: 5 },
  );
  return Date.now() - started;
}

describe.skipIf(!needed)('several app nodes on PostgreSQL and Redis', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let a: Node;
  let b: Node;
  let nodes: TwoNodes;
  let api: TwoNodes['api'];
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

  it('serves a correction saved on one node from the other within a second', async () => {
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
    const latencies: number[] = [];
    for (let round = 1; round <= 5; round++) {
      // Node B has the page in its cache … (the publish's or last round's own invalidation
      // can reach B through Redis after B's first render, so wait until B holds it.)
      await msUntil('node B keeps the page in its cache', async () => (await page(b, url)).cache === 'HIT');
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
      const saved = Date.now();
      story = await api(a, 'POST', `/articles/${story.id}/transitions`, {
        action: 'update',
        version: (copy.workingCopy as { version: number }).version,
        override: true,
      });
      await msUntil(`correction ${round} reaches node B`, async () =>
        (await page(b, url)).body.includes(headline),
      );
      latencies.push(Date.now() - saved);
    }
    console.info(`publish-to-visible across two nodes (ms): ${latencies.join(', ')}`);
    for (const ms of latencies) expect(ms).toBeLessThan(1000);
  });

  it("shows an alert raised on one node in the other node's cached pages within a second, and drops it when withdrawn", async () => {
    const until = (what: string, ok: () => Promise<boolean>) => msUntil(`${what} on node B`, ok);
    const raised: number[] = [];
    const withdrawn: number[] = [];
    for (let round = 1; round <= 3; round++) {
      await until('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
      const text = `Storm warning, round ${round}`;
      const started = Date.now();
      const alert = await api(a, 'POST', '/alerts', {
        text,
        level: 'breaking',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      await until('showing the alert', async () => (await page(b, '/')).body.includes(text));
      raised.push(Date.now() - started);
      // The page was not rendered again for it: node B answers its stored copy with the banner in.
      expect((await page(b, '/')).cache).toBe('HIT');
      const taken = Date.now();
      await api(a, 'POST', `/alerts/${alert.id}/withdraw`, {});
      await until('dropping the alert', async () => !(await page(b, '/')).body.includes(text));
      withdrawn.push(Date.now() - taken);
    }
    console.info(
      `alert raise-to-visible across two nodes (ms): ${raised.join(', ')}; withdraw: ${withdrawn.join(', ')}`,
    );
    for (const ms of [...raised, ...withdrawn]) expect(ms).toBeLessThan(1000);
  });

  it("refreshes the other node's curated front when a list is saved, or its scheduled version takes over", async () => {
    const until = (what: string, ok: () => Promise<boolean>, timeout?: number) =>
      msUntil(`${what} on node B`, ok, timeout);
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
    await until('showing the first pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick one'),
    );
    await until('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    await until('caching a story page', async () => (await page(b, one?.path as string)).cache === 'HIT');
    const started = Date.now();
    list = await api(a, 'PUT', '/fronts/lists/home-pick', {
      version: list.version,
      title: '',
      definition: pin(two?.id),
    });
    await until('showing the new pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick two'),
    );
    const saved = Date.now() - started;
    // Exactly the pages showing the list: the story page was not dropped.
    expect((await page(b, one?.path as string)).cache).toBe('HIT');
    // A version scheduled two seconds ahead takes over by the clock alone (one node's job).
    await until('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    await api(a, 'PUT', '/fronts/lists/home-pick', {
      version: list.version,
      title: '',
      definition: pin(two?.id),
      scheduled: { at: new Date(Date.now() + 2000).toISOString(), definition: pin(three?.id) },
    });
    await until('keeping the current pick', async () =>
      lead((await page(b, '/')).body).includes('Front pick two'),
    );
    await until(
      'showing the scheduled pick',
      async () => lead((await page(b, '/')).body).includes('Front pick three'),
      6000,
    );
    console.info(`front list save-to-visible across two nodes: ${saved} ms`);
    expect(saved).toBeLessThan(1000);
  });

  it('serves an address added on one node from the other at once, and stops serving a removed one', async () => {
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
    const until = (what: string, ok: () => Promise<boolean>) => msUntil(`${what} on node B`, ok);
    expect((await onHost(b, 'mirror-new.example.org')).status).toBe(421);
    // Node B holds its home page, footer and all, in its cache.
    await until('caching the home page', async () => (await page(b, '/')).cache === 'HIT');
    const saved = Date.now();
    const s = await api(a, 'PUT', '/addresses', {
      alternates: ['https://mirror-new.example.org'],
      apps: [{ label: 'TV channel', url: 'https://tv.example.com/app' }],
      basedOn: null,
    });
    expect(s.source).toBe('settings');
    const served = await until(
      'serving the new address',
      async () => (await onHost(b, 'mirror-new.example.org')).status === 200,
    );
    const footer = await until('showing it in the footer', async () =>
      (await page(b, '/')).body.includes('https://mirror-new.example.org/'),
    );
    expect((await page(b, '/')).body).toContain('TV channel');
    console.info(
      `address saved on A, served by B after ${served} ms, in B's footer after ${footer} ms (${Date.now() - saved} ms in all)`,
    );
    expect(Math.max(served, footer)).toBeLessThan(1000);

    // And removed again: node B refuses it at once.
    const removed = Date.now();
    await api(a, 'POST', '/addresses/reset', { basedOn: s.updatedAt });
    await until(
      'refusing the removed address',
      async () => (await onHost(b, 'mirror-new.example.org')).status === 421,
    );
    expect(Date.now() - removed).toBeLessThan(1000);
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
    await msUntil(
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

  it('serves an edition created on one node at its own host from the other at once, its / apart', async () => {
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
    await msUntil('caching the home page on node B', async () => (await page(b, '/')).cache === 'HIT');
    const created = Date.now();
    await api(a, 'POST', '/editions', {
      code: 'es',
      language: 'es',
      name: 'Noticias de los Nodos',
      timeZone: 'Europe/Madrid',
      host,
    });
    const served = await msUntil('serving the edition host on node B', async () => {
      const r = await onHost(b, host);
      return r.status === 200 && r.body.includes('Noticias de los Nodos');
    });
    console.info(`edition created on A, served at its host by B after ${served} ms`);
    expect(Date.now() - created).toBeLessThan(1000);
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
      await msUntil('node two drops /a', () => two.pages.get('/a') === undefined, 2000);
      expect(two.pages.get('/b')).toBeDefined();
      // Redis drops node two's subscription: when it is back, node two starts empty.
      const { Redis } = await import('ioredis');
      const admin = new Redis(redisTestUrl as string);
      await admin.client('KILL', 'TYPE', 'pubsub');
      admin.disconnect();
      await msUntil(
        'node two starts empty after the channel is back',
        () => two.pages.get('/b') === undefined,
      );
      expect(two.connected()).toBe(true);
    } finally {
      await one.close();
      await two.close();
      await cleanup();
    }
  });
});

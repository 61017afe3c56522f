import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPgDatabase, pgAdminUrl } from '../test/databases.js';
import { type Node, startNode } from '../test/nodes.js';
import { redisTestPrefix, redisTestUrl } from '../test/redis.js';
import { openSse } from '../test/sse.js';

const needed = pgAdminUrl && redisTestUrl;

describe.skipIf(!needed)('live coverage on two nodes (PostgreSQL and Redis)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let a: Node;
  let b: Node;
  let headers: Record<string, string>;

  const api = async (node: Node, method: string, url: string, body: unknown = {}) => {
    const res = await fetch(`${node.base}/api/admin${url}`, {
      method,
      headers: { ...headers, origin: node.base },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const doc = (text: string) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  beforeAll(async () => {
    const db = await createPgDatabase();
    cleanups.push(() => db.drop());
    const redis = redisTestPrefix();
    cleanups.push(() => redis.cleanup());
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisTestUrl as string,
      REDIS_PREFIX: redis.prefix,
      SITE_URL: 'http://127.0.0.1',
    };
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-live-node-')));
    cleanups.push(() => {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });
    // One after the other: the first creates the schema and the owner account.
    a = await startNode({ ...env, MASTHEAD_DATA_DIR: dirs[0] as string });
    cleanups.push(() => {
      a.child.kill('SIGTERM');
    });
    b = await startNode({ ...env, MASTHEAD_DATA_DIR: dirs[1] as string });
    cleanups.push(() => {
      b.child.kill('SIGTERM');
    });
    const password = /password: (\S+)/.exec(a.out())?.[1] as string;
    const login = await fetch(`${a.base}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    headers = {
      'content-type': 'application/json',
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'x-csrf-token': csrfToken,
    };
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('sends an entry posted on node A to a reader of node B, and purges B’s page', async () => {
    const section = await api(a, 'POST', '/sections', { slug: 'news', name: 'News' });
    let story = await api(a, 'POST', '/articles', {
      headline: 'Storm over the bay',
      sectionId: section.id,
      body: doc('Winds rising.'),
    });
    story = await api(a, 'POST', `/articles/${story.id}/transitions`, {
      action: 'publish',
      version: story.version,
      override: true,
    });
    await api(a, 'POST', `/articles/${story.id}/live/start`);
    const url = story.path as string;
    // Node B holds the page in its cache …
    await vi.waitFor(
      async () => {
        const res = await fetch(`${b.base}${url}`);
        await res.text();
        if (res.headers.get('x-cache') !== 'HIT') throw new Error('node B does not keep the page yet');
      },
      { timeout: 5000, interval: 20 },
    );
    // … and a reader on node B is connected.
    const reader = await openSse(`${b.base}/live/${story.id}/events?since=2099-01-01T00:00:00.000Z`);
    expect(reader.status).toBe(200);
    await reader.next();
    const entry = await api(a, 'POST', `/articles/${story.id}/live/entries`, {
      body: doc('Ferries stop running.'),
    });
    const event = await reader.next(5000);
    expect(JSON.parse(event.data).upserts.map((u: { id: number }) => u.id)).toEqual([entry.id]);
    const page = await fetch(`${b.base}${url}`);
    expect(await page.text()).toContain('Ferries stop running.');
    reader.close();
  });
});

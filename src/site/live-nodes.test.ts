import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgAdminUrl } from '../test/databases.js';
import { type Node, startTwoNodes, type TwoNodes } from '../test/nodes.js';
import { redisTestUrl } from '../test/redis.js';
import { openSse } from '../test/sse.js';

const needed = pgAdminUrl && redisTestUrl;

describe.skipIf(!needed)('live coverage on two nodes (PostgreSQL and Redis)', () => {
  let nodes: TwoNodes;
  let a: Node;
  let b: Node;
  let api: TwoNodes['api'];
  const doc = (text: string) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  beforeAll(async () => {
    nodes = await startTwoNodes();
    ({ a, b, api } = nodes);
  }, 120_000);

  afterAll(() => nodes?.close());

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

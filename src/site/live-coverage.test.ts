import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection, transitionArticle } from '../content/index.js';
import {
  deleteEntry,
  editEntry,
  endCoverage,
  type LiveWriter,
  postEntry,
  startCoverage,
} from '../live/index.js';
import { doc } from '../test/admin.js';
import { serveOnLoopback } from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { openSse } from '../test/sse.js';

/** The reader's side of live coverage: the page, entry permalinks, the cache, events, polling. */
describe('a live story for readers', () => {
  let env: TestEnv;
  let base: string;
  let story: { id: number; path: string };
  let clock = Date.parse('2026-12-06T10:00:00Z');
  const host = { host: 'news.example.com' };
  const by = (): LiveWriter => {
    clock += 1000;
    env.setNow(new Date(clock), { keepCache: true });
    return {
      id: null,
      email: 'r@example.com',
      label: 'user:1',
      name: 'Ana Lopes',
      now: new Date(clock).toISOString(),
    };
  };
  const read = (url: string) => env.app.inject({ method: 'GET', url, headers: host });

  beforeAll(async () => {
    env = await testEnv('sqlite', { LIVE_MAX_READERS: '3', LIVE_HEARTBEAT_SECONDS: '60' });
    env.setNow(new Date(clock));
    const now = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'world', name: 'World' }, now);
    const row = await createArticle(
      env.ctx.db,
      {
        headline: 'Eclipse over the valley',
        body: doc('The moon covers the sun at noon.'),
        sectionId: section.id,
        status: 'published',
      },
      { now, by: 'test', timeZone: 'Europe/Prague' },
    );
    story = { id: row.id, path: row.path as string };
    base = await serveOnLoopback(env.app);
  });
  afterAll(() => env?.close());

  it('shows badge, key points, pinned entries and the timeline, and reads as LiveBlogPosting', async () => {
    await startCoverage(env.ctx.db, story.id, by());
    const first = await postEntry(
      env.ctx.db,
      story.id,
      { title: 'Crowds gather', body: doc('Thousands on the hill.') },
      by(),
    );
    await postEntry(
      env.ctx.db,
      story.id,
      { body: doc('Totality in ten minutes.'), keyPoint: true, pinned: true },
      by(),
    );
    const res = await read(story.path);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('class="live-badge"');
    expect(html).toMatch(/<section class="live-key-points" id="live-key-points">.*Totality in ten minutes/s);
    expect(html).toMatch(/id="live-pinned">.*Totality/s);
    const timeline = html.slice(html.indexOf('id="live-timeline"'));
    expect(timeline.indexOf('Totality in ten minutes.')).toBeLessThan(
      timeline.indexOf('Thousands on the hill.'),
    );
    expect(timeline.indexOf('Totality in ten minutes.')).toBeGreaterThan(0);
    expect(html).toContain(`href="${story.path}/entry/${first.id}"`);
    expect(html).toContain('<script src="/assets/live.js" defer></script>');
    const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1] as string),
    );
    const posting = ld.find((d) => d['@type'] === 'LiveBlogPosting');
    expect(posting).toMatchObject({ coverageStartTime: expect.any(String) });
    expect(posting.coverageEndTime).toBeUndefined();
    expect(posting.liveBlogUpdate).toHaveLength(2);
    expect(posting.liveBlogUpdate[1]).toMatchObject({ '@type': 'BlogPosting', headline: 'Crowds gather' });
  });

  it('gives every entry a page with its own share card, 410 once deleted', async () => {
    const entry = await postEntry(
      env.ctx.db,
      story.id,
      { title: 'Birds fall silent', body: doc('The valley goes quiet.') },
      by(),
    );
    const page = await read(`${story.path}/entry/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '<meta property="og:title" content="Birds fall silent | Eclipse over the valley',
    );
    expect(page.body).toContain(
      `<meta property="og:url" content="https://news.example.com${story.path}/entry/${entry.id}"`,
    );
    expect(page.body).toContain('<meta name="twitter:description" content="The valley goes quiet."');
    expect(page.body).toContain('"@type":"BlogPosting"');
    await deleteEntry(env.ctx.db, story.id, entry.id, 1, by());
    expect((await read(`${story.path}/entry/${entry.id}`)).statusCode).toBe(410);
    expect((await read(`${story.path}/entry/999999`)).statusCode).toBe(404);
  });

  it('purges the cached page when an entry is posted', async () => {
    await read(story.path);
    expect((await read(story.path)).headers['x-cache']).toBe('HIT');
    await postEntry(env.ctx.db, story.id, { body: doc('Diamond ring seen.') }, by());
    const after = await read(story.path);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('Diamond ring seen.');
  });

  it('sends new entries to every reader with one database read per change, and polls from memory', async () => {
    const readers = await Promise.all(
      [1, 2, 3].map(() => openSse(`${base}/live/${story.id}/events?since=2099-01-01T00:00:00.000Z`, host)),
    );
    for (const r of readers) {
      expect(r.status).toBe(200);
      expect((await r.next()).event).toBe('update'); // where it stands: nothing after `since`
    }
    // The fourth is over LIVE_MAX_READERS: the page's script polls instead.
    const over = await openSse(`${base}/live/${story.id}/events`, host);
    expect(over.status).toBe(503);
    const hub = (env.app as unknown as { liveHub?: { reads: number } }).liveHub;
    if (!hub) throw new Error('the app keeps its live hub as liveHub');
    const readsBefore = hub.reads;
    const entry = await postEntry(env.ctx.db, story.id, { body: doc('Totality!'), keyPoint: true }, by());
    for (const r of readers) {
      const e = await r.next();
      const payload = JSON.parse(e.data);
      expect(payload.upserts.map((u: { id: number }) => u.id)).toEqual([entry.id]);
      expect(payload.upserts[0].html).toContain('Totality!');
      expect(payload.keyPoints).toContain('Totality!');
      expect(e.id).toBe(payload.since);
    }
    expect(hub.reads - readsBefore).toBe(1);
    await editEntry(
      env.ctx.db,
      story.id,
      entry.id,
      { version: 1, body: doc('Totality, for two minutes.') },
      by(),
    );
    for (const r of readers) expect((await r.next()).data).toContain('Totality, for two minutes.');

    const poll = await read(
      `/live/${story.id}/entries.json?since=${encodeURIComponent(new Date(clock - 1500).toISOString())}`,
    );
    expect(poll.json()).toMatchObject({ state: 'live', upserts: [{ id: entry.id }], removed: [] });

    await endCoverage(env.ctx.db, story.id, by());
    for (const r of readers) {
      let e = await r.next();
      while (e.event === 'update') e = await r.next();
      expect(e.event).toBe('end');
      await r.closed;
    }
    const page = (await read(story.path)).body;
    expect(page).not.toContain('class="live-badge"');
    expect(page).not.toContain('/assets/live.js');
    expect(page).toContain('How it unfolded');
    expect(page).toContain('"coverageEndTime"');
    // A reader arriving now is told at once that it is over.
    const late = await openSse(`${base}/live/${story.id}/events`, host);
    expect((await late.next()).event).toBe('end');
  });

  it('tells readers to stop when the story is unpublished, and keeps nothing for unknown stories', async () => {
    const now = env.ctx.now().toISOString();
    const row = await createArticle(
      env.ctx.db,
      {
        headline: 'Tide tables',
        body: doc('High water at six.'),
        sectionId: (await env.ctx.db.selectFrom('sections').select('id').executeTakeFirstOrThrow()).id,
        status: 'published',
      },
      { now, by: 'test', timeZone: 'Europe/Prague' },
    );
    await startCoverage(env.ctx.db, row.id, by());
    const reader = await openSse(`${base}/live/${row.id}/events`, host);
    expect((await reader.next()).event).toBe('update');
    await transitionArticle(
      env.ctx.db,
      row.id,
      { action: 'unpublish', expectedVersion: row.version },
      { by: 'test', timeZone: 'Europe/Prague', now: by().now },
    );
    let e = await reader.next();
    while (e.event === 'update') e = await reader.next();
    expect(e.event).toBe('end');
    await reader.closed;
    expect((await read('/live/999999/entries.json')).statusCode).toBe(404);
    expect((await read(`/live/${row.id}/entries.json`)).statusCode).toBe(404);
    expect((await read('/live/99999999999/entries.json')).statusCode).toBe(404);
    expect((await read(`${story.path}/entry/99999999999`)).statusCode).toBe(404);
    const stray = await openSse(`${base}/live/424242/events`, host);
    expect((await stray.next()).event).toBe('end');
    const hub = (env.app as unknown as { liveHub: { channels: Map<number, unknown> } }).liveHub;
    expect([...hub.channels.keys()]).not.toContain(424242);
    expect([...hub.channels.keys()]).not.toContain(row.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { addTestUser, call, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { bucketOf, createViewCounter, isBot, mostRead, siteViews, storyViews } from './index.js';
import { compactViews } from './queries.js';

const BROWSER =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const MIN = 60_000;
const HOUR = 60 * MIN;

async function rows(db: Db) {
  return db.selectFrom('story_views').selectAll().orderBy('article_id').orderBy('bucket').execute();
}

describe('bot rules', () => {
  it('tells readers from crawlers, previewers and scripts', () => {
    expect(isBot(BROWSER)).toBe(false);
    expect(
      isBot('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15'),
    ).toBe(false);
    for (const ua of [
      undefined,
      '',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'facebookexternalhit/1.1',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.32',
      'Slackbot-LinkExpanding 1.0',
      'TelegramBot (like TwitterBot)',
    ])
      expect(isBot(ua), String(ua)).toBe(true);
  });
});

describe('the counter in memory', () => {
  it('buckets views by five minutes and bounds what waits', () => {
    expect(bucketOf(new Date('2026-12-06T10:04:59.999Z'))).toBe('2026-12-06T10:00:00.000Z');
    expect(bucketOf(new Date('2026-12-06T10:05:00.000Z'))).toBe('2026-12-06T10:05:00.000Z');
    const c = createViewCounter({ maxKeys: 2 });
    const t = new Date('2026-12-06T10:00:00Z');
    c.record(1, t);
    c.record(1, t);
    c.record(2, t);
    c.record(3, t); // a third (story, bucket) pair: refused
    c.record(2, t); // an existing pair still counts
    expect(c.pending()).toBe(4);
    expect(c.dropped()).toBe(1);
  });
});

describe.each(testDialects())('story views (%s)', (dialect) => {
  let env: TestEnv;
  let f: Fixture;
  let t0: Date;
  const stories: Record<string, number> = {};

  beforeAll(async () => {
    env = await testEnv(dialect);
    f = await seedFixture(env.ctx, env.dir);
    stories.kremlin = (await f.publish({ headline: 'Kremlin reshuffle' }, 5)).id;
    stories.budget = (await f.publish({ headline: 'Budget vote', sectionId: f.sections.politics }, 4)).id;
    stories.match = (await f.publish({ headline: 'Cup final', sectionId: f.sections.sports }, 3)).id;
    t0 = new Date();
    env.setNow(t0);
  });
  afterAll(() => env.close());

  const beacon = (id: number | string, headers: Record<string, string> = { 'user-agent': BROWSER }) =>
    env.app.inject({ method: 'GET', url: `/views/${id}.gif`, headers });

  it('answers the beacon with an uncacheable pixel, no cookie, and counts only readers', async () => {
    const res = await beacon(stories.kremlin as number);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-accel-expires']).toBeUndefined();
    expect(res.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    await beacon(stories.kremlin as number, {
      'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    });
    await beacon(stories.kremlin as number, { 'user-agent': BROWSER, 'sec-purpose': 'prefetch' });
    expect(env.ctx.views.pending()).toBe(1);
    for (const bad of ['abc', '0', '-1', '1.png', '99999999999999']) {
      expect((await env.app.inject({ method: 'GET', url: `/views/${bad}` })).statusCode, bad).toBe(404);
    }
    expect(env.ctx.views.pending()).toBe(1);
    // The page carries the beacon: a cached copy of it still reports the view.
    const page = await env.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
  });

  it('writes the counts in one batch, adding to what other nodes wrote, and skips unknown stories', async () => {
    expect(await env.ctx.views.flush(env.ctx.db)).toBe(1);
    expect(env.ctx.views.pending()).toBe(0);
    // Two "nodes" (two counters) flush into the same rows at the same time.
    const a = createViewCounter();
    const b = createViewCounter();
    for (let i = 0; i < 40; i++) {
      a.record(stories.kremlin as number, t0);
      b.record(stories.kremlin as number, t0);
      a.record(stories.budget as number, new Date(t0.getTime() - 2 * HOUR));
      b.record(stories.match as number, new Date(t0.getTime() - 30 * MIN));
    }
    a.record(987654, t0); // no such story
    await Promise.all([a.flush(env.ctx.db), b.flush(env.ctx.db)]);
    const written = await rows(env.ctx.db);
    expect(written.find((r) => r.article_id === stories.kremlin)?.views).toBe(81);
    expect(written.some((r) => r.article_id === 987654)).toBe(false);
    const daily = await env.ctx.db.selectFrom('story_views_daily').selectAll().execute();
    expect(daily.reduce((n, d) => n + Number(d.views), 0)).toBe(161);
  });

  it('keeps the counts of a failed flush for the next one', async () => {
    const c = createViewCounter();
    c.record(stories.match as number, t0);
    c.record(stories.match as number, t0);
    const broken = {
      selectFrom: () => {
        throw new Error('database away');
      },
    } as unknown as Db;
    await expect(c.flush(broken)).rejects.toThrow('database away');
    expect(c.pending()).toBe(2);
    expect(await c.flush(env.ctx.db)).toBe(2);
  });

  it('lists the most read by window and section, public stories only', async () => {
    const now = env.ctx.now();
    const ids = async (window: 'hour' | 'day', sectionIds?: number[]) =>
      (await mostRead(env.ctx.db, { now, window, sectionIds, limit: 10 })).map((m) => [m.articleId, m.views]);
    // Budget's 40 views were two hours ago: in the day, not the hour.
    expect(await ids('hour')).toEqual([
      [stories.kremlin, 81],
      [stories.match, 42],
    ]);
    expect(await ids('day')).toEqual([
      [stories.kremlin, 81],
      [stories.match, 42],
      [stories.budget, 40],
    ]);
    expect(await ids('day', [f.sections.sports])).toEqual([[stories.match, 42]]);
    // Unpublished: gone from the list at once, though its counts stay.
    await env.ctx.db
      .updateTable('articles')
      .set({ status: 'unpublished' })
      .where('id', '=', stories.kremlin as number)
      .execute();
    expect((await ids('hour')).map(([id]) => id)).toEqual([stories.match]);
    await env.ctx.db
      .updateTable('articles')
      .set({ status: 'published' })
      .where('id', '=', stories.kremlin as number)
      .execute();
  });

  it("gives a story's and the site's views with their series", async () => {
    const now = env.ctx.now();
    const kremlin = await storyViews(env.ctx.db, stories.kremlin as number, now);
    expect(kremlin).toMatchObject({ lastHour: 81, last24h: 81, total: 81 });
    expect(kremlin.hourly).toHaveLength(48);
    expect(kremlin.hourly.at(-1)?.views).toBe(81);
    expect(kremlin.daily).toHaveLength(30);
    const site = await siteViews(env.ctx.db, now);
    expect(site).toMatchObject({ lastHour: 123, last24h: 163, total: 163 });
    expect(site.hourly.reduce((n, h) => n + h.views, 0)).toBe(163);
  });

  it('serves the most read through the Content API, validated', async () => {
    const get = (q: string) => env.app.inject({ method: 'GET', url: `/api/content/v1/most-read${q}` });
    const hour = await get('?window=hour&limit=1');
    expect(hour.statusCode, hour.body).toBe(200);
    expect(hour.headers['cache-control']).toBe('public, max-age=60');
    expect(hour.json()).toMatchObject({
      window: 'hour',
      section: null,
      data: [
        {
          id: stories.kremlin,
          headline: 'Kremlin reshuffle',
          views: 81,
          section: { name: 'Russia', path: 'news/politics/russia' },
        },
      ],
    });
    expect(hour.json().data[0].url).toMatch(/^https:\/\/news\.example\.com\/news\/politics\/russia\//);
    const politics = await get('?section=news/politics');
    expect(politics.json().data.map((d: { id: number }) => d.id)).toEqual([stories.kremlin, stories.budget]);
    for (const bad of ['?window=year', '?limit=0', '?limit=51', '?section=..%2Fx', '?other=1']) {
      const res = await get(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toBeTruthy();
    }
    expect((await get('?section=nowhere')).statusCode).toBe(404);
  });

  it("shows the newsroom the site's and a story's views", async () => {
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk', role: 'editor' });
    const desk = await signIn(env.app, 'desk@example.com');
    const site = await call(env.app, desk, 'GET', '/views?window=hour');
    expect(site.statusCode, site.body).toBe(200);
    expect(site.json()).toMatchObject({ lastHour: 123, window: 'hour' });
    expect(site.json().mostRead[0]).toMatchObject({ id: stories.kremlin, views: 81 });
    const one = await call(env.app, desk, 'GET', `/articles/${stories.kremlin}/views`);
    expect(one.json()).toMatchObject({ lastHour: 81, total: 81 });
    expect((await call(env.app, desk, 'GET', '/articles/999999/views')).statusCode).toBe(404);
    expect((await call(env.app, desk, 'GET', '/views?window=ever')).statusCode).toBe(400);
    expect((await call(env.app, null, 'GET', '/views')).statusCode).toBe(401);
  });

  it('drops five-minute buckets after eight days and keeps the totals', async () => {
    const later = new Date(t0.getTime() + 9 * 24 * HOUR);
    expect(await compactViews(env.ctx.db, later)).toBeGreaterThan(0);
    expect(await rows(env.ctx.db)).toEqual([]);
    expect((await storyViews(env.ctx.db, stories.kremlin as number, later)).total).toBe(81);
  });
});

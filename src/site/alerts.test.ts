import zlib from 'node:zlib';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRow, Role, WebhookDeliveryRow } from '../db/index.js';
import { addSubscription, bodyOf } from '../distribution/webhooks/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

/**
 * Breaking-news alerts end to end: the newsroom API, the banner on cached pages (put in as they
 * are served, the stored copy untouched), /alerts.json, the webhook outbox, expiry by the clock.
 */
const HOUR = 3_600_000;

describe.each(testDialects())('breaking-news alerts on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let story: ArticleRow;
  let sectionPath: string;
  const as: Partial<Record<Role, Session>> = {};
  const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
  const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });
  const raise = (s: Session, body: unknown) => call(env.app, s, 'POST', '/alerts', body);
  const count = async (table: 'alerts' | 'webhook_deliveries' | 'audit_log') =>
    Number(
      (
        await env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const bannerOf = (html: string) => cheerio.load(html)('.alert-banner');

  beforeAll(async () => {
    env = await testEnv(dialect, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    env.setNow(t0);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    for (const role of ['editor', 'author', 'contributor'] as Role[])
      as[role] = await signIn(env.app, `${role}@example.com`);
    await addSubscription(env.ctx, { url: 'http://127.0.0.1:9/hook', events: ['alert.raised'] });
    story = await fx.publish({ headline: 'Bridge reopens after repairs', slug: 'bridge-reopens' }, 2);
    const section = await env.ctx.db
      .selectFrom('sections')
      .select('path')
      .where('id', '=', fx.sections.world)
      .executeTakeFirstOrThrow();
    sectionPath = `/${section.path}`;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const editor = as.editor as Session;
    const expiresAt = at(2).toISOString();
    const before = [await count('alerts'), await count('webhook_deliveries'), await count('audit_log')];
    for (const body of [
      { text: '', expiresAt },
      { text: '   ', expiresAt },
      { text: 'x'.repeat(201), expiresAt },
      { text: 'two\nlines', expiresAt },
      { text: 'bell\u0007', expiresAt },
      { text: 'Flood warning' },
      { text: 'Flood warning', expiresAt: 'tomorrow' },
      { text: 'Flood warning', expiresAt: at(-1).toISOString() },
      { text: 'Flood warning', expiresAt: at(49).toISOString() },
      { text: 'Flood warning', expiresAt, level: 'urgent' },
      { text: 'Flood warning', expiresAt, link: 'javascript:alert(1)' },
      { text: 'Flood warning', expiresAt, link: '//evil.example/x' },
      { text: 'Flood warning', expiresAt, link: 'http://insecure.example/x' },
      { text: 'Flood warning', expiresAt, link: '/\\evil.example' },
      { text: 'Flood warning', expiresAt, extra: 1 },
    ]) {
      const res = await raise(editor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect([await count('alerts'), await count('webhook_deliveries'), await count('audit_log')]).toEqual(
      before,
    );
  });

  it('lets editors raise alerts, not contributors or authors', async () => {
    const body = { text: 'Not allowed', expiresAt: at(1).toISOString() };
    expect((await raise(as.contributor as Session, body)).statusCode).toBe(403);
    expect((await raise(as.author as Session, body)).statusCode).toBe(403);
    expect((await call(env.app, as.contributor as Session, 'POST', '/alerts/1/withdraw')).statusCode).toBe(
      403,
    );
    expect(await count('alerts')).toBe(0);
    const list = await call(env.app, as.contributor as Session, 'GET', '/alerts');
    expect(list.json()).toMatchObject({ alerts: [], allowed: { raise: false } });
  });

  it('puts the banner into pages cached before the alert, without re-rendering them', async () => {
    const pages = ['/', story.path as string, sectionPath];
    for (const url of pages) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      expect(bannerOf(first.body).length, url).toBe(0);
    }
    const stored = pages.map((url) => env.ctx.cache.pages.get(url));
    for (const entry of stored) expect(entry).toBeDefined();
    const etagBefore = (await get('/')).headers.etag;

    const res = await raise(as.editor as Session, {
      text: 'Storm closes <the> coast road',
      link: story.path,
      level: 'breaking',
      expiresAt: at(2).toISOString(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'breaking', current: true, link: story.path });

    for (const [i, url] of pages.entries()) {
      const page = await get(url);
      expect(page.headers['x-cache'], url).toBe('HIT');
      const banner = bannerOf(page.body);
      expect(banner.text(), url).toContain('Storm closes <the> coast road');
      expect(banner.find('a').attr('href')).toBe(story.path);
      expect(page.body).toContain('&lt;the&gt;');
      // The stored copy is the one from before: the banner was put in as the page was sent.
      expect(env.ctx.cache.pages.get(url), url).toBe(stored[i]);
    }
    const page = await get('/');
    expect(page.headers.etag).not.toBe(etagBefore);
    expect((await get('/', { 'if-none-match': etagBefore as string })).statusCode).toBe(200);
    expect((await get('/', { 'if-none-match': page.headers.etag as string })).statusCode).toBe(304);
  });

  it('sends the banner in every compressed variant, with the right length', async () => {
    const plain = await get('/');
    for (const [enc, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      const res = await get('/', { 'accept-encoding': enc });
      expect(res.headers['content-encoding']).toBe(enc);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(decode(res.rawPayload).toString()).toBe(plain.body);
      // The same page and banner: one validator for every encoding, as for any page.
      expect(res.headers.etag).toBe(plain.headers.etag);
    }
  });

  it('lists current alerts in /alerts.json with a short max-age and an ETag', async () => {
    const res = await get('/alerts.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(res.headers['cache-control'] as string)?.[1])).toBeLessThanOrEqual(30);
    expect(res.json().alerts).toEqual([
      expect.objectContaining({
        text: 'Storm closes <the> coast road',
        level: 'breaking',
        url: `https://news.example.com${story.path}`,
      }),
    ]);
    const again = await get('/alerts.json', { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
    const fragment = await get('/alerts/banner.html');
    expect(fragment.body).toContain('Storm closes');
    // The TV feed carries it too, and is kept no longer than the alert lasts.
    const roku = await get('/feeds/roku.json');
    expect(roku.json().alerts).toEqual([
      expect.objectContaining({ text: 'Storm closes <the> coast road', level: 'breaking' }),
    ]);
    expect(roku.headers['cache-control']).toMatch(/max-age=300\b/);
  });

  it('writes one alert.raised delivery in the alert transaction', async () => {
    // (bodyOf: what the subscriber receives; an internal link becomes an absolute URL.)
    const rows = await env.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_type', '=', 'alert.raised')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.payload as string)).toMatchObject({
      alert: { text: 'Storm closes <the> coast road', level: 'breaking' },
    });
    const sent = JSON.parse(bodyOf(rows[0] as WebhookDeliveryRow, 'https://news.example.com'));
    expect(sent).toMatchObject({
      type: 'alert.raised',
      data: {
        alert: { text: 'Storm closes <the> coast road', url: `https://news.example.com${story.path}` },
      },
    });
  });

  it('ends the banner when the clock passes expiry, with no write, and caps max-age by it', async () => {
    env.setNow(at(1.9995), { keepCache: true }); // 1.8 s before the end
    const fragment = await get('/alerts/banner.html');
    expect(fragment.headers['cache-control']).toContain('max-age=1');
    expect((await get('/feeds/roku.json')).headers['cache-control']).toBe('public, max-age=1');
    const home = env.ctx.cache.pages.get('/');
    env.setNow(at(2), { keepCache: true });
    const page = await get('/');
    expect(page.headers['x-cache']).toBe('HIT');
    expect(bannerOf(page.body).length).toBe(0);
    expect(env.ctx.cache.pages.get('/')).toBe(home);
    expect((await get('/alerts.json')).json().alerts).toEqual([]);
    expect((await get('/feeds/roku.json')).json().alerts).toBeUndefined();
  });

  it('withdraws an alert: the banner goes at once, the row stays', async () => {
    env.setNow(at(3), { keepCache: true });
    const raised = await raise(as.editor as Session, {
      text: 'Power cut in the north',
      level: 'developing',
      expiresAt: at(9).toISOString(),
    });
    expect(raised.statusCode).toBe(201);
    const id = raised.json().id as number;
    expect(bannerOf((await get(story.path as string)).body).text()).toContain('Developing');
    const res = await call(env.app, as.editor as Session, 'POST', `/alerts/${id}/withdraw`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ current: false });
    expect(bannerOf((await get(story.path as string)).body).length).toBe(0);
    expect((await call(env.app, as.editor as Session, 'POST', `/alerts/${id}/withdraw`)).statusCode).toBe(
      409,
    );
    expect((await call(env.app, as.editor as Session, 'POST', '/alerts/999999/withdraw')).statusCode).toBe(
      404,
    );
    const list = (await call(env.app, as.editor as Session, 'GET', '/alerts')).json();
    expect(list.alerts.map((a: { text: string }) => a.text)).toEqual([
      'Power cut in the north',
      'Storm closes <the> coast road',
    ]);
    expect(list.allowed.raise).toBe(true);
  });

  it('shows the banner on pages outside the page cache too', async () => {
    // ($& and $1 are text, not replacement patterns.)
    await raise(as.editor as Session, { text: 'Roads reopen $& $1', expiresAt: at(5).toISOString() });
    const res = await get('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(bannerOf(res.body).text()).toContain('Roads reopen $& $1');
    expect(bannerOf((await get('/')).body).text()).toContain('Roads reopen $& $1');
  });
});

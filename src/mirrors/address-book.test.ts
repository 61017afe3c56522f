import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { exportStatic } from '../export/export.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { ADDRESSES_KEY } from './address-book.js';

const ONION = 'http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';
const ENV = {
  SITE_ALTERNATE_URLS: 'https://env-mirror.example.org',
  SITE_APP_LINKS: 'TV channel|https://tv.example.com/app',
};

/**
 * The newsroom edits its alternate addresses and app links in the admin: what it saves is in
 * effect at the next request (host gate, footer, /mirrors.json, Onion-Location), on every page
 * already cached too, and bad lists change nothing.
 */
describe.each(testDialects())('alternate addresses as newsroom settings on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let admin: Session;
  let editor: Session;
  let articlePath: string;
  const get = (url: string, host = 'news.example.com') =>
    env.app.inject({ method: 'GET', url, headers: { host } });
  const footer = async (url = '/') => {
    const $ = cheerio.load((await get(url)).body);
    return {
      addresses: $('.footer-addresses a')
        .map((_, a) => $(a).attr('href'))
        .get(),
      apps: $('.footer-apps a')
        .map((_, a) => `${$(a).text()}|${$(a).attr('href')}`)
        .get(),
    };
  };
  const settings = async () => (await call(env.app, admin, 'GET', '/addresses')).json();
  const put = async (body: Record<string, unknown>) =>
    call(env.app, admin, 'PUT', '/addresses', { basedOn: (await settings()).updatedAt, ...body });

  beforeAll(async () => {
    env = await testEnv(dialect, ENV);
    fx = await seedFixture(env.ctx, env.dir);
    articlePath = (await fx.publish({ headline: 'Ferry service resumes' }, 2)).path!;
    await createRoleUsers(env.ctx);
    admin = await signIn(env.app, 'admin@example.com');
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  it("starts from the environment's addresses and says so; admins only", async () => {
    const s = await settings();
    expect(s).toMatchObject({
      primary: 'https://news.example.com',
      alternates: ['https://env-mirror.example.org'],
      apps: [{ label: 'TV channel', url: 'https://tv.example.com/app' }],
      onion: null,
      source: 'environment',
      updatedAt: null,
    });
    expect((await call(env.app, editor, 'GET', '/addresses')).statusCode).toBe(403);
    expect(
      (await call(env.app, editor, 'PUT', '/addresses', { alternates: [], apps: [], basedOn: null }))
        .statusCode,
    ).toBe(403);
    expect((await call(env.app, null, 'GET', '/addresses')).statusCode).toBe(401);
  });

  it('serves an added address at once and refuses a removed one at once, footers and caches included', async () => {
    // Warm the cache on the primary and the environment's mirror.
    for (const url of ['/', articlePath]) {
      await get(url);
      expect((await get(url, 'env-mirror.example.org')).headers['x-cache']).toBe('HIT');
    }
    expect((await get('/', 'new-mirror.example.net')).statusCode).toBe(421);
    expect((await get('/')).headers['onion-location']).toBeUndefined();

    const saved = await put({
      alternates: ['https://New-Mirror.example.net/', ONION],
      apps: [{ label: '  Android  ', url: 'https://play.example.com/masthead' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      alternates: ['https://new-mirror.example.net', ONION],
      apps: [{ label: 'Android', url: 'https://play.example.com/masthead' }],
      onion: ONION,
      source: 'settings',
    });

    // Every page cached before the save shows the new footer, with Onion-Location.
    for (const url of [articlePath, '/']) {
      const res = await get(url);
      expect(res.headers['x-cache'], url).not.toBe('HIT');
      expect(res.headers['onion-location']).toBe(`${ONION}${url}`);
      expect(await footer(url)).toEqual({
        addresses: ['https://news.example.com/', 'https://new-mirror.example.net/', `${ONION}/`],
        apps: ['Android|https://play.example.com/masthead'],
      });
    }
    // The gate: the new addresses are served, the dropped one is not, the primary still is.
    expect((await get(articlePath, 'new-mirror.example.net')).statusCode).toBe(200);
    expect((await get(articlePath, new URL(ONION).host)).statusCode).toBe(200);
    expect((await get(articlePath, 'env-mirror.example.org')).statusCode).toBe(421);
    expect((await get(articlePath, 'env-mirror.example.org')).body).toBe('');
    const doc = JSON.parse((await get('/mirrors.json')).body);
    expect(doc.alternates).toEqual(['https://new-mirror.example.net', ONION]);
    expect(doc.onion).toBe(ONION);
    expect(doc.mirrors.map((m: { url: string }) => m.url)).toEqual([
      'https://news.example.com',
      'https://new-mirror.example.net',
      ONION,
    ]);
    // The health screen lists what is in effect.
    const mirrors = (await call(env.app, admin, 'GET', '/mirrors')).json().mirrors;
    expect(mirrors.map((m: { url: string }) => m.url)).toEqual(
      doc.mirrors.map((m: { url: string }) => m.url),
    );
  });

  it('audits each change with what was added and removed', async () => {
    const entries = (await call(env.app, admin, 'GET', '/audit')).json().entries;
    const entry = entries.find((e: { action: string }) => e.action === 'addresses.update');
    expect(entry.details).toMatchObject({
      source: 'settings',
      addedAddresses: ['https://new-mirror.example.net', ONION],
      removedAddresses: ['https://env-mirror.example.org'],
      addedApps: ['Android|https://play.example.com/masthead'],
      removedApps: ['TV channel|https://tv.example.com/app'],
    });
  });

  it('refuses bad lists with a 400 naming the problem, and changes nothing', async () => {
    const before = await settings();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ alternates: ['https://a.example.org/news'], apps: [] }, /must not have a path/],
      [{ alternates: ['ftp://a.example.org'], apps: [] }, /plain http\(s\) address/],
      [{ alternates: ['https://user:pw@a.example.org'], apps: [] }, /plain http\(s\) address/],
      [{ alternates: ['not a url'], apps: [] }, /is not a URL/],
      [{ alternates: ['https://a.example.org', 'https://A.example.org/'], apps: [] }, /listed twice/],
      [{ alternates: ['https://news.example.com'], apps: [] }, /primary address/],
      [{ alternates: Array.from({ length: 201 }, (_, i) => `https://m${i}.example.org`), apps: [] }, /200/],
      [{ alternates: [], apps: [{ label: 'App', url: 'javascript:alert(1)' }] }, /http\(s\) address/],
      [{ alternates: [], apps: [{ label: ' ', url: 'https://a.example.org' }] }, /needs a label/],
      [{ alternates: [], apps: [{ label: 'A\u0007', url: 'https://a.example.org' }] }, /control/],
      [{ alternates: 'https://a.example.org', apps: [] }, /alternates/],
      [{ apps: [] }, /alternates/],
    ];
    for (const [body, message] of bad) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    const { updatedAt, ...rest } = await settings();
    expect({ updatedAt, ...rest }).toEqual(before);
    expect((await get('/', 'a.example.org')).statusCode).toBe(421);
  });

  it("refuses a save based on an older version (409) instead of dropping someone's addresses", async () => {
    const seen = (await settings()).updatedAt;
    const first = await call(env.app, admin, 'PUT', '/addresses', {
      alternates: ['https://first.example.org'],
      apps: [],
      basedOn: seen,
    });
    expect(first.statusCode).toBe(200);
    const second = await call(env.app, admin, 'PUT', '/addresses', {
      alternates: ['https://second.example.org'],
      apps: [],
      basedOn: seen,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect((await settings()).alternates).toEqual(['https://first.example.org']);
    expect((await get('/', 'second.example.org')).statusCode).toBe(421);
    // Starting from "the environment's" while the newsroom has its own is stale too.
    const fromEnv = await call(env.app, admin, 'PUT', '/addresses', {
      alternates: [],
      apps: [],
      basedOn: null,
    });
    expect(fromEnv.statusCode).toBe(409);
  });

  it('writes the addresses in effect into a static mirror, and rewrites every page when they change', async () => {
    const dir = path.join(env.dir, 'mirror');
    // Rendering threads open their own context: they read the same settings.
    await exportStatic(env.ctx, env.app, dir, { workers: 1 });
    const home = () => fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(home()).toContain('https://first.example.org/');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'mirrors.json'), 'utf8')).alternates).toEqual([
      'https://first.example.org',
    ]);
    await put({ alternates: ['https://fourth.example.org'], apps: [] });
    const again = await exportStatic(env.ctx, env.app, dir, { workers: 1 });
    expect(home()).toContain('https://fourth.example.org/');
    expect(home()).not.toContain('first.example.org');
    const story = fs.readFileSync(path.join(dir, articlePath.slice(1), 'index.html'), 'utf8');
    expect(story).toContain('https://fourth.example.org/');
    expect(again.pages).toBeGreaterThan(0);
  });

  it('is read by another node on the same database when it reloads, and a broken row falls back', async () => {
    const other = await createContext(env.ctx.config);
    try {
      expect(other.addresses.current().alternates).toEqual(['https://fourth.example.org']);
      await put({ alternates: ['https://third.example.org'], apps: [] });
      // Without Redis nothing tells it; with Redis the announcement does (nodes.test.ts).
      expect(other.addresses.current().alternates).toEqual(['https://fourth.example.org']);
      const before = other.addresses.current();
      expect((await other.addresses.reload()).alternates).toEqual(['https://third.example.org']);
      const again = other.addresses.current();
      expect(again).not.toBe(before);
      // Nothing changed: the same object, so whatever is keyed on it stays.
      expect(await other.addresses.reload()).toBe(again);
      // A row edited by hand into nonsense must not open the gate or take the site down.
      await env.ctx.db
        .updateTable('settings')
        .set({ value: JSON.stringify({ alternates: ['https://x.example.org/path'], apps: [] }) })
        .where('key', '=', ADDRESSES_KEY)
        .execute();
      expect(await other.addresses.reload()).toMatchObject({
        alternates: ['https://env-mirror.example.org'],
        source: 'environment',
      });
      await env.ctx.db
        .updateTable('settings')
        .set({ value: '{not json' })
        .where('key', '=', ADDRESSES_KEY)
        .execute();
      expect(await other.addresses.reload()).toMatchObject({
        alternates: ['https://env-mirror.example.org'],
        source: 'environment',
      });
    } finally {
      await other.close();
    }
  });

  it("goes back to the environment's addresses on reset", async () => {
    await env.ctx.addresses.reload();
    const res = await call(env.app, admin, 'POST', '/addresses/reset', {
      basedOn: (await settings()).updatedAt,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'environment',
      alternates: ['https://env-mirror.example.org'],
      updatedAt: null,
    });
    expect((await get(articlePath, 'env-mirror.example.org')).statusCode).toBe(200);
    expect((await get(articlePath, 'third.example.org')).statusCode).toBe(421);
    expect((await footer()).apps).toEqual(['TV channel|https://tv.example.com/app']);
    expect((await get('/')).headers['onion-location']).toBeUndefined();
  });
});

/**
 * Real nginx (Debian's nginx-light) in front of the app, with the configuration
 * `masthead nginx-config` prints: nginx answers what the app answers, byte for byte and header for
 * header; a publish deletes nginx's copies; with the app gone, every public answer nginx kept is
 * still there and the rest is a clear 503; unknown hosts get 421.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app.js';
import { updateArticle } from '../content/articles.js';
import { articleInputOf, raiseAlert, withdrawAlert } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { createPgDatabase, testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { tcpRelay } from '../test/tcp-relay.js';
import { createEdition } from '../editions/index.js';
import { nginxConfig, UNAVAILABLE_HTML } from './nginx.js';
import { endCoverage, postEntry, startCoverage } from '../live/index.js';
import { openSse } from '../test/sse.js';

const NGINX = '/usr/sbin/nginx';
const ONION = 'http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';
const HOST = 'news.example.com';
/** An edition on a host of its own (src/editions), created by the last test. */
const EDITION_HOST = 'es.example.com';

const present = fs.existsSync(NGINX);
if (!present && process.env.CI === 'true')
  throw new Error(`${NGINX} is missing: .ci/run installs nginx-light`);
if (!present) console.warn(`skipping the nginx tests: ${NGINX} is missing (apt-get install nginx-light)`);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(port: number, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: url, headers: { host: HOST, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Headers that belong to the connection or the server, not the answer: compared nowhere.
 * Content-Length is compared when the app sends one (a streamed rendition is chunked from the
 * app and has a length from nginx's copy: the same bytes either way).
 */
const PER_CONNECTION = new Set(['date', 'server', 'connection', 'keep-alive', 'transfer-encoding']);

function comparable(a: Answer, withLength: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(a.headers)) {
    if (PER_CONNECTION.has(name) || value === undefined) continue;
    if (name === 'content-length' && !withLength) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * nginx with the printed configuration, all in `base` (one process, no daemon, pid, logs and
 * temp files there), in front of the app on `appPort`; resolves once it answers.
 */
async function startNginx(
  base: string,
  port: number,
  appPort: number,
  siteUrl: string,
): Promise<ChildProcess> {
  for (const d of ['logs', 'tmp', 'cache']) fs.mkdirSync(path.join(base, d), { recursive: true });
  const site = nginxConfig({
    siteUrl,
    listen: `127.0.0.1:${port}`,
    upstreams: [`127.0.0.1:${appPort}`],
    cacheDir: path.join(base, 'cache'),
    serverNames: [HOST, new URL(ONION).host, EDITION_HOST],
    onion: ONION,
    maxSize: '1g',
    editionHosts: [{ host: EDITION_HOST, code: 'es' }],
  });
  fs.writeFileSync(path.join(base, 'site.conf'), site);
  fs.writeFileSync(
    path.join(base, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${base}/nginx.pid;
error_log ${base}/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${base}/tmp/body;
    proxy_temp_path ${base}/tmp/proxy;
    fastcgi_temp_path ${base}/tmp/fastcgi;
    uwsgi_temp_path ${base}/tmp/uwsgi;
    scgi_temp_path ${base}/tmp/scgi;
    include ${base}/site.conf;
}
`,
  );
  const nginx = spawn(NGINX, ['-p', base, '-c', path.join(base, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  nginx.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  // vitest's bounded wait: asks until nginx answers, fails after 10 s.
  await vi.waitFor(
    async () => {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      expect((await request(port, '/robots.txt')).status).toBe(200);
    },
    { timeout: 10_000, interval: 50 },
  );
  return nginx;
}

describe.skipIf(!present)('nginx in front of the app', () => {
  let env: TestEnv;
  let fx: Fixture;
  let story: ArticleRow;
  let app: FastifyInstance;
  let appPort: number;
  let nginxPort: number;
  let nginx: ChildProcess | null = null;
  let dir: string;

  const viaNginx = (url: string, headers: Record<string, string> = {}) => request(nginxPort, url, headers);
  const direct = (url: string, headers: Record<string, string> = {}) => request(appPort, url, headers);

  const listen = async (a: FastifyInstance) => {
    await a.listen({ host: '127.0.0.1', port: appPort });
  };

  const retitle = async (row: ArticleRow, headline: string) => {
    const current = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    await updateArticle(
      env.ctx.db,
      row.id,
      { ...(await articleInputOf(env.ctx.db, current)), headline },
      { expectedVersion: current.version, timeZone: 'Europe/Prague', now: env.ctx.now().toISOString() },
    );
  };

  let storyPath: string;
  let rendition: string;
  // What a reader visits before the outage: every kind of public answer nginx keeps.
  let visited: string[];

  beforeAll(async () => {
    const base = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'masthead-nginx-'));
    dir = base;
    env = await testEnv('sqlite', {
      ORIGIN_CACHE_DIR: path.join(base, 'cache'),
      SITE_ALTERNATE_URLS: ONION,
    });
    fx = await seedFixture(env.ctx, env.dir);
    story = await fx.publish({ headline: 'Harbour reopens after storm' });
    await fx.publish({ headline: 'Council approves the budget', sectionId: fx.sections.world }, 2);
    storyPath = story.path as string;
    rendition = `/media/${fx.image}/640.webp`;
    visited = [
      '/',
      storyPath,
      '/news',
      '/news?page=1',
      '/feed.xml',
      '/feeds/all/atom.xml',
      '/sitemap.xml',
      '/robots.txt',
      '/mirrors.json',
      rendition,
      '/assets/logo.png',
      '/assets/search.js',
    ];

    appPort = await freePort();
    nginxPort = await freePort();
    app = env.app;
    await listen(app);

    nginx = await startNginx(base, nginxPort, appPort, env.ctx.config.site.url);
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await app?.close().catch(() => {});
    await env?.ctx.close().catch(() => {});
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const ENCODINGS: Record<string, string>[] = [
    { 'accept-encoding': 'gzip, deflate, br' },
    { 'accept-encoding': 'gzip' },
    {},
  ];

  it('answers what the app answers: the same bytes and headers, from its own copy', async () => {
    for (const url of visited) {
      for (const enc of ENCODINGS) {
        await viaNginx(url, enc); // nginx asks the app and keeps the answer
        const fromNginx = await viaNginx(url, enc);
        await direct(url, enc); // the app's own copy in memory, where it keeps one
        const fromApp = await direct(url, enc);
        const what = `${url} ${JSON.stringify(enc)}`;
        expect(fromNginx.status, what).toBe(200);
        expect(fromNginx.body.equals(fromApp.body), what).toBe(true);
        const withLength = fromApp.headers['content-length'] !== undefined;
        expect(comparable(fromNginx, withLength), what).toEqual(comparable(fromApp, withLength));
        // nginx's file for it is there, named by the key nginx sent the app.
        const key = `${enc['accept-encoding']?.includes('br') ? 'br' : enc['accept-encoding'] ? 'gzip' : ''}:${url}`;
        expect(fs.existsSync(env.ctx.cache.origin?.fileOf(key) ?? ''), what).toBe(true);
      }
    }
    // The headers that matter to readers and CDNs, named so a missing one fails here.
    const page = await viaNginx(storyPath, { 'accept-encoding': 'gzip' });
    for (const name of [
      'content-type',
      'content-security-policy',
      'cache-control',
      'etag',
      'surrogate-key',
      'cache-tag',
      'vary',
      'content-encoding',
      'x-content-type-options',
      'referrer-policy',
      'strict-transport-security',
      'onion-location',
    ])
      expect(page.headers[name], name).toBeDefined();
    expect(page.headers['x-cache']).toBe('HIT');
    expect(page.headers['onion-location']).toBe(`${ONION}${storyPath}`);
    // A tracking query shares the page's copy; Onion-Location still names the URL asked for.
    const tracked = await viaNginx(`${storyPath}?utm_source=x`);
    expect(tracked.headers['x-cache']).toBe('HIT');
    expect(tracked.headers['onion-location']).toBe(`${ONION}${storyPath}?utm_source=x`);
    // A conditional request gets 304 from nginx's copy, as from the app.
    const again = await viaNginx(storyPath, { 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('a publish deletes the copies that show the story, and nginx serves the new version', async () => {
    const gzipKey = `gzip:${storyPath}`;
    const file = env.ctx.cache.origin?.fileOf(gzipKey) as string;
    expect(fs.existsSync(file)).toBe(true);
    const untouched = env.ctx.cache.origin?.fileOf(':/mirrors.json') as string;
    await retitle(story, 'Harbour reopens a week after the storm');
    await expect.poll(() => fs.existsSync(file), { timeout: 5000, interval: 20 }).toBe(false);
    expect(fs.existsSync(untouched)).toBe(true); // /mirrors.json does not show the story
    const page = await viaNginx(storyPath, { 'accept-encoding': 'gzip' });
    const home = await viaNginx('/');
    expect(zlibText(page)).toContain('Harbour reopens a week after the storm');
    expect(home.body.toString()).toContain('Harbour reopens a week after the storm');
    expect(fs.existsSync(file)).toBe(true); // kept again
    const fresh = await fx.publish({ headline: 'Ferry timetable returns to normal' }, 0.5);
    await expect
      .poll(async () => (await viaNginx('/feed.xml')).body.toString(), { timeout: 5000, interval: 20 })
      .toContain('Ferry timetable returns to normal');
    visited.push(fresh.path as string);
    for (const url of visited) for (const enc of ENCODINGS) await viaNginx(url, enc);
  });

  it('passes live coverage events straight through, to every reader at once', async () => {
    const by = {
      id: null,
      email: 'r@example.com',
      label: 'user:1',
      name: 'Reporter',
      now: env.ctx.now().toISOString(),
    };
    // Another story than the one the next tests expect nginx to keep: only its own page is purged.
    const other = await env.ctx.db
      .selectFrom('articles')
      .select('id')
      .where('headline', '=', 'Council approves the budget')
      .executeTakeFirstOrThrow();
    await startCoverage(env.ctx.db, other.id, by);
    const url = `http://127.0.0.1:${nginxPort}/live/${other.id}/events?since=2099-01-01T00:00:00.000Z`;
    const readers = [await openSse(url, { host: HOST }), await openSse(url, { host: HOST })];
    // Not held back by nginx's cache lock (5 s) nor buffered: the first event comes at once.
    for (const r of readers) expect((await r.next(2000)).event).toBe('update');
    const entry = await postEntry(
      env.ctx.db,
      other.id,
      {
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ferries back.' }] }],
        },
      },
      by,
    );
    for (const r of readers) expect(JSON.parse((await r.next(2000)).data).upserts[0].id).toBe(entry.id);
    for (const r of readers) r.close();
    await endCoverage(env.ctx.db, other.id, by);
  });

  it('an alert deletes the pages nginx keeps (not feeds), which come back with the banner', async () => {
    const page = env.ctx.cache.origin?.fileOf(`gzip:${storyPath}`) as string;
    const feed = env.ctx.cache.origin?.fileOf(':/feed.xml') as string;
    expect(fs.existsSync(page)).toBe(true);
    const by = { id: null, email: 'test', label: 'test', now: env.ctx.now().toISOString() };
    const expiresAt = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const alert = await raiseAlert(env.ctx.db, { text: 'Gale warning for the coast', expiresAt }, by);
    await expect.poll(() => fs.existsSync(page), { timeout: 5000, interval: 20 }).toBe(false);
    expect(fs.existsSync(feed)).toBe(true); // a feed shows no banner
    const shown = await viaNginx(storyPath, { 'accept-encoding': 'gzip' });
    expect(zlibText(shown)).toContain('Gale warning for the coast');
    expect((await viaNginx('/')).body.toString()).toContain('Gale warning for the coast');
    await withdrawAlert(env.ctx.db, alert.id, by);
    await expect
      .poll(async () => (await viaNginx('/')).body.toString(), { timeout: 5000, interval: 20 })
      .not.toContain('Gale warning for the coast');
    for (const url of visited) for (const enc of ENCODINGS) await viaNginx(url, enc);
  });

  it('survives the app: kept answers stay, the rest is a clear 503; the app back, publishing refreshes', async () => {
    const before = new Map<string, Buffer>();
    for (const url of visited) before.set(url, (await viaNginx(url)).body);
    await app.close();
    await expect.poll(async () => (await direct('/').catch(() => null))?.status ?? 'down').toBe('down');

    for (const url of visited) {
      for (const enc of ENCODINGS) {
        const a = await viaNginx(url, enc);
        expect(a.status, `${url} ${JSON.stringify(enc)}`).toBe(200);
      }
      expect((await viaNginx(url)).body.equals(before.get(url) as Buffer), url).toBe(true);
    }
    for (const url of [
      '/admin',
      '/admin/stories',
      '/api/admin/session',
      '/api/content/v1/articles',
      '/search?q=harbour',
      '/news/world',
    ]) {
      const a = await viaNginx(url);
      expect(a.status, url).toBe(503);
      expect(a.body.toString(), url).toBe(UNAVAILABLE_HTML);
      expect(a.headers['retry-after'], url).toBe('30');
      expect(a.headers['cache-control'], url).toBe('no-store');
    }

    app = await buildApp(env.ctx);
    await listen(app);
    await retitle(story, 'Harbour reopens to all shipping');
    await expect
      .poll(async () => (await viaNginx(storyPath)).body.toString(), { timeout: 5000, interval: 20 })
      .toContain('Harbour reopens to all shipping');
    const admin = await viaNginx('/admin');
    expect(admin.status).toBe((await direct('/admin')).status);
    expect(admin.body.toString()).not.toBe(UNAVAILABLE_HTML);
  });

  it("never answers an imported site's old short link (/?p=ID) with its copy of the home page", async () => {
    await viaNginx('/');
    expect((await viaNginx('/')).status).toBe(200);
    const old = await viaNginx('/?p=424242');
    expect(old.status).toBe(404); // no import made a story of post 424242: the app's 404
    expect(old.status).toBe((await direct('/?p=424242')).status);
  });

  it('refuses hosts the site does not serve with 421, as the app does', async () => {
    const a = await viaNginx('/', { host: 'elsewhere.example' });
    const b = await direct('/', { host: 'elsewhere.example' });
    expect(a.status).toBe(421);
    expect(b.status).toBe(421);
    expect(a.body.length).toBe(0);
    expect(a.headers['cache-control']).toBe('no-store');
  });

  it('keeps an edition’s own home at / on its host apart from the site’s, both dropped by a publish', async () => {
    await createEdition(
      env.ctx.db,
      env.ctx.config.site,
      {
        code: 'es',
        language: 'es',
        name: 'Noticias del Puerto',
        timeZone: 'Europe/Madrid',
        host: EDITION_HOST,
      },
      env.ctx.now().toISOString(),
    );
    const es = { host: EDITION_HOST, 'accept-encoding': 'gzip' };
    await viaNginx('/', es);
    const kept = await viaNginx('/', es);
    expect(kept.status).toBe(200);
    expect(kept.headers['x-cache']).toBe('HIT');
    expect(zlibText(kept)).toContain('Noticias del Puerto');
    await viaNginx('/', { 'accept-encoding': 'gzip' });
    const site = await viaNginx('/', { 'accept-encoding': 'gzip' });
    expect(site.headers['x-cache']).toBe('HIT');
    expect(zlibText(site)).not.toContain('Noticias del Puerto');
    // Two files: the site's under its key as ever, the edition's under its own.
    const siteFile = env.ctx.cache.origin?.fileOf('gzip:/') ?? '';
    const esFile = env.ctx.cache.origin?.fileOf('gzip:@es/') ?? '';
    expect(fs.existsSync(siteFile)).toBe(true);
    expect(fs.existsSync(esFile)).toBe(true);
    await fx.publish({ headline: 'Ferry timetable for the winter' });
    await expect
      .poll(() => fs.existsSync(siteFile) || fs.existsSync(esFile), { timeout: 5000, interval: 20 })
      .toBe(false);
  });
});

describe.skipIf(!present || !testDialects().includes('postgres'))(
  'nginx in front while the database is stopped',
  () => {
    it("keeps answering what it holds; the rest is the app's own 503; a publish after refreshes", async () => {
      const pgDb = await createPgDatabase();
      const target = new URL(pgDb.url);
      const relay = await tcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
      target.port = String(relay.port);
      const base = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'masthead-nginx-db-'));
      const env = await testEnv('sqlite', {
        DATABASE_URL: target.toString(),
        ORIGIN_CACHE_DIR: path.join(base, 'cache'),
        SITE_ALTERNATE_URLS: ONION,
      });
      let nginx: ChildProcess | null = null;
      try {
        const fx = await seedFixture(env.ctx, env.dir);
        const story = await fx.publish({ headline: 'Night ferry keeps running' });
        const appPort = await freePort();
        const port = await freePort();
        await env.app.listen({ host: '127.0.0.1', port: appPort });
        nginx = await startNginx(base, port, appPort, env.ctx.config.site.url);
        const kept = ['/', story.path as string, '/feed.xml', '/sitemap.xml', `/media/${fx.image}/320.jpg`];
        const before = new Map<string, Buffer>();
        for (const url of kept) before.set(url, (await request(port, url)).body);

        await relay.down();
        for (const url of kept) {
          const a = await request(port, url);
          expect(a.status, url).toBe(200);
          expect(a.body.equals(before.get(url) as Buffer), url).toBe(true);
        }
        // Not held by nginx: the app answers as it does without nginx (its 503 page), passed on.
        const unheld = await request(port, '/news/world');
        expect(unheld.status).toBe(503);
        expect(unheld.body.toString()).not.toBe(UNAVAILABLE_HTML);

        await relay.up();
        const current = await env.ctx.db
          .selectFrom('articles')
          .selectAll()
          .where('id', '=', story.id)
          .executeTakeFirstOrThrow();
        await updateArticle(
          env.ctx.db,
          story.id,
          { ...(await articleInputOf(env.ctx.db, current)), headline: 'Night ferry adds a second boat' },
          { expectedVersion: current.version, timeZone: 'Europe/Prague', now: env.ctx.now().toISOString() },
        );
        await expect
          .poll(async () => (await request(port, story.path as string)).body.toString(), {
            timeout: 5000,
            interval: 20,
          })
          .toContain('Night ferry adds a second boat');
      } finally {
        nginx?.kill('SIGTERM');
        await env.close();
        await relay.close();
        await pgDb.drop();
        fs.rmSync(base, { recursive: true, force: true });
      }
    });
  },
);

function zlibText(a: Answer): string {
  return a.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(a.body).toString() : a.body.toString();
}

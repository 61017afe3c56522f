import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

const ONION = 'http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';
const MIRRORS = {
  SITE_ALTERNATE_URLS: `https://mirror-one.example.org, https://news-two.example.net:8443,${ONION}`,
  SITE_APP_LINKS: 'TV channel|https://tv.example.com/app,Android|https://play.example.com/masthead',
  TRUSTED_PROXIES: '10.0.0.0/8,192.0.2.7',
};
const EVIL = 'evil.attacker.test';

describe.each(testDialects())('alternate addresses on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let articlePath: string;
  const get = (url: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
    env.app.inject({ method: 'GET', url, headers, ...(remoteAddress ? { remoteAddress } : {}) });

  beforeAll(async () => {
    env = await testEnv(dialect, MIRRORS);
    fx = await seedFixture(env.ctx, env.dir);
    const a = await fx.publish({ headline: 'Budget passes', tags: ['Budget'] }, 2);
    articlePath = a.path!;
  });
  afterAll(() => env?.close());

  it('answers an unknown Host with 421, an empty body and no echo', async () => {
    for (const host of [
      EVIL,
      `${EVIL}:443`,
      'news.example.com.evil.test',
      '[::2]',
      'bad host',
      '127.0.0.1.evil.test',
    ]) {
      const res = await get(articlePath, { host });
      expect(res.statusCode, host).toBe(421);
      expect(res.body).toBe('');
      expect(JSON.stringify(res.headers)).not.toContain('evil');
    }
  });

  it('serves the primary, every alternate (any case, port, trailing dot) and loopback', async () => {
    for (const host of [
      'news.example.com',
      'NEWS.example.com.',
      'mirror-one.example.org:443',
      'news-two.example.net:8443',
      new URL(ONION).host,
      'localhost:3000',
      '127.0.0.1',
      '[::1]:80',
    ]) {
      expect((await get(articlePath, { host })).statusCode, host).toBe(200);
    }
  });

  it('believes X-Forwarded-Host only from a trusted proxy', async () => {
    // A client cannot smuggle a host past the policy…
    const direct = await get('/', { host: 'news.example.com', 'x-forwarded-host': EVIL }, '203.0.113.9');
    expect(direct.statusCode).toBe(200);
    expect(direct.body).not.toContain(EVIL);
    // …and a trusted proxy's answer is checked like a Host header.
    const viaProxy = await get('/', { host: 'app:3000', 'x-forwarded-host': EVIL }, '10.1.2.3');
    expect(viaProxy.statusCode).toBe(421);
    const goodProxy = await get(
      '/',
      { host: 'app:3000', 'x-forwarded-host': 'mirror-one.example.org, proxy.internal' },
      '::ffff:192.0.2.7',
    );
    expect(goodProxy.statusCode).toBe(200);
    // An untrusted peer's forwarded host is ignored, so its own Host decides.
    const untrusted = await get('/', { host: EVIL, 'x-forwarded-host': 'news.example.com' }, '203.0.113.9');
    expect(untrusted.statusCode).toBe(421);
  });

  it('sends byte-identical pages on every address (one cached copy serves all)', async () => {
    for (const url of ['/', articlePath, '/news', '/tag/budget', '/author/anna-kovalenko', '/mirrors.json']) {
      const bodies = new Set<string>();
      for (const host of ['news.example.com', 'mirror-one.example.org', new URL(ONION).host, 'localhost']) {
        const res = await get(url, { host, 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'gopher' });
        expect(res.statusCode, `${url} on ${host}`).toBe(200);
        // After the first address rendered the page, the others are answered from its cached copy.
        if (host !== 'news.example.com' && url !== '/mirrors.json')
          expect(res.headers['x-cache'], `${url} on ${host}`).toBe('HIT');
        // Header order carries no meaning in HTTP; names and values must match.
        const { date: _date, 'x-cache': _cache, ...headers } = res.headers;
        bodies.add(JSON.stringify(Object.entries(headers).sort()) + res.body);
        expect(res.body).not.toContain(EVIL);
        expect(res.body).not.toContain('gopher');
      }
      expect(bodies.size, url).toBe(1);
    }
  });

  it('names the primary in canonical, og:url and JSON-LD, and links root-relative', async () => {
    const res = await get(articlePath, { host: 'mirror-one.example.org' });
    const $ = cheerio.load(res.body);
    expect($('link[rel=canonical]').attr('href')).toBe(`https://news.example.com${articlePath}`);
    expect($('meta[property="og:url"]').attr('content')).toBe(`https://news.example.com${articlePath}`);
    const ld = JSON.parse($('script[type="application/ld+json"]').first().text());
    expect(ld.url).toBe(`https://news.example.com${articlePath}`);
    const absolute = $('a[href]')
      .map((_, a) => $(a).attr('href'))
      .get()
      .filter((h) => !h.startsWith('/') && !h.startsWith('#'));
    // The only absolute links are the footer's list of addresses and apps.
    expect(absolute.sort()).toEqual(
      [
        'https://news.example.com/',
        'https://mirror-one.example.org/',
        'https://news-two.example.net:8443/',
        `${ONION}/`,
        'https://tv.example.com/app',
        'https://play.example.com/masthead',
      ].sort(),
    );
  });

  it('lists addresses and apps in the footer of every page', async () => {
    for (const url of ['/', articlePath, '/news', '/no-such-page']) {
      const $ = cheerio.load((await get(url)).body);
      expect($('.footer-addresses a').length, url).toBe(4);
      expect($('.footer-addresses').text()).toContain('(Tor)');
      expect(
        $('.footer-apps a')
          .map((_, a) => $(a).text())
          .get(),
      ).toEqual(['TV channel', 'Android']);
    }
  });

  it('sends Onion-Location on pages, not on other files', async () => {
    const page = await get(`${articlePath}?page=1`);
    expect(page.headers['onion-location']).toBe(`${ONION}${articlePath}?page=1`);
    expect((await get('/')).headers['onion-location']).toBe(`${ONION}/`);
    expect((await get('/mirrors.json')).headers['onion-location']).toBeUndefined();
    expect((await get('/robots.txt')).headers['onion-location']).toBeUndefined();
  });

  it('publishes /mirrors.json with addresses, apps and the last successful check', async () => {
    const at = '2026-11-29T01:00:00.000Z';
    await env.ctx.db
      .insertInto('mirror_checks')
      .values({
        url: 'https://mirror-one.example.org',
        status: 'reachable',
        latency_ms: 12,
        newest_path: articlePath,
        detail: '',
        checked_at: at,
        last_success_at: at,
      })
      .execute();
    const res = await get('/mirrors.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = JSON.parse(res.body);
    expect(doc.primary).toBe('https://news.example.com');
    expect(doc.onion).toBe(ONION);
    expect(doc.alternates).toHaveLength(3);
    expect(doc.apps[0]).toEqual({ label: 'TV channel', url: 'https://tv.example.com/app' });
    const one = doc.mirrors.find((m: { url: string }) => m.url === 'https://mirror-one.example.org');
    expect(one.lastSuccessfulCheck).toBe(at);
    expect(doc.mirrors[0]).toMatchObject({ url: 'https://news.example.com', primary: true });
    expect(doc.mirrors.find((m: { onion: boolean }) => m.onion).url).toBe(ONION);
  });
});

describe('address configuration', () => {
  const load = (env: Record<string, string>) => () => loadConfig({ MASTHEAD_DATA_DIR: '/tmp/x', ...env });
  it('refuses alternates with paths, other schemes or junk, and malformed app links and proxies', () => {
    for (const bad of ['ftp://a.example', 'https://a.example/news', 'not a url', 'https://u:p@a.example']) {
      expect(load({ SITE_ALTERNATE_URLS: bad }), bad).toThrow(ConfigError);
    }
    for (const bad of ['Label', 'Label|javascript:alert(1)', '|https://a.example', 'A|B|https://x.example']) {
      expect(load({ SITE_APP_LINKS: bad }), bad).toThrow(ConfigError);
    }
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.1/x', '::1/129']) {
      expect(load({ TRUSTED_PROXIES: bad }), bad).toThrow(ConfigError);
    }
  });
  it('keeps no footer list when only the primary is configured', () => {
    const c = loadConfig({ MASTHEAD_DATA_DIR: '/tmp/x', SITE_ALTERNATE_URLS: ' ' });
    expect(c.addresses).toEqual({ alternates: [], apps: [] });
  });
});

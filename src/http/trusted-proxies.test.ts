import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, PASSWORD } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { trustedProxies } from './trusted-proxies.js';

describe('trusted proxies', () => {
  const list = trustedProxies(['10.9.0.0/16', '192.0.2.7', 'fd00::/8']);
  it('trusts listed addresses and ranges, IPv4-mapped peers included, and nothing else', () => {
    expect(list.trusts('10.9.3.4')).toBe(true);
    expect(list.trusts('::ffff:10.9.3.4')).toBe(true);
    expect(list.trusts('192.0.2.7')).toBe(true);
    expect(list.trusts('fd00::1')).toBe(true);
    expect(list.trusts('10.10.0.1')).toBe(false);
    expect(list.trusts('192.0.2.8')).toBe(false);
    expect(list.trusts('not an address')).toBe(false);
    expect(list.trusts(undefined)).toBe(false);
    expect(trustedProxies([]).trusts('127.0.0.1')).toBe(false);
  });
});

describe.each(testDialects())('the client address behind a trusted proxy on %s', (dialect) => {
  let env: TestEnv;
  const PROXY = '10.9.0.1';
  beforeAll(async () => {
    env = await testEnv(dialect, {
      TRUSTED_PROXIES: '10.9.0.0/16',
      SITE_URL: 'http://news.example.com',
      CONTENT_API_RATE_LIMIT: '2',
    });
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk', role: 'editor' });
  });
  afterAll(() => env?.close());

  const login = (email: string, password: string, peer: string, headers: Record<string, string> = {}) =>
    env.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email, password },
      remoteAddress: peer,
      headers,
    });

  it('throttles sign-ins per client behind the proxy, not per proxy', async () => {
    const viaProxy = (client: string) => ({ 'x-forwarded-for': client });
    for (let i = 0; i < 20; i++)
      expect(
        (await login(`spray${i}@example.com`, 'nope nope nope', PROXY, viaProxy('203.0.113.1'))).statusCode,
      ).toBe(401);
    expect((await login('desk@example.com', PASSWORD, PROXY, viaProxy('203.0.113.1'))).statusCode).toBe(429);
    // Everyone else in the newsroom comes through the same balancer and still signs in.
    expect((await login('desk@example.com', PASSWORD, PROXY, viaProxy('203.0.113.2'))).statusCode).toBe(200);
    // A client cannot name itself: the address the trusted proxy saw is the rightmost untrusted one.
    expect(
      (await login('desk@example.com', PASSWORD, PROXY, viaProxy('203.0.113.9, 203.0.113.1'))).statusCode,
    ).toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const peer = '198.51.100.7';
    for (let i = 0; i < 20; i++)
      await login(`other${i}@example.com`, 'nope nope nope', peer, {
        'x-forwarded-for': `203.0.113.${100 + i}`,
      });
    const res = await login('desk@example.com', PASSWORD, peer, { 'x-forwarded-for': '203.0.113.200' });
    expect(res.statusCode).toBe(429);
  });

  it('rate-limits the anonymous Content API per client behind the proxy', async () => {
    const get = (client: string) =>
      env.app.inject({
        method: 'GET',
        url: '/api/content/v1/articles?limit=1',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': client },
      });
    expect((await get('203.0.113.50')).statusCode).toBe(200);
    expect((await get('203.0.113.50')).statusCode).toBe(200);
    expect((await get('203.0.113.50')).statusCode).toBe(429);
    expect((await get('203.0.113.51')).statusCode).toBe(200);
  });

  it('sets Secure session cookies when a trusted proxy says the reader used HTTPS, and only then', async () => {
    const viaTls = await login('desk@example.com', PASSWORD, PROXY, {
      'x-forwarded-for': '203.0.113.60',
      'x-forwarded-proto': 'https',
    });
    expect(viaTls.statusCode).toBe(200);
    expect(String(viaTls.headers['set-cookie'])).toMatch(/; Secure/);
    const plain = await login('desk@example.com', PASSWORD, PROXY, { 'x-forwarded-for': '203.0.113.61' });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/);
    const forged = await login('desk@example.com', PASSWORD, '198.51.100.8', {
      'x-forwarded-proto': 'https',
    });
    expect(forged.statusCode).toBe(200);
    expect(String(forged.headers['set-cookie'])).not.toMatch(/; Secure/);
  });
});

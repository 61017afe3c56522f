import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnPurger } from '../cache/purge.js';
import type { Context } from '../context.js';
import { checkMirrors } from '../mirrors/check.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { outboundRequest } from './outbound.js';

/**
 * Every request the server makes on its own goes through one guard: loopback targets (the only
 * ones a test may use) are refused unless the operator allows them, and every redirect hop is
 * checked again. The servers below count what reaches them: a refused request never does.
 */
interface Counting {
  origin: string;
  port: number;
  hits: string[];
  close(): Promise<void>;
}

async function countingServer(handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => (handler ? handler(req, res) : res.end('{}')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  } satisfies Counting;
}

const none = { allowPrivate: false, allowedHosts: [] };
const loopback = { allowPrivate: false, allowedHosts: ['127.0.0.1'] };

describe('outbound guard', () => {
  let target: Counting;
  let bouncer: Counting;
  beforeAll(async () => {
    target = await countingServer((_q, s) => s.end('landed'));
    // Sends every request on to `target`, by IP literal.
    bouncer = await countingServer((req, s) => {
      s.writeHead(302, { location: `${target.origin}/landing?from=${req.url}` });
      s.end();
    });
  });
  afterAll(async () => {
    await target.close();
    await bouncer.close();
  });

  it('refuses loopback unless allowed, before anything is sent', async () => {
    await expect(outboundRequest(none, `${target.origin}/x`, { timeoutMs: 2000 })).rejects.toThrow(
      /private, loopback or reserved/,
    );
    await expect(
      outboundRequest(none, `http://localhost:${target.port}/x`, { timeoutMs: 2000 }),
    ).rejects.toThrow(/localhost resolves to .*private, loopback or reserved/);
    expect(target.hits).toEqual([]);
    const ok = await outboundRequest(loopback, `${target.origin}/x`, { timeoutMs: 2000 });
    expect(ok).toMatchObject({ status: 200, body: 'landed' });
    expect(target.hits).toEqual(['GET /x']);
  });

  it('checks every redirect hop again', async () => {
    target.hits.length = 0;
    // The first hop is allowed by name, the second (127.0.0.1) is not on the list.
    const byName = { allowPrivate: false, allowedHosts: ['localhost'] };
    await expect(
      outboundRequest(byName, `http://localhost:${bouncer.port}/a`, { timeoutMs: 2000, maxRedirects: 3 }),
    ).rejects.toThrow(/127\.0\.0\.1 is a private, loopback or reserved address/);
    expect(bouncer.hits).toEqual(['GET /a']);
    expect(target.hits).toEqual([]);
    // Not followed unless asked; followed (and checked) when allowed.
    const unfollowed = await outboundRequest(loopback, `${bouncer.origin}/b`, { timeoutMs: 2000 });
    expect(unfollowed.status).toBe(302);
    const followed = await outboundRequest(loopback, `${bouncer.origin}/c`, {
      timeoutMs: 2000,
      maxRedirects: 3,
    });
    expect(followed).toMatchObject({ status: 200, url: `${target.origin}/landing?from=/c` });
  });

  it('refuses redirects to other schemes', async () => {
    const ftp = await countingServer((_q, s) => {
      s.writeHead(301, { location: 'file:///etc/passwd' });
      s.end();
    });
    try {
      await expect(
        outboundRequest(loopback, `${ftp.origin}/`, { timeoutMs: 2000, maxRedirects: 3 }),
      ).rejects.toThrow(/only http\(s\)/);
    } finally {
      await ftp.close();
    }
  });

  it('purges the CDN only where allowed', async () => {
    const cdn = await countingServer();
    const errors: Error[] = [];
    try {
      const refused = cdnPurger({
        url: `${cdn.origin}/purge`,
        policy: none,
        attempts: 1,
        onError: (e) => errors.push(e),
      });
      refused.purge(['article:1']);
      await refused.flush();
      expect(cdn.hits).toEqual([]);
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/private, loopback or reserved/)]);
      const allowed = cdnPurger({
        url: `${cdn.origin}/purge`,
        policy: loopback,
        attempts: 1,
        onError: (e) => errors.push(e),
      });
      allowed.purge(['article:1']);
      await allowed.flush();
      expect(cdn.hits).toEqual(['POST /purge']);
      expect(errors).toHaveLength(1);
    } finally {
      await cdn.close();
    }
  });
});

describe.each(testDialects())('mirror checks through the outbound guard on %s', (dialect) => {
  let env: TestEnv;
  let site: Counting;
  let internal: Counting;
  beforeAll(async () => {
    internal = await countingServer((_q, s) => s.end('admin console'));
    // The "primary" lists an internal service as a mirror in its /mirrors.json.
    site = await countingServer((req, s) => {
      if (req.url === '/mirrors.json') {
        s.setHeader('content-type', 'application/json');
        s.end(JSON.stringify({ mirrors: [{ url: internal.origin }] }));
      } else s.end('home');
    });
    env = await testEnv(dialect, { SITE_URL: site.origin });
  });
  afterAll(async () => {
    await site.close();
    await internal.close();
    await env?.close();
  });

  const withPolicy = (allowedHosts: string[]): Context => ({
    ...env.ctx,
    config: { ...env.ctx.config, outbound: { allowPrivate: false, allowedHosts } },
  });

  it('does not fetch loopback addresses unless allowed (no port scanning)', async () => {
    const rows = await checkMirrors(withPolicy([]), { timeoutMs: 2000 });
    expect(site.hits).toEqual([]);
    expect(internal.hits).toEqual([]);
    const primary = rows.find((r) => r.url === site.origin)!;
    expect(primary.status).toBe('unreachable');
    expect(primary.latencyMs).toBeNull();
    expect(primary.detail).toMatch(/private, loopback or reserved/);
  });

  it('checks them when the operator allows them (OUTBOUND_ALLOWED_HOSTS)', async () => {
    const rows = await checkMirrors(withPolicy(['127.0.0.1']), { timeoutMs: 2000 });
    expect(rows.find((r) => r.url === site.origin)?.status).toBe('reachable');
    expect(site.hits).toContain('GET /mirrors.json');
    expect(internal.hits).toContain('GET /');
  });

  it('reads the allow list from OUTBOUND_ALLOWED_HOSTS and the older WEBHOOK_ALLOWED_HOSTS', async () => {
    const both = await testEnv(dialect, {
      OUTBOUND_ALLOWED_HOSTS: '10.0.0.0/8, Hooks.LAN',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    try {
      expect(both.ctx.config.outbound).toEqual({
        allowPrivate: false,
        allowedHosts: ['10.0.0.0/8', 'hooks.lan', '127.0.0.1'],
      });
    } finally {
      await both.close();
    }
  });
});

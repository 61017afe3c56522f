/**
 * Cache hits as bytes on a real socket. Hits skip `writeHead` (http.ts, `writeHit`), so what Node
 * would otherwise guarantee is checked here: a well-formed head with every stored header, Date
 * and keep-alive as Node writes them, pipelined requests answered in order, and clients that
 * ask to close (or speak HTTP/1.0) answered through Node's own path and then closed.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { seedFixture } from '../test/fixtures.js';

interface Answer {
  head: string;
  headers: Map<string, string>;
  body: Buffer;
}

/** Sends `raw` on one connection and reads `count` responses (Content-Length framed) and whether it closed. */
function exchange(port: number, raw: string, count: number): Promise<{ answers: Answer[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const answers: Answer[] = [];
    let closed = false;
    const parse = () => {
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buf.subarray(0, end).toString('latin1');
        const headers = new Map<string, string>();
        for (const line of head.split('\r\n').slice(1)) {
          const i = line.indexOf(':');
          headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
        }
        const length = Number(headers.get('content-length') ?? 0);
        const hasBody = !head.startsWith('HTTP/1.1 304') && !raw.startsWith('HEAD');
        const total = end + 4 + (hasBody ? length : 0);
        if (buf.length < total) return;
        answers.push({ head, headers, body: buf.subarray(end + 4, total) });
        buf = buf.subarray(total);
      }
    };
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answers, closed });
    }, 1500);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      parse();
      if (answers.length === count && !raw.includes('close') && !raw.includes('HTTP/1.0')) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ answers, closed });
      }
    });
    socket.on('end', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ answers, closed });
    });
    socket.on('error', reject);
    socket.write(raw);
  });
}

describe('cache hits on the wire', () => {
  let env: TestEnv;
  let port: number;
  let path: string;
  const get = (extra = '', version = '1.1') =>
    `GET ${path} HTTP/${version}\r\nHost: news.example.com\r\nAccept-Encoding: br\r\n${extra}\r\n`;

  beforeAll(async () => {
    env = await testEnv('sqlite', {
      SITE_ALTERNATE_URLS: 'https://mirror.example.org,http://masthead2abcdefghij.onion',
    });
    const fx = await seedFixture(env.ctx, env.dir);
    path = (await fx.publish({ headline: 'Ferry timetable changes for winter' }, 1)).path as string;
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    port = (env.app.server.address() as net.AddressInfo).port;
    const first = await exchange(port, get(), 1);
    expect(first.answers[0]?.headers.get('x-cache')).toBe('MISS');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('answers pipelined requests in order with the same head a miss had, plus Date and keep-alive', async () => {
    const miss = await env.app.inject({ method: 'GET', url: path, headers: { 'accept-encoding': 'br' } });
    const { answers, closed } = await exchange(port, get() + get() + get(), 3);
    expect(closed).toBe(false);
    expect(answers).toHaveLength(3);
    for (const a of answers) {
      expect(a.head.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
      expect(a.headers.get('x-cache')).toBe('HIT');
      expect(a.headers.get('content-encoding')).toBe('br');
      expect(Number(a.headers.get('content-length'))).toBe(a.body.length);
      expect(a.body.equals(miss.rawPayload)).toBe(true);
      for (const name of [
        'content-type',
        'content-security-policy',
        'etag',
        'cache-control',
        'surrogate-key',
        'vary',
      ]) {
        expect(a.headers.get(name), name).toBe(String(miss.headers[name]));
      }
      expect(a.headers.get('connection')).toBe('keep-alive');
      expect(a.headers.get('keep-alive')).toMatch(/^timeout=\d+$/);
      expect(Math.abs(Date.parse(a.headers.get('date') ?? '') - Date.now())).toBeLessThan(5000);
      // Reader pages name the onion address for Tor Browser, on every host.
      expect(a.headers.get('onion-location')).toBe(`http://masthead2abcdefghij.onion${path}`);
    }
  });

  it('keeps pipelined answers in order when one waits for its compressed copy to be made', async () => {
    // The page was stored in brotli alone: gzip is made for the first request that takes it
    // (Fastify's path, on libuv's threads) while the brotli hit behind it is ready at once.
    const gzipOnly = get().replace('Accept-Encoding: br', 'Accept-Encoding: gzip');
    const { answers } = await exchange(port, gzipOnly + get() + gzipOnly, 3);
    expect(answers.map((a) => a.headers.get('content-encoding'))).toEqual(['gzip', 'br', 'gzip']);
    expect(answers.map((a) => a.headers.get('x-cache'))).toEqual(['HIT', 'HIT', 'HIT']);
    const pages = answers.map((a) =>
      (a.headers.get('content-encoding') === 'br'
        ? zlib.brotliDecompressSync(a.body)
        : zlib.gunzipSync(a.body)
      ).toString(),
    );
    expect(new Set(pages).size).toBe(1);
  });

  it('closes after answering a client that asks to close, or speaks HTTP/1.0', async () => {
    const close = await exchange(port, get('Connection: close\r\n'), 1);
    expect(close.answers[0]?.headers.get('x-cache')).toBe('HIT');
    expect(close.answers[0]?.headers.get('connection')).toBe('close');
    expect(close.closed).toBe(true);
    const old = await exchange(port, get('', '1.0'), 1);
    expect(old.answers[0]?.headers.get('x-cache')).toBe('HIT');
    expect(old.answers[0]?.head.startsWith('HTTP/1.1 200 OK')).toBe(true);
    expect(old.closed).toBe(true);
  });

  it('keeps HEAD and conditional requests on their own paths', async () => {
    const head = await exchange(port, get().replace(/^GET/, 'HEAD'), 1);
    expect(head.answers[0]?.headers.get('x-cache')).toBe('HIT');
    expect(head.answers[0]?.body.length).toBe(0);
    const etag = head.answers[0]?.headers.get('etag') as string;
    const conditional = await exchange(port, get(`If-None-Match: ${etag}\r\n`), 1);
    expect(conditional.answers[0]?.head.startsWith('HTTP/1.1 304')).toBe(true);
  });

  it('never writes a request URL with characters a header cannot hold into Onion-Location', async () => {
    // Node's parser refuses control characters in the request line before any of our code runs;
    // bytes above 0x7f pass and are valid in a header value, as Node's own check allows.
    const bad = await exchange(port, `GET ${path}\u0001 HTTP/1.1\r\nHost: news.example.com\r\n\r\n`, 1);
    expect(bad.answers[0]?.head.startsWith('HTTP/1.1 400')).toBe(true);
  });
});

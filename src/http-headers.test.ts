import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { type TestEnv, testEnv } from './test/context.js';
import { addTestImage } from './test/fixtures.js';

const host = { host: 'news.example.com' };

describe('headers and paths every answer gets right', () => {
  let env: TestEnv;
  let image: number;
  beforeAll(async () => {
    env = await testEnv('sqlite');
    image = (await addTestImage(env.ctx, env.dir, {}, { width: 400, height: 300 })).id;
  });
  afterAll(() => env?.close());

  it('answers 404 for asset names that are properties of every object', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await env.app.inject({ url: `/assets/${name}`, headers: host });
      expect(res.statusCode, name).toBe(404);
    }
    expect((await env.app.inject({ url: '/assets/logo.png', headers: host })).statusCode).toBe(200);
  });

  it('sends nosniff on images, assets, mirrors.json, robots.txt and the newsroom JSON', async () => {
    for (const url of [
      `/media/${image}/320.jpg`,
      '/assets/logo.png',
      '/mirrors.json',
      '/robots.txt',
      '/api/admin/session',
      '/api/admin/openapi.json',
      '/api/content/v1/articles',
    ]) {
      const res = await env.app.inject({ url, headers: host });
      expect(res.headers['x-content-type-options'], `${url} (${res.statusCode})`).toBe('nosniff');
    }
    // And a page served from the page cache keeps it.
    await env.app.inject({ url: '/robots.txt', headers: host });
    expect((await env.app.inject({ url: '/', headers: host })).headers['x-content-type-options']).toBe(
      'nosniff',
    );
  });

  it('sends HSTS on an HTTPS site, for the configured time, and not when turned off or over plain HTTP', async () => {
    const res = await env.app.inject({ url: '/', headers: host });
    expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(
      (await env.app.inject({ url: '/api/admin/session', headers: host })).headers[
        'strict-transport-security'
      ],
    ).toBe('max-age=15552000');
    const off = await testEnv('sqlite', { HSTS_MAX_AGE: '0' });
    const plain = await testEnv('sqlite', { SITE_URL: 'http://news.example.com' });
    try {
      expect(
        (await off.app.inject({ url: '/', headers: host })).headers['strict-transport-security'],
      ).toBeUndefined();
      expect(
        (await plain.app.inject({ url: '/', headers: host })).headers['strict-transport-security'],
      ).toBeUndefined();
    } finally {
      await off.close();
      await plain.close();
    }
  });
});

describe('request logging', () => {
  /** An app logging at `level` into an array of parsed lines. */
  async function logged(env: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-log-'));
    const config = loadConfig({ MASTHEAD_DATA_DIR: dir, SITE_URL: 'https://news.example.com', ...env });
    const ctx = await createContext(config);
    const lines: { level: number; msg: string; ms?: number; url?: string }[] = [];
    const app = await buildApp(ctx, { logger: true, logStream: { write: (l) => lines.push(JSON.parse(l)) } });
    return {
      app,
      lines,
      async close() {
        await app.close();
        await ctx.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const urls = ['/', '/robots.txt', '/api/admin/session', '/nope', '/api/content/v1/articles'];

  it('writes no line per request at info, and one warn line for a request over SLOW_REQUEST_MS', async () => {
    const quiet = await logged({ LOG_LEVEL: 'info' });
    const timed = await logged({ LOG_LEVEL: 'info', SLOW_REQUEST_MS: '0' });
    const debug = await logged({ LOG_LEVEL: 'debug' });
    try {
      for (const url of urls) {
        for (const t of [quiet, timed, debug]) await t.app.inject({ url, headers: host });
      }
      expect(quiet.lines.filter((l) => l.level < 40 && /request/.test(l.msg))).toEqual([]);
      const slow = timed.lines.filter((l) => l.msg === 'slow request');
      expect(slow.map((l) => l.url)).toEqual(urls);
      expect(slow.every((l) => l.level === 40 && typeof l.ms === 'number')).toBe(true);
      expect(debug.lines.filter((l) => l.msg === 'incoming request')).toHaveLength(urls.length);
    } finally {
      for (const t of [quiet, timed, debug]) await t.close();
    }
  });
});

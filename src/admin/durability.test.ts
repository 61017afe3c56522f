import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/index.js';
import { createPgDatabase, testDialects } from '../test/databases.js';

const cli = path.join(import.meta.dirname, '../cli/index.ts');

/** Start `masthead serve` as a real process; resolve with its port and the printed owner password. */
function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; password: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MASTHEAD_SEED_DEMO: 'never',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      const password = /password: (\S+)/.exec(out)?.[1];
      if (port && password) {
        clearTimeout(timer);
        resolve({ child, port: Number(port), password });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

describe.each(testDialects())('acknowledged saves survive kill -9 on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps every autosave that was answered 200, even when the process dies right after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-kill-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const pgDb = dialect === 'postgres' ? await createPgDatabase() : undefined;
    if (pgDb) cleanups.push(() => pgDb.drop());
    const server = await startServer({
      MASTHEAD_DATA_DIR: dir,
      SITE_URL: 'http://127.0.0.1',
      ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    });
    cleanups.push(() => {
      server.child.kill('SIGKILL');
    });
    const base = `http://127.0.0.1:${server.port}/api/admin`;
    const login = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: server.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = {
      'content-type': 'application/json',
      cookie,
      origin: `http://127.0.0.1:${server.port}`,
      'x-csrf-token': csrfToken,
    };
    const section = await (
      await fetch(`${base}/sections`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ slug: 'news', name: 'News' }),
      })
    ).json();
    const doc = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    let article = await (
      await fetch(`${base}/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ headline: 'Durable', body: doc('start'), sectionId: section.id }),
      })
    ).json();
    let lastText = '';
    for (let i = 1; i <= 20; i++) {
      lastText = `autosave number ${i}`;
      const res = await fetch(`${base}/articles/${article.id}/autosave`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          headline: 'Durable',
          body: doc(lastText),
          sectionId: section.id,
          version: article.version,
        }),
      });
      expect(res.status).toBe(200);
      article = await res.json();
    }
    // The answer is in hand: kill the process without any chance to flush or shut down.
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    const handle = openDatabase(
      pgDb ? { kind: 'postgres', url: pgDb.url } : { kind: 'sqlite', file: path.join(dir, 'masthead.db') },
    );
    try {
      const row = await handle.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.body).content[0].content[0].text).toBe(lastText);
      expect(row.version).toBe(article.version);
    } finally {
      await handle.destroy();
    }
  }, 90_000);
});

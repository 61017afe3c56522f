import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPgDatabase } from './databases.js';
import { redisTestPrefix, redisTestUrl } from './redis.js';

/**
 * A real `masthead serve` process for the several-nodes tests (cache/nodes.test.ts,
 * site/live-nodes.test.ts): started from the sources with tsx on a free loopback port, no demo
 * seed; resolves once it says where it serves. `out` is everything it printed, for failures.
 */
const cli = path.join(import.meta.dirname, '../cli/index.ts');

export interface Node {
  child: ChildProcess;
  base: string;
  out: () => string;
}

export function startNode(env: Record<string, string>): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MASTHEAD_SEED_DEMO: 'never',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${out}`)), 60_000);
    const check = setInterval(() => {
      const port = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      if (port) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port}`, out: () => out });
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(check);
      reject(new Error(`node exited with ${code}: ${out}`));
    });
  });
}

/** What an admin API answer is read as in these tests (`version` for the next write). */
export type ApiAnswer = Record<string, unknown> & { version: number };

export interface TwoNodes {
  a: Node;
  b: Node;
  /** The nodes' Redis key prefix: their invalidation channel is `${redisPrefix}invalidate`. */
  redisPrefix: string;
  /** The admin API on either node as the owner; anything but 2xx throws with the answer. */
  api(node: Node, method: string, url: string, body?: unknown): Promise<ApiAnswer>;
  /** Stops both nodes and removes the database, the Redis keys and the data folders. */
  close(): Promise<void>;
}

/**
 * Two app nodes on one fresh PostgreSQL database and one Redis key prefix, each with its own
 * data folder, and the owner signed in on node A: the session lives in the database, so node B
 * accepts it too. `env` adds to (or overrides) the nodes' environment.
 */
export async function startTwoNodes(env: Record<string, string> = {}): Promise<TwoNodes> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    if (!redisTestUrl) throw new Error('startTwoNodes needs MASTHEAD_TEST_REDIS_URL');
    const db = await createPgDatabase();
    cleanups.push(() => db.drop());
    const redis = redisTestPrefix();
    cleanups.push(() => redis.cleanup());
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-node-')));
    cleanups.push(() => {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });
    const shared = {
      DATABASE_URL: db.url,
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: redis.prefix,
      SITE_URL: 'http://127.0.0.1',
      ...env,
    };
    // One after the other: the first creates the schema and the owner account.
    const a = await startNode({ ...shared, MASTHEAD_DATA_DIR: dirs[0] as string });
    cleanups.push(() => {
      a.child.kill('SIGTERM');
    });
    const b = await startNode({ ...shared, MASTHEAD_DATA_DIR: dirs[1] as string });
    cleanups.push(() => {
      b.child.kill('SIGTERM');
    });
    const password = /password: (\S+)/.exec(a.out())?.[1] as string;
    const login = await fetch(`${a.base}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = {
      'content-type': 'application/json',
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'x-csrf-token': csrfToken,
    };
    const api = async (node: Node, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${node.base}/api/admin${url}`, {
        method,
        headers: { ...headers, origin: node.base },
        // A JSON request needs a body, even an empty one.
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
      const json = (await res.json().catch(() => null)) as ApiAnswer;
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    return { a, b, redisPrefix: redis.prefix, api, close };
  } catch (err) {
    await close();
    throw err;
  }
}

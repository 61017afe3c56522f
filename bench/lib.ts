/**
 * Shared parts of the page benchmarks: start a built `masthead serve`, drive a URL with a load
 * generator, sign in to the newsroom API. wrk (Debian `wrk`) is used when installed — it is
 * written in C and costs the machine far less than a Node load generator, which matters on two
 * cores; autocannon is the fallback.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';

export const hasWrk = fs.existsSync('/usr/bin/wrk');

export interface Server {
  child: ChildProcess;
  base: string;
  dir: string;
  password: string | null;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/cli/index.js serve` on a free loopback port; resolves once it answers.
 * BENCH_DIST names another build to serve (an earlier commit's `dist`, for a before/after run).
 */
export async function startServer(env: Record<string, string>, dir?: string): Promise<Server> {
  const dataDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-'));
  const entry = path.join(process.env.BENCH_DIST ?? 'dist', 'cli/index.js');
  // BENCH_SERVER_NODE_ARGS: flags for the server's node alone, not the load generator's; by
  // default those `npm start` gives it (docs/operations.md, "Memory"), '' for none.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '--max-semi-space-size=4')
    .split(' ')
    .filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MASTHEAD_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // As `npm start` runs it (docs/operations.md, "Memory").
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const deadline = Date.now() + 600_000;
  let port: string | undefined;
  while (!port) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    if (Date.now() > deadline) throw new Error('server did not start');
    port = /serving .* at http:\/\/[^:]+:(\d+)\//.exec(out)?.[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    dir: dataDir,
    password: /password: (\S+)/.exec(out)?.[1] ?? null,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!dir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Drives one URL for `seconds` with `connections` open connections. */
export async function load(
  url: string,
  seconds: number,
  connections: number,
  opts: { rate?: number; headers?: Record<string, string> } = {},
): Promise<Load> {
  const { rate, headers = {} } = opts;
  if (hasWrk && rate === undefined) {
    const { stdout } = await promisify(execFile)('wrk', [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '--latency',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      url,
    ]);
    const ms = (label: string) => {
      const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
      if (!m) return Number.NaN;
      const v = Number(m[1]);
      return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
    };
    const errs = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
    const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    return {
      rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
      p50: ms('50%'),
      p99: ms('99%'),
      errors: Number(errs?.[1] ?? 0) + (sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
    };
  }
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    ...(rate ? { overallRate: rate } : {}),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** Signs in as the owner the server printed; returns a fetch for the newsroom API. */
export async function newsroom(server: Server, email = 'owner@example.com', password = server.password) {
  if (!password) throw new Error('no owner password was printed (the data directory was not new)');
  const login = await fetch(`${server.base}/api/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    'content-type': 'application/json',
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
    origin: server.base,
  };
  return async function api<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(`${server.base}/api/admin${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/**
 * Saves a new headline on a story (and, on a live story, publishes the change) and waits until
 * `pageBase` serves it; returns milliseconds.
 */
export async function correctionLatency(
  api: Awaited<ReturnType<typeof newsroom>>,
  pageBase: string,
  id: number,
  headline: string,
  /** Told how long the save (and publish) took in the newsroom API, before the wait for readers. */
  onSaved?: (ms: number) => void,
): Promise<number> {
  const story = await api<{ version: number; body: unknown; sectionId: number; path: string }>(
    'GET',
    `/articles/${id}`,
  );
  const started = performance.now();
  const saved = await api<{ workingCopy: { version: number } | null }>('PUT', `/articles/${id}`, {
    headline,
    body: story.body,
    sectionId: story.sectionId,
    version: story.version,
  });
  // A live story's edits wait in its working copy until an editor publishes them ("update").
  if (saved.workingCopy) {
    await api('POST', `/articles/${id}/transitions`, {
      action: 'update',
      version: saved.workingCopy.version,
      override: true,
    });
  }
  onSaved?.(performance.now() - started);
  for (;;) {
    const html = await (await fetch(`${pageBase}${story.path}`)).text();
    if (html.includes(headline)) return performance.now() - started;
    if (performance.now() - started > 10_000) throw new Error('the correction never showed');
  }
}

/**
 * CPU seconds a process has used (user + system), from /proc (Linux). CPU time per request moves
 * far less than requests per second when other work shares the machine.
 */
export function cpuSeconds(pid: number): number {
  // Fields after the command name's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Where a process's resident memory is, from /proc/PID/smaps (Linux), in MB: glibc's main heap
 * (`[heap]`), anonymous mappings (V8's pages, other malloc arenas, large allocations glibc maps on
 * their own, thread stacks), the node binary's pages and other files (shared libraries).
 */
export function residentMb(pid: number): { heap: number; anon: number; binary: number; files: number } {
  const out = { heap: 0, anon: 0, binary: 0, files: 0 };
  let kind: keyof typeof out = 'anon';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1] ?? '';
      kind =
        name === '[heap]'
          ? 'heap'
          : name === '' || name.startsWith('[')
            ? 'anon'
            : /\/node$/.test(name)
              ? 'binary'
              : 'files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) out[kind] += Number(rss[1]) / 1024;
  }
  return out;
}

/**
 * Two app nodes on one new PostgreSQL database, their caches kept in step through Redis (the
 * several-nodes deployment); `stop` drops the database. A string when PostgreSQL or Redis cannot
 * be reached (BENCH_PG_URL, BENCH_REDIS_URL; loopback by default), so a bench can say "skipped".
 * `envA`/`envB` add to one node's environment (each node's own nginx directory, say).
 */
export async function startTwoNodes(
  envA: Record<string, string> = {},
  envB: Record<string, string> = {},
): Promise<{ a: Server; b: Server; stop(): Promise<void> } | string> {
  const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await admin.connect();
    await redis.connect();
  } catch (err) {
    await admin.end().catch(() => {});
    return `skipped: PostgreSQL or Redis unreachable (${(err as Error).message})`;
  } finally {
    redis.disconnect();
  }
  const name = `masthead_bench_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl, REDIS_PREFIX: `masthead-bench-${name}:` };
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  let a: Server | undefined;
  try {
    a = await startServer({ ...env, ...envA });
    const b = await startServer({ ...env, ...envB });
    const first = a;
    return {
      a: first,
      b,
      async stop() {
        await first.stop();
        await b.stop();
        await drop();
      },
    };
  } catch (err) {
    await a?.stop();
    await drop();
    throw err;
  }
}

/** Every article path the sitemaps list (an archive's whole public surface, pages aside). */
export async function articlePaths(base: string): Promise<string[]> {
  const index = await (await fetch(`${base}/sitemap.xml`)).text();
  const out: string[] = [];
  for (const m of index.matchAll(/<loc>[^<]*?(\/sitemaps\/articles-\d+\.xml)<\/loc>/g)) {
    const xml = await (await fetch(`${base}${m[1]}`)).text();
    for (const u of xml.matchAll(/<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g)) if (u[1]) out.push(u[1]);
  }
  return out;
}

/**
 * `npm run bench`: the uncached public pages on the demo newsroom.
 *
 * Starts the built server on a loopback port with a fresh SQLite data directory (so the demo
 * loads), then drives each page with autocannon for a fixed time. Machines here are noisy, so
 * every figure is also given as a ratio to a baseline measured in the same run: the smallest
 * route the same server has (/robots.txt), i.e. the cost of Fastify and the network alone.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const base = `http://127.0.0.1:${PORT}`;

async function waitForServer(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('server exited before it was ready');
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start within 60 s');
}

async function firstLink(url: string, selector: RegExp): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = selector.exec(html);
  if (!m?.[1]) throw new Error(`no link matching ${selector} on ${url}`);
  return m[1];
}

interface Row {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, pathName: string): Promise<Row> {
  const r = await autocannon({ url: base + pathName, connections: CONNECTIONS, duration: SECONDS });
  return {
    name,
    path: pathName,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-'));
  const child = spawn(process.execPath, ['dist/cli/index.js', 'serve'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      MASTHEAD_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer(child);
    const article = await firstLink(`${base}/`, /<a href="(\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/);
    // Warm up: renditions are made on first request, Intl formatters and statements get cached.
    for (const p of ['/', '/news', article]) await fetch(base + p);
    const rows: Row[] = [];
    rows.push(await measure('baseline (robots.txt)', '/robots.txt'));
    rows.push(await measure('article page', article));
    rows.push(await measure('section front', '/news'));
    rows.push(await measure('home page', '/'));
    const baseline = rows[0]!.rps;
    console.log(
      `\nMasthead public pages, uncached — ${SECONDS} s each, ${CONNECTIONS} connections, ${os.cpus().length} cores`,
    );
    console.log(`Node ${process.version}, SQLite, demo newsroom\n`);
    console.log('| page | req/s | × baseline | p50 ms | p99 ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / baseline).toFixed(3)} | ${r.p50} | ${r.p99} | ${r.errors} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

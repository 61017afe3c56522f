/**
 * `npm run bench:nginx` (also the last part of `npm run bench`): the production layout, nginx in
 * front of the app (docs/operations.md, "Production: nginx in front"), against the same nginx
 * serving the same bytes as a plain file — one nginx process, two server blocks, measured in
 * alternation, so the ratio is nginx's cache against nginx's sendfile and nothing else.
 * Then publish-to-visible through nginx: a correction saved in the newsroom API, timed until
 * nginx serves it (the app deletes nginx's copy at commit; the next request refills it).
 * Last, the same across two nodes: two app nodes on one PostgreSQL database and Redis, each with
 * its own nginx and its own directory (as on two machines), the correction saved on node A and
 * timed until node B's nginx serves it (A's commit → Redis → B deletes its file).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { nginxConfig } from '../src/cache/index.js';
import { correctionLatency, hasWrk, load, newsroom, startServer, startTwoNodes } from './lib.js';

const NGINX = '/usr/sbin/nginx';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;
const ROUNDS = 3;

interface Row {
  name: string;
  rps: number[];
  p99: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The answer exactly as nginx sends it (fetch() would decode brotli). */
function raw(url: string, headers: Record<string, string>): Promise<{ body: Buffer; cache: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ body: Buffer.concat(chunks), cache: String(res.headers['x-cache'] ?? '') }),
        );
      })
      .on('error', reject);
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * One nginx process (master_process off: it runs as this user, as the deployment's nginx runs as
 * the app's user) with the configuration `masthead nginx-config` prints on `front`, and a plain
 * file server on `files` for the baseline.
 */
async function startNginx(
  dir: string,
  front: number,
  files: number | null,
  appPort: number,
  siteUrl: string,
) {
  for (const d of ['logs', 'tmp', 'cache', 'www/br']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const site = nginxConfig({
    siteUrl,
    listen: `127.0.0.1:${front}`,
    upstreams: [`127.0.0.1:${appPort}`],
    cacheDir: path.join(dir, 'cache'),
    serverNames: [new URL(siteUrl).hostname],
    onion: null,
    maxSize: '1g',
  });
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    include ${dir}/site.conf;
${files === null ? '' : plainFiles(dir, files)}
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${front}/robots.txt`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'logs/error.log'), 'utf8')}`);
}

/** The baseline: the same nginx serving plain files (brotli ones with their header). */
function plainFiles(dir: string, port: number): string {
  return `    server {
        listen 127.0.0.1:${port};
        root ${dir}/www;
        location / { default_type text/html; etag on; }
        location /br/ { default_type text/html; etag on; add_header Content-Encoding br; }
    }`;
}

/**
 * Publish-to-visible across two nodes through nginx: each node with its own nginx and nginx
 * directory (two machines' layout), one PostgreSQL database, Redis between them. The page is in
 * node B's nginx when node A's newsroom saves the correction. A string when skipped.
 */
async function acrossTwoNodes(): Promise<
  { a: number[]; b: number[]; afterSave: { a: number[]; b: number[] } } | string
> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-nginx2-'));
  const [frontA, frontB] = [await freePort(), await freePort()];
  // One public address for both (the CDN's); each nginx answers on its own port.
  const siteUrl = `http://127.0.0.1:${frontA}`;
  const nodeDir = (n: string) => path.join(dir, n);
  const nodes = await startTwoNodes(
    { ORIGIN_CACHE_DIR: path.join(nodeDir('a'), 'cache'), SITE_URL: siteUrl },
    { ORIGIN_CACHE_DIR: path.join(nodeDir('b'), 'cache'), SITE_URL: siteUrl },
  );
  if (typeof nodes === 'string') {
    fs.rmSync(dir, { recursive: true, force: true });
    return nodes;
  }
  const started: ChildProcess[] = [];
  try {
    started.push(await startNginx(nodeDir('a'), frontA, null, Number(new URL(nodes.a.base).port), siteUrl));
    started.push(await startNginx(nodeDir('b'), frontB, null, Number(new URL(nodes.b.base).port), siteUrl));
    const api = await newsroom(nodes.a);
    const { articles } = await api<{ articles: { id: number; path: string }[] }>(
      'GET',
      '/articles?status=published&limit=1',
    );
    const story = articles[0];
    if (!story) throw new Error('the demo newsroom has no published story');
    const via = { a: `http://127.0.0.1:${frontA}`, b: `http://127.0.0.1:${frontB}` };
    const latencies = { a: [] as number[], b: [] as number[] };
    // Of which after the newsroom API answered (committed): the invalidation's way to readers.
    const afterSave = { a: [] as number[], b: [] as number[] };
    // Alternating: read through A's nginx (the node that saved) and through B's (the other node).
    for (let i = 1; i <= 20; i++) {
      const on = i % 2 ? 'b' : 'a';
      const url = via[on] + story.path;
      // nginx moves its copy into place just after the answer's last byte: wait until it serves it.
      for (let tries = 0; (await raw(url, {})).cache !== 'HIT'; tries++) {
        if (tries === 100) throw new Error(`node ${on}'s nginx did not keep the article`);
        await new Promise((r) => setTimeout(r, 20));
      }
      let saved = 0;
      const total = await correctionLatency(api, via[on], story.id, `Corrected on node A ${i}`, (ms) => {
        saved = ms;
      });
      latencies[on].push(total);
      afterSave[on].push(total - saved);
    }
    return { ...latencies, afterSave };
  } finally {
    for (const child of started) await stop(child);
    await nodes.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function main() {
  if (!fs.existsSync(NGINX)) {
    console.log('nginx not installed (apt-get install nginx-light): the nginx deployment was not measured');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-nginx-'));
  const [front, files] = [await freePort(), await freePort()];
  const siteUrl = `http://127.0.0.1:${front}`;
  const app = await startServer({ ORIGIN_CACHE_DIR: path.join(dir, 'cache'), SITE_URL: siteUrl });
  const appPort = Number(new URL(app.base).port);
  const nginx = await startNginx(dir, front, files, appPort, siteUrl);
  const rows: Row[] = [];
  const measure = async (name: string, url: string, headers: Record<string, string> = {}) => {
    const r = await load(url, SECONDS, CONNECTIONS, { headers });
    if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
    let row = rows.find((x) => x.name === name);
    if (!row) {
      row = { name, rps: [], p99: [] };
      rows.push(row);
    }
    row.rps.push(r.rps);
    row.p99.push(r.p99);
  };
  const latencies: number[] = [];
  const afterSave: number[] = [];
  try {
    const api = await newsroom(app);
    const { articles } = await api<{ articles: { id: number; path: string }[] }>(
      'GET',
      '/articles?status=published&limit=1',
    );
    const story = articles[0];
    if (!story) throw new Error('the demo newsroom has no published story');
    const url = `${siteUrl}${story.path}`;
    const br = { 'accept-encoding': 'br' };
    // Fill nginx's cache, then copy what it serves into the plain files of the baseline.
    for (const h of [{}, br]) await raw(url, h);
    const plain = await raw(url, {});
    const brotli = await raw(url, br);
    if (plain.cache !== 'HIT' || brotli.cache !== 'HIT') throw new Error('nginx did not keep the article');
    fs.writeFileSync(path.join(dir, 'www/article.html'), plain.body);
    fs.writeFileSync(path.join(dir, 'www/br/article.html'), brotli.body);
    const file = `http://127.0.0.1:${files}/article.html`;
    const brFile = `http://127.0.0.1:${files}/br/article.html`;
    console.error(`Alternating, ${ROUNDS} rounds of ${SECONDS} s…`);
    for (let round = 0; round < ROUNDS; round++) {
      await measure('nginx deployment: cached article', url);
      await measure('nginx: same bytes as a plain file', file);
      await measure('nginx deployment: cached article, brotli', url, br);
      await measure('nginx: same brotli bytes as a plain file', brFile, br);
    }
    console.error('Publish-to-visible through nginx…');
    for (let i = 1; i <= 10; i++) {
      await (await fetch(url)).arrayBuffer(); // nginx holds the page when the correction lands
      let saved = 0;
      const total = await correctionLatency(api, siteUrl, story.id, `Corrected through nginx ${i}`, (ms) => {
        saved = ms;
      });
      latencies.push(total);
      afterSave.push(total - saved);
    }
  } finally {
    await stop(nginx);
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const by = (name: string) => median(rows.find((r) => r.name === name)?.rps ?? []);
  console.log(
    `\nMasthead behind nginx — ${SECONDS} s × ${ROUNDS} rounds, ${CONNECTIONS} connections, ${hasWrk ? 'wrk (1 thread)' : 'autocannon'}, ${os.cpus().length} cores, Node ${process.version}, nginx 1 process, load average ${os.loadavg()[0]?.toFixed(1)}\n`,
  );
  console.log('| what | req/s (median) | p99 ms (median) |');
  console.log('| --- | ---: | ---: |');
  for (const r of rows)
    console.log(`| ${r.name} | ${Math.round(median(r.rps))} | ${median(r.p99).toFixed(1)} |`);
  const ratio = (what: string, a: number, b: number) => console.log(`| ${what} | ${(a / b).toFixed(2)}× |`);
  console.log('\n| ratio (same run) | |\n| --- | ---: |');
  ratio(
    'cached article ÷ plain file',
    by('nginx deployment: cached article'),
    by('nginx: same bytes as a plain file'),
  );
  ratio(
    'cached article, brotli ÷ plain brotli file',
    by('nginx deployment: cached article, brotli'),
    by('nginx: same brotli bytes as a plain file'),
  );
  const line = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `median ${median(sorted).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`;
  };
  console.log(
    `\nPublish-to-visible through nginx, one node (10 corrections): ${line(latencies)} (after the save answered: ${line(afterSave)})`,
  );
  console.error('Publish-to-visible across two nodes…');
  const two = await acrossTwoNodes();
  if (typeof two === 'string') console.log(`Publish-to-visible across two nodes: ${two}`);
  else {
    console.log(
      `Publish-to-visible, two nodes with an nginx each (PostgreSQL + Redis), saved on node A, 10 corrections each, alternating:\n` +
        `  read through node A's nginx: ${line(two.a)} (after the save answered: ${line(two.afterSave.a)})\n` +
        `  read through node B's nginx: ${line(two.b)} (after the save answered: ${line(two.afterSave.b)})`,
    );
  }
}

await main();

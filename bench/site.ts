/**
 * `npm run bench` (first part): public pages uncached and cached, nginx serving the same bytes,
 * and how soon a correction is visible on one node and across two.
 *
 * Every server is the built package (`dist/`) on a loopback port with a fresh data directory
 * (the demo newsroom). Machines here are noisy, so figures are ratios to baselines measured in
 * the same run: /robots.txt on the same server (Fastify and the socket alone) and Debian's nginx
 * serving the cached article's bytes as a static file with one worker process (one process
 * against one process). BENCH_SECONDS, BENCH_CONNECTIONS change the load.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { correctionLatency, hasWrk, type Load, load, newsroom, startServer, startTwoNodes } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const NGINX = '/usr/sbin/nginx';

type Row = Load & { name: string };
const rows: Row[] = [];
const notes: string[] = [];

async function measure(name: string, url: string, headers?: Record<string, string>): Promise<Row> {
  const row = { name, ...(await load(url, SECONDS, CONNECTIONS, { headers })) };
  rows.push(row);
  console.error(`  ${name}: ${row.rps.toFixed(0)} req/s`);
  return row;
}

async function articlePath(base: string): Promise<string> {
  const html = await (await fetch(`${base}/`)).text();
  const m = /<a href="(\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no article link on the home page');
  return m[1];
}

/**
 * nginx with one worker serving the article's bytes as files: /article.html as they are, and
 * /br/article.html the brotli bytes with `Content-Encoding: br` (what a browser asking for br gets).
 */
async function startNginx(
  body: Buffer,
  br: Buffer,
): Promise<{ url: string; brUrl: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-nginx-'));
  fs.mkdirSync(path.join(dir, 'www', 'br'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'www', 'article.html'), body);
  fs.writeFileSync(path.join(dir, 'www', 'br', 'article.html'), br);
  fs.chmodSync(path.join(dir, 'www', 'br'), 0o755);
  // nginx's workers run as an unprivileged user: let them read the file.
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'www'), 0o755);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { default_type text/html; etag on; }
    location /br/ { default_type text/html; etag on; add_header Content-Encoding br; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/article.html`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    brUrl: `http://127.0.0.1:${port}/br/article.html`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Node's own ceiling on this machine, for the same bytes: `http` is a bare `node:http` server
 * answering every request with the article and two headers (no routing, no cache, no host check);
 * `socket` writes a prebuilt response for every request head it sees on a `node:net` socket, with
 * no HTTP parsing at all. They show how much of the distance to nginx is Node's, not Masthead's.
 */
async function startNodeBaselines(
  body: Buffer,
): Promise<{ http: string; socket: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-node-'));
  const file = path.join(dir, 'article.html');
  fs.writeFileSync(file, body);
  const script = `
    const fs = require('node:fs'), http = require('node:http'), net = require('node:net');
    const body = fs.readFileSync(process.env.BODY_FILE);
    const head = Buffer.from('HTTP/1.1 200 OK\\r\\ncontent-type: text/html; charset=utf-8\\r\\ncontent-length: ' + body.length + '\\r\\nConnection: keep-alive\\r\\n\\r\\n', 'latin1');
    const a = http.createServer((req, res) => {
      res.writeHead(200, ['content-type', 'text/html; charset=utf-8', 'content-length', String(body.length)]);
      res.end(body);
    }).listen(0, '127.0.0.1', () => {
      const b = net.createServer((s) => {
        s.on('error', () => {});
        s.on('data', (d) => {
          s.cork();
          for (let i = d.indexOf('\\r\\n\\r\\n'); i !== -1; i = d.indexOf('\\r\\n\\r\\n', i + 4)) { s.write(head); s.write(body); }
          s.uncork();
        });
      }).listen(0, '127.0.0.1', () => console.log(a.address().port + ' ' + b.address().port));
    });`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, BODY_FILE: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<string[]>((resolve, reject) => {
    child.stdout?.once('data', (c: Buffer) => resolve(c.toString().trim().split(' ')));
    child.once('exit', (code) => reject(new Error(`node baseline exited (${code})`)));
  });
  return {
    http: `http://127.0.0.1:${ports[0]}/article.html`,
    socket: `http://127.0.0.1:${ports[1]}/article.html`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The body bytes exactly as sent (fetch() would decode brotli), for one Accept-Encoding. */
function rawBody(url: string, encoding: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Ten corrections of the newest story, saved through `api`, each timed until `readBase` serves
 * it (the page is requested first, so it is in that node's cache when the correction lands).
 */
async function tenCorrections(
  api: Awaited<ReturnType<typeof newsroom>>,
  readBase: string,
): Promise<number[]> {
  const { articles } = await api<{ articles: { id: number }[] }>('GET', '/articles?status=published&limit=1');
  const id = articles[0]?.id as number;
  const out: number[] = [];
  for (let i = 1; i <= 10; i++) {
    const story = await api<{ path: string }>('GET', `/articles/${id}`);
    await fetch(`${readBase}${story.path}`);
    out.push(await correctionLatency(api, readBase, id, `Corrected headline number ${i}`));
  }
  return out;
}

async function latencyOnOneNode(): Promise<number[]> {
  const server = await startServer({});
  try {
    return await tenCorrections(await newsroom(server), server.base);
  } finally {
    await server.stop();
  }
}

async function latencyAcrossTwoNodes(): Promise<number[] | string> {
  const nodes = await startTwoNodes();
  if (typeof nodes === 'string') return nodes;
  try {
    return await tenCorrections(await newsroom(nodes.a), nodes.b.base);
  } finally {
    await nodes.stop();
  }
}

async function main() {
  console.error('Uncached (PAGE_CACHE_MB=0)…');
  const plain = await startServer({ PAGE_CACHE_MB: '0' });
  const article = await articlePath(plain.base);
  try {
    for (const p of ['/', '/news', article]) await fetch(plain.base + p);
    await measure('uncached: baseline (robots.txt)', `${plain.base}/robots.txt`);
    await measure('uncached: article page', plain.base + article);
    await measure('uncached: section front', `${plain.base}/news`);
    await measure('uncached: home page', `${plain.base}/`);
  } finally {
    await plain.stop();
  }

  console.error('Cached, and nginx serving the same bytes (alternating, three rounds)…');
  const cached = await startServer({});
  try {
    const cachedArticle = await articlePath(cached.base);
    for (const p of ['/', '/news', cachedArticle]) await fetch(cached.base + p);
    await measure('cached: baseline (robots.txt)', `${cached.base}/robots.txt`);
    await measure('cached: section front', `${cached.base}/news`);
    await measure('cached: home page', `${cached.base}/`);
    if (fs.existsSync(NGINX)) {
      const url = `${cached.base}${cachedArticle}`;
      const identity = await rawBody(url, 'identity');
      const nginx = await startNginx(identity, await rawBody(url, 'br'));
      const node = await startNodeBaselines(identity);
      try {
        const br = { 'accept-encoding': 'br' };
        for (let round = 0; round < 3; round++) {
          await measure('cached: article page', url);
          await measure('nginx: static file, 1 worker', nginx.url);
          await measure('cached: article page, brotli', url, br);
          await measure('nginx: static brotli file, 1 worker', nginx.brUrl, br);
          await measure('bare node:http, same bytes', node.http);
          await measure('node:net socket, prebuilt response', node.socket);
        }
      } finally {
        await nginx.stop();
        await node.stop();
      }
    } else {
      notes.push('nginx not installed (apt-get install nginx): no static-file comparison');
      await measure('cached: article page', cached.base + cachedArticle);
    }
  } finally {
    await cached.stop();
  }

  console.error('Publish-to-visible…');
  const one = await latencyOnOneNode();
  const two = await latencyAcrossTwoNodes();

  // Rows measured several times (alternating with nginx) are reported by their median.
  const merged = [...new Set(rows.map((r) => r.name))].map((key) => {
    const all = rows.filter((r) => r.name === key);
    const pick = (f: (r: Row) => number) => median(all.map(f));
    return {
      key,
      name: all.length > 1 ? `${key} (median of ${all.length})` : key,
      rps: pick((r) => r.rps),
      p50: pick((r) => r.p50),
      p99: pick((r) => r.p99),
      errors: all.reduce((a, r) => a + r.errors, 0),
    };
  });
  const by = (name: string) => merged.find((r) => r.key === name)?.rps ?? Number.NaN;
  console.log(
    `\nMasthead public pages — ${SECONDS} s each, ${CONNECTIONS} connections, ${hasWrk ? 'wrk (1 thread)' : 'autocannon'}, ${os.cpus().length} cores, Node ${process.version}, SQLite, demo newsroom, load average ${os.loadavg()[0]?.toFixed(1)}\n`,
  );
  console.log('| page | req/s | p50 ms | p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of merged) {
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`,
    );
  }
  console.log('\n| ratio | value |');
  console.log('| --- | ---: |');
  const ratio = (label: string, a: number, b: number) => console.log(`| ${label} | ${(a / b).toFixed(2)}× |`);
  ratio('cached article ÷ nginx static file', by('cached: article page'), by('nginx: static file, 1 worker'));
  ratio(
    'cached article, brotli ÷ nginx static brotli file',
    by('cached: article page, brotli'),
    by('nginx: static brotli file, 1 worker'),
  );
  ratio(
    "bare node:http ÷ nginx static file (Node's ceiling)",
    by('bare node:http, same bytes'),
    by('nginx: static file, 1 worker'),
  );
  ratio(
    'node:net socket ÷ nginx static file (no HTTP at all)',
    by('node:net socket, prebuilt response'),
    by('nginx: static file, 1 worker'),
  );
  ratio('cached article ÷ bare node:http', by('cached: article page'), by('bare node:http, same bytes'));
  ratio(
    'cached article ÷ robots.txt (same server)',
    by('cached: article page'),
    by('cached: baseline (robots.txt)'),
  );
  ratio('uncached article ÷ cached article', by('uncached: article page'), by('cached: article page'));
  ratio('uncached section ÷ cached section', by('uncached: section front'), by('cached: section front'));
  ratio('uncached home ÷ cached home', by('uncached: home page'), by('cached: home page'));
  ratio(
    'uncached article ÷ robots.txt (the "Publishing core" measure)',
    by('uncached: article page'),
    by('uncached: baseline (robots.txt)'),
  );
  console.log('\n| publish-to-visible (a correction saved, then read until shown) | median ms | max ms |');
  console.log('| --- | ---: | ---: |');
  console.log(`| one node | ${median(one).toFixed(1)} | ${Math.max(...one).toFixed(1)} |`);
  if (typeof two === 'string') console.log(`| two nodes (PostgreSQL + Redis) | ${two} | |`);
  else
    console.log(
      `| two nodes (PostgreSQL + Redis) | ${median(two).toFixed(1)} | ${Math.max(...two).toFixed(1)} |`,
    );
  for (const n of notes) console.log(`\nNote: ${n}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

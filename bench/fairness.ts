/**
 * `npm run bench:fairness`: is the site fair under load? A crawler walking the archive at 64
 * concurrent connections, every request a different random story (so nearly every one renders),
 * on one node. Reports the median and p99 latency, their ratio (target: p99 ≤ 5× the median),
 * requests per second and the server's CPU time per request.
 *
 * 1. An archive of BENCH_STORIES stories (default 100,000; BENCH_ARCHIVE_DIR keeps it).
 * 2. For each variant (BENCH_VARIANTS, `name:KEY=value,KEY=value;name2:…`; the default compares
 *    renders bounded and queued with the old unbounded behaviour and with worker threads), a
 *    fresh server on that archive with those settings, a warm-up, then BENCH_SECONDS (default 15)
 *    of the crawl. Variants alternate, BENCH_ROUNDS times (default 3), so the machine's changing
 *    load falls on each alike.
 *
 * The page cache stays on at PAGE_CACHE_MB=BENCH_CACHE_MB (default 64): with 100,000 stories a
 * random page is almost never in it, so a request renders, compresses and stores, as a crawler's
 * does in production. Requests say what Googlebot says it accepts (`gzip, deflate, br`;
 * BENCH_ACCEPT_ENCODING changes it, '' sends none). A variant's BENCH_DIST serves another build.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { prepareArchive } from './archive.js';
import { articlePaths, cpuSeconds, rssMb, startServer } from './lib.js';

const STORIES = Number(process.env.BENCH_STORIES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const CACHE_MB = process.env.BENCH_CACHE_MB ?? '64';
// What the crawler says it accepts: Googlebot's header by default ('' sends none).
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';
const VARIANTS = parseVariants(
  process.env.BENCH_VARIANTS ?? 'unbounded:RENDER_CONCURRENCY=0;queue:;workers:RENDER_WORKERS=1',
);

interface Variant {
  name: string;
  env: Record<string, string>;
}

function parseVariants(spec: string): Variant[] {
  return spec
    .split(';')
    .filter((v) => v.trim() !== '')
    .map((v) => {
      const [name = '', settings = ''] = v.split(/:(.*)/s);
      const env: Record<string, string> = {};
      for (const kv of settings.split(',').filter(Boolean)) {
        const [k = '', value = ''] = kv.split(/=(.*)/s);
        env[k.trim()] = value;
      }
      return { name: name.trim(), env };
    });
}

interface Run {
  variant: string;
  round: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  load: number;
}

async function crawl(base: string, paths: string[], seconds: number) {
  const pick = () => paths[Math.floor(Math.random() * paths.length)] as string;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    ...(ACCEPT_ENCODING ? { headers: { 'accept-encoding': ACCEPT_ENCODING } } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: pick() }) }],
  });
}

async function measure(variant: Variant, round: number, dir: string, paths: string[] | null) {
  // A variant's BENCH_DIST serves another build (an earlier commit's `dist`) for a before/after.
  const { BENCH_DIST: dist, ...env } = variant.env;
  const before = process.env.BENCH_DIST;
  if (dist) process.env.BENCH_DIST = dist;
  const server = await startServer(
    { MASTHEAD_SEED_DEMO: 'never', PAGE_CACHE_MB: CACHE_MB, ...env },
    dir,
  ).finally(() => {
    if (before === undefined) delete process.env.BENCH_DIST;
    else process.env.BENCH_DIST = before;
  });
  try {
    const list = paths ?? (await articlePaths(server.base));
    await crawl(server.base, list, 3); // warm-up: compiled code, the statement cache, the memos
    const pid = server.child.pid as number;
    const cpuBefore = cpuSeconds(pid);
    let peakRssMb = 0;
    const sampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, rssMb(pid));
    }, 250);
    const r = await crawl(server.base, list, SECONDS).finally(() => clearInterval(sampler));
    const run: Run = {
      variant: variant.name,
      round,
      rps: r.requests.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors + r.non2xx,
      cpuMsPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total),
      peakRssMb,
      load: os.loadavg()[0] ?? Number.NaN,
    };
    console.error(
      `${run.variant} #${round}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms (${(run.p99 / run.p50).toFixed(1)}×), ${run.cpuMsPerRequest.toFixed(2)} CPU ms/req, RSS ${peakRssMb.toFixed(0)} MB, load ${run.load.toFixed(1)}`,
    );
    return { run, paths: list };
  } finally {
    await server.stop();
  }
}

const range = (xs: number[], digits = 0) => {
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function main() {
  const { dir } = await prepareArchive(STORIES);
  const runs: Run[] = [];
  let paths: string[] | null = null;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const m = await measure(variant, round, dir, paths);
      paths = m.paths;
      runs.push(m.run);
    }
  }
  console.log(
    `\nFairness: random archive pages (${STORIES.toLocaleString('en')} stories, SQLite, PAGE_CACHE_MB=${CACHE_MB}), ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds alternating; autocannon, Accept-Encoding "${ACCEPT_ENCODING}"; ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.log(
    '| variant | settings | req/s | p50 ms | p90 ms | p99 ms | p99 ÷ p50 | max ms | CPU ms/req | peak RSS MB | errors | load |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const v of VARIANTS) {
    const rs = runs.filter((r) => r.variant === v.name);
    const settings = Object.entries(v.env)
      .map(([k, val]) => `${k}=${val}`)
      .join(' ');
    console.log(
      `| ${v.name} | ${settings || '(defaults)'} | ${range(rs.map((r) => r.rps))} | ${range(rs.map((r) => r.p50))} | ${range(rs.map((r) => r.p90))} | ${range(rs.map((r) => r.p99))} | ${range(
        rs.map((r) => r.p99 / r.p50),
        1,
      )} | ${range(rs.map((r) => r.max))} | ${range(
        rs.map((r) => r.cpuMsPerRequest),
        2,
      )} | ${range(rs.map((r) => r.peakRssMb))} | ${rs.reduce((a, r) => a + r.errors, 0)} | ${range(
        rs.map((r) => r.load),
        1,
      )} |`,
    );
  }
  const first = VARIANTS[0];
  if (first && VARIANTS.length > 1) {
    console.log(`\n| ratio against ${first.name} (medians of the rounds) | req/s | p99 |`);
    console.log('| --- | ---: | ---: |');
    const base = runs.filter((r) => r.variant === first.name);
    for (const v of VARIANTS.slice(1)) {
      const rs = runs.filter((r) => r.variant === v.name);
      const rps = median(rs.map((r) => r.rps)) / median(base.map((r) => r.rps));
      const p99 = median(rs.map((r) => r.p99)) / median(base.map((r) => r.p99));
      console.log(`| ${v.name} | ${rps.toFixed(2)}× | ${p99.toFixed(2)}× |`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

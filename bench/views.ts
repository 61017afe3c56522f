/**
 * `npm run bench:views`: what counting story views costs next to serving a cached story page.
 *
 * A reader's view is two requests: the page (from the page cache, nginx or a CDN) and the beacon
 * `/views/{id}.gif` (always the app). On one built server (demo newsroom, SQLite) this drives,
 * alternately, in short back-to-back runs: the cached article page; the beacon as a crawler
 * (answered, not counted: the same route and pixel without the counting); the beacon as a
 * browser (counted). It reads the server process's CPU time around each run, so the figures are
 * CPU microseconds per request — far steadier than requests per second on these shared machines,
 * whose speed drifts several-fold within a minute. Counting's cost is the counted beacon's CPU
 * per request minus the crawler beacon's, as a share of a cached page's, worked out per round;
 * the median round is reported. That difference is within the noise of whole requests, so the
 * counting itself (the bot rules and the in-memory count, what the counted beacon does that the
 * other does not) is also timed alone, a million times over, against the cached page's CPU per
 * request. BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS change the load.
 */
import { createViewCounter, isBot } from '../src/audience/index.js';
import { cpuSeconds, load, startServer } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BROWSER =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const server = await startServer({});
try {
  const html = await (await fetch(`${server.base}/`)).text();
  const path = /<a href="(\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/.exec(html)?.[1];
  if (!path) throw new Error('no article link on the home page');
  const page = await (await fetch(`${server.base}${path}`)).text();
  const beacon = /<img class="beacon" src="([^"]+)"/.exec(page)?.[1];
  if (!beacon) throw new Error('no beacon on the article page');
  const pid = server.child.pid as number;
  /** CPU microseconds the server spent per request while `url` was driven. */
  const cpuPerRequest = async (url: string, userAgent: string) => {
    const before = cpuSeconds(pid);
    const r = await load(url, SECONDS, CONNECTIONS, { headers: { 'user-agent': userAgent } });
    return ((cpuSeconds(pid) - before) * 1e6) / (r.rps * SECONDS);
  };
  const runs: Record<'page' | 'crawler' | 'browser', number[]> = { page: [], crawler: [], browser: [] };
  for (let round = 0; round < ROUNDS; round++) {
    runs.page.push(await cpuPerRequest(`${server.base}${path}`, BROWSER));
    runs.crawler.push(await cpuPerRequest(`${server.base}${beacon}`, CRAWLER));
    runs.browser.push(await cpuPerRequest(`${server.base}${beacon}`, BROWSER));
    console.error(
      `  round ${round + 1}: page ${runs.page.at(-1)?.toFixed(1)}, beacon (crawler) ${runs.crawler.at(-1)?.toFixed(1)}, beacon (counted) ${runs.browser.at(-1)?.toFixed(1)} µs CPU per request`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const p = median(runs.page);
  const c = median(runs.crawler);
  const b = median(runs.browser);
  // Per round: counting's cost as a share of that round's page cost.
  const costs = runs.page.map(
    (page, i) => ((runs.browser[i] as number) - (runs.crawler[i] as number)) / page,
  );
  const sorted = [...costs].sort((x, y) => x - y);
  const pct = (x: number | undefined) => `${((x ?? Number.NaN) * 100).toFixed(1)} %`;
  console.log(`| request | CPU µs per request (median of ${ROUNDS}) | ratio to the cached page |`);
  console.log(`| --- | ---: | ---: |`);
  console.log(`| cached story page | ${p.toFixed(1)} | 1.00 |`);
  console.log(`| beacon, crawler (not counted) | ${c.toFixed(1)} | ${(c / p).toFixed(2)} |`);
  console.log(`| beacon, reader (counted) | ${b.toFixed(1)} | ${(b / p).toFixed(2)} |`);
  console.log(
    `\ncounting's own cost, per round: median ${pct(median(costs))} of a cached page's ` +
      `(quartiles ${pct(sorted[Math.floor(ROUNDS / 4)])} … ${pct(sorted[Math.floor((3 * ROUNDS) / 4)])}; target < 2 %); ` +
      `a whole view (page + counted beacon) costs ${((p + b) / p).toFixed(2)}× the page alone`,
  );
  // The counting alone: the user-agent rules and the in-memory count, as the beacon runs them;
  // five passes (the first warms the JIT up), the median reported.
  const N = 1_000_000;
  const at = new Date(Date.UTC(2026, 11, 6, 12));
  const passes: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const counter = createViewCounter({ maxKeys: 1000 });
    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      // A new string each time, as each request's header is (its hash is not already known).
      const userAgent = `${BROWSER} `.slice(0, -1);
      if (!isBot(userAgent)) counter.record(1 + (i % 200), at);
    }
    passes.push(Number(process.hrtime.bigint() - started) / 1000 / N);
    if (counter.pending() !== N) throw new Error('the counter did not count');
  }
  const perView = median(passes);
  console.log(
    `counting alone (bot rules + in-memory count), ${N.toLocaleString('en')} views × 5 in this process: ` +
      `median ${perView.toFixed(3)} µs per view = ${((perView / p) * 100).toFixed(2)} % of a cached page's CPU (target < 2 %)`,
  );
} finally {
  await server.stop();
}

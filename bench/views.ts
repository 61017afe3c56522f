/**
 * `npm run bench:views`: what counting story views costs next to serving a cached story page.
 *
 * A reader's view is two requests: the page (from the page cache, nginx or a CDN) and the beacon
 * `/views/{id}.gif` (always the app). On one built server (demo newsroom, SQLite) this drives,
 * alternately, three times each: the cached article page; the beacon as a crawler (answered, not
 * counted: the same route and pixel without the counting); the beacon as a browser (counted). The
 * counting's cost is the difference between the two beacons, as a share of a cached page's cost:
 * (1/beacon − 1/crawler beacon) / (1/page). BENCH_SECONDS, BENCH_CONNECTIONS change the load.
 */
import { load, startServer } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
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
  const runs: Record<'page' | 'crawler' | 'browser', number[]> = { page: [], crawler: [], browser: [] };
  for (let round = 0; round < 3; round++) {
    runs.page.push(
      (await load(`${server.base}${path}`, SECONDS, CONNECTIONS, { headers: { 'user-agent': BROWSER } })).rps,
    );
    runs.crawler.push(
      (await load(`${server.base}${beacon}`, SECONDS, CONNECTIONS, { headers: { 'user-agent': CRAWLER } }))
        .rps,
    );
    runs.browser.push(
      (await load(`${server.base}${beacon}`, SECONDS, CONNECTIONS, { headers: { 'user-agent': BROWSER } }))
        .rps,
    );
    console.error(
      `  round ${round + 1}: page ${runs.page.at(-1)?.toFixed(0)}, beacon (crawler) ${runs.crawler.at(-1)?.toFixed(0)}, beacon (counted) ${runs.browser.at(-1)?.toFixed(0)} req/s`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const p = median(runs.page);
  const c = median(runs.crawler);
  const b = median(runs.browser);
  const counting = (1 / b - 1 / c) / (1 / p);
  console.log(`| measure | req/s (median of 3) | ratio to the cached page |`);
  console.log(`| --- | --- | --- |`);
  console.log(`| cached story page | ${p.toFixed(0)} | 1.00 |`);
  console.log(`| beacon, crawler (not counted) | ${c.toFixed(0)} | ${(c / p).toFixed(2)} |`);
  console.log(`| beacon, reader (counted) | ${b.toFixed(0)} | ${(b / p).toFixed(2)} |`);
  console.log(
    `\ncounting's own cost: ${(counting * 100).toFixed(2)} % of a cached page's (target < 2 %); ` +
      `a whole view (page + beacon) served by this one process: ${((p / (1 / (1 / p + 1 / b))) ** -1).toFixed(2)}× the page-only rate`,
  );
} finally {
  await server.stop();
}

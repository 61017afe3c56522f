/**
 * `npm run bench:alerts`: how soon a raised breaking alert reaches readers on every node.
 *
 * Two built app nodes on one PostgreSQL database with Redis between their caches (the
 * several-nodes deployment; see startTwoNodes). Each round: both nodes' home and article pages
 * are read first (so they sit in each node's page cache), an editor raises an alert through
 * node A's newsroom API, and four readers poll — node A's and node B's article page, node B's
 * home page and node B's /alerts.json — until each shows the alert's text. The time runs from
 * just before the raise request to the answer that shows it; the raise's own round trip is
 * included, as an editor would count it. The alert is then withdrawn and the next round waits
 * until it is gone. BENCH_ROUNDS changes the number of rounds (default 30). Target: p99 < 1 s.
 */
import { newsroom, type Server, startTwoNodes } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const LIMIT_MS = 10_000;

interface Reader {
  name: string;
  url: string;
  samples: number[];
}

/** Reads `url` until its body does (or does not) contain `text`; ms from `since`. */
async function until(url: string, text: string, present: boolean, since: number): Promise<number> {
  for (;;) {
    const body = await (await fetch(url)).text();
    if (body.includes(text) === present) return performance.now() - since;
    if (performance.now() - since > LIMIT_MS) throw new Error(`${url}: not ${present ? 'shown' : 'gone'}`);
  }
}

async function articlePath(server: Server): Promise<string> {
  const html = await (await fetch(`${server.base}/`)).text();
  const path = /<a href="(\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/.exec(html)?.[1];
  if (!path) throw new Error('no article link on the home page');
  return path;
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? Number.NaN;

async function main() {
  const nodes = await startTwoNodes();
  if (typeof nodes === 'string') {
    console.log(nodes);
    return;
  }
  try {
    const { a, b } = nodes;
    const api = await newsroom(a);
    const article = await articlePath(a);
    const readers: Reader[] = [
      { name: 'node A, article page', url: `${a.base}${article}`, samples: [] },
      { name: 'node B, article page', url: `${b.base}${article}`, samples: [] },
      { name: 'node B, home page', url: `${b.base}/`, samples: [] },
      { name: 'node B, /alerts.json', url: `${b.base}/alerts.json`, samples: [] },
    ];
    for (let round = 1; round <= ROUNDS; round++) {
      const text = `Bench alert number ${round}: river gauges at record level`;
      await Promise.all(readers.map((r) => fetch(r.url).then((res) => res.text())));
      const since = performance.now();
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const raised = api<{ id: number }>('POST', '/alerts', { text, level: 'breaking', expiresAt });
      const seen = await Promise.all(readers.map((r) => until(r.url, text, true, since)));
      for (const [i, ms] of seen.entries()) readers[i]?.samples.push(ms);
      const { id } = await raised;
      await api('POST', `/alerts/${id}/withdraw`, {});
      await Promise.all(readers.map((r) => until(r.url, text, false, performance.now())));
      if (round % 10 === 0) console.error(`  ${round}/${ROUNDS} rounds`);
    }
    console.log(`\nraise → visible, ${ROUNDS} alerts, two nodes (PostgreSQL + Redis), ms:\n`);
    console.log('| reader | p50 | p95 | p99 | max |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of readers) {
      const f = (q: number) => quantile(r.samples, q).toFixed(1);
      console.log(
        `| ${r.name} | ${f(0.5)} | ${f(0.95)} | ${f(0.99)} | ${Math.max(...r.samples).toFixed(1)} |`,
      );
    }
    const all = readers.flatMap((r) => r.samples);
    console.log(`\nall readers: p99 ${quantile(all, 0.99).toFixed(1)} ms (target < 1000 ms)`);
  } finally {
    await nodes.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

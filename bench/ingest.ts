/**
 * `npx tsx bench/ingest.ts [--items N]`: wire ingest on SQLite. Pushes N signed ninjs items
 * (default 5,000) through the real route (app.inject: routing, signature, parsing, schema,
 * conversion, the queue's transaction), one after another, then times the desk's filters over
 * the queue they made. Prints pushes/s, push latency percentiles, and filter latencies: the
 * time from a push's answer to the item being findable is zero by construction (the row is the
 * index), so the figure that matters is how long a filtered queue takes at this size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { addSource, listQueue, signPush } from '../src/ingest/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('items', 5000);
const WORDS = 'council budget flood strike court election market storm rail energy school hospital'.split(
  ' ',
);

function item(i: number): string {
  const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
  const paragraphs = Array.from(
    { length: 8 },
    (_, p) =>
      `<p>${w(p)} report ${i}: the ${w(p + 1)} desk said the ${w(p + 2)} story continues, item ${i}.</p>`,
  );
  return JSON.stringify({
    uri: `urn:bench:${i}`,
    version: '1',
    headline: `${w(0)} ${w(1)} update ${i}`,
    description_text: `Summary of ${w(2)} item ${i}`,
    body_html: paragraphs.join(''),
    urgency: (i % 9) + 1,
    byline: 'Bench Reporter',
    versioncreated: '2026-12-06T07:00:00Z',
    subject: [{ name: 'x', uri: `http://cv.iptc.org/newscodes/mediatopic/${20000000 + (i % 50)}` }],
  });
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]?.toFixed(2);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-ingest-'));
const ctx = await createContext(
  loadConfig({ MASTHEAD_DATA_DIR: dir, SITE_URL: 'https://news.example.com', LOG_LEVEL: 'silent' }),
);
const app = await buildApp(ctx);
const { secret } = await addSource(
  ctx.db,
  { slug: 'bench', name: 'Bench' },
  { id: null, label: 'bench' },
  ctx.now().toISOString(),
);
const latencies: number[] = [];
const start = performance.now();
for (let i = 0; i < N; i++) {
  const body = item(i);
  const ts = Math.floor(ctx.now().getTime() / 1000);
  const t0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/ingest/bench',
    headers: {
      'content-type': 'application/json',
      'webhook-id': `b${i}`,
      'webhook-timestamp': String(ts),
      'webhook-signature': signPush(secret, `b${i}`, ts, body),
    },
    payload: body,
  });
  latencies.push(performance.now() - t0);
  if (res.statusCode !== 202) throw new Error(`push ${i}: ${res.statusCode} ${res.body}`);
}
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
console.log(`${N} pushes in ${seconds.toFixed(1)} s: ${(N / seconds).toFixed(0)} items/s`);
console.log(
  `push latency ms: p50 ${pct(latencies, 50)}, p95 ${pct(latencies, 95)}, p99 ${pct(latencies, 99)}`,
);
for (const [label, query] of [
  ['newest 50', {}],
  ['text, 2 words', { q: 'flood desk' }],
  ['text, rare', { q: `report ${N - 1}:` }],
  ['subject code', { subject: 'medtop:20000007' }],
  ['priority ≤ 2 + text', { priority: 2, q: 'storm' }],
] as const) {
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    found = (await listQueue(ctx.db, query)).items.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `queue filter "${label}": ${found} shown, p50 ${pct(times, 50)} ms, max ${times.at(-1)?.toFixed(2)} ms`,
  );
}
await app.close();
await ctx.close();
fs.rmSync(dir, { recursive: true, force: true });

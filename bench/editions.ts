/**
 * `npx tsx bench/editions.ts`: what editions cost a page render. The demo newsroom (three
 * editions) in a temporary SQLite database, the page cache off, each page rendered N times
 * through the app in this process; medians. The baseline is the English story page of the
 * same run; the Spanish and Arabic pages add the catalogue lookups (ICU formatting, list
 * joining, <bdi>) and the alternates query of a translated story.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { seedDemoIfEmpty } from '../src/demo/seed.js';
import { loadEditions, resolveEdition } from '../src/editions/index.js';

const N = Number(process.env.N ?? 300);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-editions-'));
const config = loadConfig({
  MASTHEAD_DATA_DIR: dir,
  SITE_URL: 'https://news.example.com',
  PAGE_CACHE_MB: '0',
  LOG_LEVEL: 'silent',
});
const ctx = await createContext(config);
await seedDemoIfEmpty(ctx);
const app = await buildApp(ctx);
const pathOf = async (slug: string) =>
  (await ctx.db.selectFrom('articles').select('path').where('slug', '=', slug).executeTakeFirstOrThrow())
    .path as string;
const pages: [string, string][] = [
  ['English story (baseline, untranslated)', await pathOf('antwerp-port-strike-enters-third-day')],
  ['English story, translated (alternates)', await pathOf('night-train-links-prague-and-ljubljana')],
  ['Spanish story, translated', await pathOf('nuevo-tren-nocturno-une-praga-y-liubliana')],
  ['Arabic story, translated (RTL)', await pathOf('night-train-prague-ljubljana')],
  ['English home', '/'],
  ['Spanish home', '/es'],
];
async function median(url: string): Promise<number> {
  for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url });
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
const results: [string, number][] = [];
for (const [name, url] of pages) results.push([name, await median(url)]);
const base = results[0]?.[1] ?? 1;
console.log(`page renders through app.inject, page cache off, median of ${N}:`);
for (const [name, ms] of results)
  console.log(`  ${name.padEnd(42)} ${ms.toFixed(2)} ms  ×${(ms / base).toFixed(2)}`);
// Resolution itself: a pure function over the cached list.
const editions = await loadEditions(ctx.db, config.site);
const t = performance.now();
const R = 1_000_000;
for (let i = 0; i < R; i++)
  resolveEdition(editions, 'news.example.com', i % 2 ? '/es/internacional' : '/news/world');
console.log(`  resolveEdition: ${(((performance.now() - t) / R) * 1e6).toFixed(0)} ns a request`);
await app.close();
await ctx.close();
fs.rmSync(dir, { recursive: true, force: true });

/**
 * `npm run bench` (second part): memory with a 100,000-story archive, then a soak at about 80% of
 * peak throughput while a story is published every second.
 *
 * 1. Generates the archive into a fresh SQLite data directory (BENCH_STORIES, default 100,000;
 *    BENCH_ARCHIVE_DIR keeps it for later runs) with a bench editor account.
 * 2. Serves it with the built package (PAGE_CACHE_MB = BENCH_CACHE_MB, default 64, so the budget
 *    is smaller than the archive's pages and eviction is exercised): RSS at idle.
 * 3. Crawl: random pages from the whole archive (mostly misses, so renders and evictions), for
 *    30 s: RSS under load and the cache's size against its budget.
 * 4. Peak: a news day's mix — 98% the pages traffic piles onto (home, fronts, the 200 newest
 *    stories), 2% anywhere in the archive (mostly renders) — for 15 s.
 * 5. Soak: BENCH_SOAK_SECONDS (default 300) at 80% of that peak (or BENCH_SOAK_RATE) on the same mix, publishing a
 *    story every second through the newsroom API; errors, p99, RSS and heap per 30 s.
 * Every request says what Chrome says it accepts (BENCH_ACCEPT_ENCODING changes it). BENCH_DIST
 * serves another build (bench/lib.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { prepareArchive } from './archive.js';
import { articlePaths, newsroom, residentMb, rssMb, startServer } from './lib.js';

const STORIES = Number(process.env.BENCH_STORIES ?? 100_000);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const CACHE_MB = process.env.BENCH_CACHE_MB ?? '64';
const CONNECTIONS = 32;
// What readers' browsers say they accept (Chrome's header); BENCH_ACCEPT_ENCODING='' sends none,
// as every run before 2026-12-08 did.
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd';
const HEADERS = ACCEPT_ENCODING ? { headers: { 'accept-encoding': ACCEPT_ENCODING } } : {};
const EMAIL = 'bench-admin@example.com';
const PASSWORD = 'bench admin password 2026';

interface Window {
  t: number;
  requests: number;
  p99: number;
  errors: number;
  rss: number;
  cacheMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  buffersMb: number;
  published: number;
}

function p99(xs: number[]): number {
  const s = xs.sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.99)] ?? Number.NaN;
}

async function main() {
  const { dir, keep } = await prepareArchive(STORIES, { email: EMAIL, password: PASSWORD });
  const server = await startServer({ MASTHEAD_SEED_DEMO: 'never', PAGE_CACHE_MB: CACHE_MB }, dir);
  try {
    const pid = server.child.pid as number;
    const api = await newsroom(server, EMAIL, PASSWORD);
    const cacheStats = async () =>
      api<{
        bytes: number;
        entries: number;
        budgetBytes: number;
        memory: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
      }>('GET', '/system/cache');
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = rssMb(pid);

    const archive = await articlePaths(server.base);
    const home = await (await fetch(`${server.base}/`)).text();
    const fronts = [...new Set([...home.matchAll(/<a href="(\/[a-z-]+)"/g)].map((m) => m[1] as string))];
    const newest = archive.slice(0, 200);
    const hot = ['/', ...fronts, ...newest];
    console.error(
      `${archive.length} article URLs, ${hot.length} hot pages; idle RSS ${idleRss.toFixed(0)} MB`,
    );

    // Crawl the archive: mostly misses.
    let crawlPeak = 0;
    const sampler = setInterval(() => {
      crawlPeak = Math.max(crawlPeak, rssMb(pid));
    }, 500);
    const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)] as string;
    const crawl = await autocannon({
      url: server.base,
      connections: 16,
      duration: 30,
      ...HEADERS,
      requests: [{ setupRequest: (req) => ({ ...req, path: pick(archive) }) }],
    });
    clearInterval(sampler);
    const afterCrawl = await cacheStats();

    // Peak on the hot set, then the soak at 80% of it.
    const mix = () => (Math.random() < 0.98 ? pick(hot) : pick(archive));
    const peakRun = await autocannon({
      url: server.base,
      connections: CONNECTIONS,
      duration: 15,
      ...HEADERS,
      requests: [{ setupRequest: (req) => ({ ...req, path: mix() }) }],
    });
    const peak = peakRun.requests.average;
    // BENCH_SOAK_RATE fixes the rate, so runs on a busy machine compare (memory grows with it).
    const rate = Number(process.env.BENCH_SOAK_RATE ?? 0) || Math.round(peak * 0.8);
    console.error(`peak ${peak.toFixed(0)} req/s; soaking ${SOAK_SECONDS} s at ${rate} req/s`);

    const windows: Window[] = [];
    let times: number[] = [];
    let errors = 0;
    let requests = 0;
    let published = 0;
    let publishErrors = 0;
    const sections = await api<{ sections: { id: number }[] }>('GET', '/sections');
    const sectionIds = sections.sections.map((s) => s.id);
    let publishing: Promise<void> = Promise.resolve();
    const publishOne = async () => {
      try {
        const n = published + publishErrors + 1;
        const draft = await api<{ id: number; version: number }>('POST', '/articles', {
          headline: `Soak story ${n}: the council meets again`,
          sectionId: sectionIds[n % sectionIds.length],
          body: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: `Story ${n}.` }] }],
          },
        });
        // Past the checks' warnings (no picture, dek or byline): the soak measures load, not copy.
        await api('POST', `/articles/${draft.id}/transitions`, {
          action: 'publish',
          version: draft.version,
          override: true,
        });
        published++;
      } catch (err) {
        publishErrors++;
        console.error(String(err));
      }
    };
    const publisher = setInterval(() => {
      publishing = publishOne();
    }, 1000);
    const started = Date.now();
    const sample = setInterval(async () => {
      const stats = await cacheStats().catch(() => ({
        bytes: Number.NaN,
        memory: {
          heapUsed: Number.NaN,
          heapTotal: Number.NaN,
          external: Number.NaN,
          arrayBuffers: Number.NaN,
        },
      }));
      windows.push({
        t: Math.round((Date.now() - started) / 1000),
        requests,
        p99: p99(times),
        errors,
        rss: rssMb(pid),
        cacheMb: stats.bytes / 1048576,
        heapMb: stats.memory.heapUsed / 1048576,
        heapTotalMb: stats.memory.heapTotal / 1048576,
        externalMb: stats.memory.external / 1048576,
        buffersMb: stats.memory.arrayBuffers / 1048576,
        published,
      });
      times = [];
      errors = 0;
      requests = 0;
    }, 30_000);
    const soakResult = await new Promise<autocannon.Result>((resolve, reject) => {
      const soak = autocannon(
        {
          url: server.base,
          connections: CONNECTIONS,
          duration: SOAK_SECONDS,
          overallRate: rate,
          ...HEADERS,
          requests: [{ setupRequest: (req) => ({ ...req, path: mix() }) }],
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      soak.on('response', (_client, status, _bytes, ms) => {
        requests++;
        times.push(ms);
        if (status >= 400) errors++;
      });
      soak.on('reqError', () => {
        errors++;
      });
    });
    clearInterval(sample);
    clearInterval(publisher);
    await publishing; // the last story finishes before the figures are read and the server stops
    const end = await cacheStats();
    const where = residentMb(pid);

    console.log(
      `\nMasthead under load — ${STORIES.toLocaleString('en')} stories (SQLite), PAGE_CACHE_MB=${CACHE_MB}, autocannon, Accept-Encoding "${ACCEPT_ENCODING}", ${os.cpus().length} cores, Node ${process.version}\n`,
    );
    console.log('| measure | value |');
    console.log('| --- | ---: |');
    console.log(`| RSS at idle (archive served, cache empty) | ${idleRss.toFixed(0)} MB |`);
    console.log(
      `| crawl: random archive pages, 30 s, 16 connections | ${crawl.requests.average.toFixed(0)} req/s, p99 ${crawl.latency.p99} ms, ${crawl.errors + crawl.non2xx} errors |`,
    );
    console.log(`| crawl: peak RSS | ${crawlPeak.toFixed(0)} MB |`);
    console.log(
      `| crawl: cache after (entries, MB / budget MB) | ${afterCrawl.entries}, ${(afterCrawl.bytes / 1048576).toFixed(1)} / ${(afterCrawl.budgetBytes / 1048576).toFixed(0)} |`,
    );
    console.log(
      `| peak on the news-day mix (98% home, fronts, 200 newest; 2% archive) | ${peak.toFixed(0)} req/s, p99 ${peakRun.latency.p99} ms |`,
    );
    console.log(
      `| soak: ${SOAK_SECONDS} s at ${rate} req/s | ${soakResult.requests.total} requests, ${soakResult.errors + soakResult.non2xx} errors, p99 ${soakResult.latency.p99} ms |`,
    );
    console.log(`| soak: stories published (one per second) | ${published} (${publishErrors} failed) |`);
    console.log(
      `| soak: cache at the end (entries, MB) | ${end.entries}, ${(end.bytes / 1048576).toFixed(1)} |`,
    );
    console.log(
      `| soak: RSS at the end by mapping: glibc main heap, anonymous, node binary, other files (MB) | ${[where.heap, where.anon, where.binary, where.files].map((v) => v.toFixed(0)).join(', ')} |`,
    );
    console.log(
      '\n| soak window (s) | requests | p99 ms | errors | RSS MB | JS heap used / total MB | external MB (buffers) | cache MB | published so far |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const w of windows) {
      console.log(
        `| ${w.t} | ${w.requests} | ${w.p99.toFixed(1)} | ${w.errors} | ${w.rss.toFixed(0)} | ${w.heapMb.toFixed(0)} / ${w.heapTotalMb.toFixed(0)} | ${w.externalMb.toFixed(0)} (${w.buffersMb.toFixed(0)}) | ${w.cacheMb.toFixed(1)} | ${w.published} |`,
      );
    }
  } finally {
    await server.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

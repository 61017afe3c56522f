/**
 * `npx tsx bench/renders.ts [BASELINE_DIR]`: what one uncached render costs, in-process, for the
 * article, a crawl over every story, a section front and the home page, as CPU milliseconds per
 * page against /robots.txt (the request pipeline alone) in the same process. CPU time rather than
 * requests per second because the machines here are shared: a busy neighbour stretches the wall
 * clock of every request, much less the CPU each one burns.
 *
 * Runs the built package (`dist/`, `npm run build` first) with the page cache off and the demo
 * newsroom. Given a BASELINE_DIR holding another build (e.g. `git archive main` built there), the
 * two alternate, ROUNDS times each, and the medians are compared.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const N = Number(process.env.N ?? 400);
const ROWS = ['robots', 'article', 'crawl', 'section', 'home'] as const;

// One build, one fresh process: seeds the demo, warms up, then times N renders of each row.
const child = `
const root = process.argv[1], N = Number(process.argv[2]);
const fs = await import('node:fs');
const { loadConfig } = await import(root + '/dist/config.js');
const { createContext } = await import(root + '/dist/context.js');
const { buildApp } = await import(root + '/dist/app.js');
const { seedDemoIfEmpty } = await import(root + '/dist/demo/seed.js');
const dir = fs.mkdtempSync('/tmp/masthead-renders-');
const ctx = await createContext(loadConfig({ ...process.env, MASTHEAD_DATA_DIR: dir, PAGE_CACHE_MB: '0',
  LOG_LEVEL: 'silent', SITE_URL: 'http://127.0.0.1:3999' }));
await seedDemoIfEmpty(ctx);
const app = await buildApp(ctx);
const headers = { host: '127.0.0.1:3999' };
const home = (await app.inject({ url: '/', headers })).body;
const article = /<a href="(\\/[a-z0-9/-]+\\/\\d{4}\\/\\d{2}\\/\\d{2}\\/[a-z0-9-]+)"/.exec(home)[1];
const all = (await ctx.db.selectFrom('articles').select('path').where('status', '=', 'published').execute()).map((r) => r.path);
const rows = { robots: () => '/robots.txt', article: () => article, crawl: (i) => all[i % all.length],
  section: () => '/news', home: () => '/' };
const out = {};
for (const [name, at] of Object.entries(rows)) {
  for (let i = 0; i < 50; i++) await app.inject({ url: at(i), headers });
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const r = await app.inject({ url: at(i), headers });
    if (r.statusCode !== 200) throw new Error(at(i) + ' answered ' + r.statusCode);
  }
  const c = process.cpuUsage(c0);
  out[name] = (c.user + c.system) / 1000 / N;
}
console.log(JSON.stringify(out));
await app.close(); await ctx.close(); fs.rmSync(dir, { recursive: true, force: true });
`;

function run(root: string): Record<(typeof ROWS)[number], number> {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', child, root, String(N)], {
    encoding: 'utf8',
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

const builds: [string, string][] = [['this build', process.cwd()]];
if (process.argv[2]) builds.unshift(['baseline', path.resolve(process.argv[2])]);
for (const [, root] of builds)
  if (!fs.existsSync(path.join(root, 'dist/app.js'))) throw new Error(`${root}: no dist/ (npm run build)`);

const runs = new Map<string, Record<string, number>[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, root] of builds) {
    const r = run(root);
    runs.set(name, [...(runs.get(name) ?? []), r]);
    console.error(
      `  ${name}, round ${round + 1}: ${ROWS.map((k) => `${k} ${r[k].toFixed(2)}`).join(', ')} ms`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const med = (name: string, row: string) => median((runs.get(name) ?? []).map((r) => r[row] as number));
console.log(
  `Node ${process.version}, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}, N=${N}, ${ROUNDS} rounds (medians)`,
);
console.log(
  `| page | ${builds.map(([n]) => `${n}: CPU ms/page (pages/s of one core)`).join(' | ')}${builds.length > 1 ? ' | speed-up |' : ''}`,
);
for (const row of ROWS) {
  const cells = builds.map(([n]) => `${med(n, row).toFixed(3)} (${(1000 / med(n, row)).toFixed(0)})`);
  const speedup =
    builds.length > 1 ? ` ${(med('baseline', row) / med('this build', row)).toFixed(2)}× |` : '';
  console.log(`| ${row} | ${cells.join(' | ')} |${speedup}`);
}

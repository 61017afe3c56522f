/**
 * `npm run bench:live`: how fast a live story's new entry reaches every connected reader.
 *
 * Phase 1, one node (demo newsroom, SQLite): BENCH_READERS (2,000) server-sent events readers on
 * one story, a reporter posting an entry through the newsroom API every BENCH_INTERVAL_MS (2 s),
 * BENCH_POSTS (15) times; for each entry and reader, the time from sending the post to the event
 * arriving. Phase 2, two nodes (separate processes) on one PostgreSQL database and Redis
 * (127.0.0.1:6379, a key prefix of its own): half the readers on each node, the reporter posting
 * to the first. Needs MASTHEAD_TEST_PG_URL for phase 2 (skipped without it). Loopback only.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { newsroom, rssMb, type Server, startServer } from './lib.js';

const READERS = Number(process.env.BENCH_READERS ?? 2000);
const POSTS = Number(process.env.BENCH_POSTS ?? 15);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 2000);
const LATE_MS = 2000;
const PG_ADMIN = process.env.MASTHEAD_TEST_PG_URL;
const REDIS_URL = process.env.MASTHEAD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Reader {
  req: http.ClientRequest;
  /** Entry id → ms (performance.now) it arrived. */
  got: Map<number, number>;
}

/** Opens one SSE reader; resolves once the server has answered 200 and sent its first event. */
function openReader(base: string, storyId: number): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const got = new Map<number, number>();
    const req = http.get(`${base}/live/${storyId}/events?since=2099-01-01T00:00:00.000Z`, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`reader got ${res.statusCode}`));
      }
      let first = true;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          if (first) {
            first = false;
            resolve({ req, got });
          }
          const payload = JSON.parse(data.slice(6)) as { upserts?: { id: number }[] };
          for (const u of payload.upserts ?? []) if (!got.has(u.id)) got.set(u.id, at);
        }
      });
    });
    req.on('error', reject);
  });
}

async function openReaders(bases: string[], storyId: number, n: number): Promise<Reader[]> {
  const out: Reader[] = [];
  // In waves of 200: a connection storm is not what this measures.
  for (let i = 0; i < n; i += 200) {
    const wave = Array.from({ length: Math.min(200, n - i) }, (_, j) =>
      openReader(bases[(i + j) % bases.length] as string, storyId),
    );
    out.push(...(await Promise.all(wave)));
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function run(label: string, nodes: Server[]): Promise<void> {
  const [a] = nodes as [Server];
  const api = await newsroom(a);
  const list = await api<{ articles: { id: number; path: string }[] }>(
    'GET',
    '/articles?status=published&limit=1',
  );
  const story = list.articles[0];
  if (!story) throw new Error('no published story in the demo newsroom');
  await api('POST', `/articles/${story.id}/live/start`, {});
  const opened = performance.now();
  const readers = await openReaders(
    nodes.map((n) => n.base),
    story.id,
    READERS,
  );
  console.error(
    `${label}: ${readers.length} readers connected in ${Math.round(performance.now() - opened)} ms`,
  );
  const sent = new Map<number, number>();
  for (let i = 0; i < POSTS; i++) {
    const tick = performance.now();
    const body = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `Update ${i + 1} from the finish line.` }] },
      ],
    };
    const at = performance.now();
    const entry = await api<{ id: number }>('POST', `/articles/${story.id}/live/entries`, { body });
    sent.set(entry.id, at);
    const wait = INTERVAL_MS - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // The last entry gets its full interval, then whatever has not arrived is missing.
  await new Promise((r) => setTimeout(r, 3000));
  const latencies: number[] = [];
  let missing = 0;
  for (const r of readers) {
    for (const [id, at] of sent) {
      const got = r.got.get(id);
      if (got === undefined) missing++;
      else latencies.push(got - at);
    }
  }
  latencies.sort((x, y) => x - y);
  const late = latencies.filter((l) => l > LATE_MS).length;
  const rss = nodes.map((n) => (n.child.pid ? `${rssMb(n.child.pid).toFixed(0)} MB` : '?')).join(', ');
  console.log(
    `${label}: ${readers.length} readers × ${sent.size} entries (one every ${INTERVAL_MS} ms): ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(0)} ms; ` +
      `late (> ${LATE_MS} ms) ${late}, missing ${missing}; server RSS ${rss}`,
  );
  for (const r of readers) r.req.destroy();
  await api('POST', `/articles/${story.id}/live/end`, {}).catch(() => undefined);
}

const common = { LIVE_MAX_READERS: String(READERS + 100), SITE_URL: 'http://127.0.0.1' };

// Phase 1: one node, SQLite, the demo newsroom.
{
  const node = await startServer({ ...common, MASTHEAD_SEED_DEMO: 'auto' });
  try {
    await run('one node (SQLite)', [node]);
  } finally {
    await node.stop();
  }
}

// Phase 2: two nodes, PostgreSQL and Redis.
if (!PG_ADMIN) {
  console.error('two nodes skipped: set MASTHEAD_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres');
} else {
  const name = `masthead_bench_live_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const env = {
    ...common,
    DATABASE_URL: url.toString(),
    REDIS_URL,
    REDIS_PREFIX: `masthead-bench-live-${randomBytes(4).toString('hex')}:`,
  };
  const nodes: Server[] = [];
  try {
    // One after the other: the first creates the schema, the demo newsroom and the owner.
    nodes.push(await startServer({ ...env, MASTHEAD_SEED_DEMO: 'auto' }));
    nodes.push(await startServer({ ...env, MASTHEAD_SEED_DEMO: 'never' }));
    await run('two nodes (PostgreSQL + Redis)', nodes);
  } finally {
    for (const n of nodes) await n.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

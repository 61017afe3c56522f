/**
 * `npm run bench:related`: related stories (knowledge/related.ts) on a generated archive of
 * STORIES stories (default 200,000; bench/archive.ts, oldest first) in a fresh SQLite database,
 * or in the empty PostgreSQL database DATABASE_URL names
 * (`DATABASE_URL=postgres://…/scratch npm run bench:related`). Each story has 4 confirmed entities drawn from 5,000 with a Zipf-like spread (a few on tens of
 * thousands of stories, most on a handful), bulk-inserted; the words are not what we measure. Prints the median, p95 and
 * worst time of `relatedStories` over SAMPLES stories taken across the archive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { relatedStories } from '../src/knowledge/index.js';
import { generateArchive } from './archive.js';

const STORIES = Number(process.env.STORIES ?? 200_000);
const ENTITIES = 5_000;
const PER_STORY = 4;
const SAMPLES = Number(process.env.SAMPLES ?? 300);

/** Entity rank r (0-based) is picked with weight 1/(r+1): a few common names, a long tail. */
function zipf(random: () => number): number {
  const h = Math.log(ENTITIES) + 0.5772;
  let u = random() * h;
  for (let r = 0; r < ENTITIES; r++) {
    u -= 1 / (r + 1);
    if (u <= 0) return r;
  }
  return ENTITIES - 1;
}

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-related-'));
  const env = {
    ...process.env,
    MASTHEAD_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SITE_URL: 'https://news.example.com',
  };
  const ctx = await createContext(loadConfig(env));
  const db = ctx.db;
  const random = seeded(42);
  const at = '2026-01-01T00:00:00.000Z';
  let t = performance.now();
  await generateArchive(ctx, dir, STORIES, { oldestFirst: true });
  const entityIds: number[] = [];
  await db.transaction().execute(async (tx) => {
    for (let base = 0; base < ENTITIES; base += 500) {
      const rows = Array.from({ length: 500 }, (_, k) => ({
        type: 'person' as const,
        name: `Entity ${base + k}`,
        slug: `entity-${base + k}`,
        description: '',
        wikidata_qid: null,
        same_as: '[]',
        merged_into: null,
        created_at: at,
        updated_at: at,
      }));
      entityIds.push(
        ...(await tx.insertInto('entities').values(rows).returning('id').execute()).map((r) => r.id),
      );
    }
    const ids = (await tx.selectFrom('articles').select('id').orderBy('id').execute()).map((r) => r.id);
    const CHUNK = 500;
    for (let base = 0; base < ids.length; base += CHUNK) {
      const links = ids.slice(base, base + CHUNK).flatMap((id) => {
        const picked = new Set<number>();
        while (picked.size < PER_STORY) picked.add(entityIds[zipf(random)]!);
        return [...picked].map((entityId) => ({
          article_id: id,
          key: `e:${entityId}`,
          entity_id: entityId,
          name: `Entity ${entityId}`,
          type: 'person' as const,
          state: 'confirmed' as const,
          mentions: 1,
          first_offset: 0,
          snippet: '',
          decided_by: 'bench',
          decided_at: at,
          updated_at: at,
        }));
      });
      await tx.insertInto('article_entities').values(links).execute();
    }
  });
  console.log(
    `Generated ${STORIES} stories, ${STORIES * PER_STORY} links in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  if (process.env.DATABASE_URL?.startsWith('postgres')) {
    // What autovacuum does after a bulk load: without statistics the planner takes a common
    // entity for 8 rows and bitmap-scans all its 76,000 links (200 ms) instead of reading 200.
    await sql`vacuum analyze`.execute(db);
  }
  const { max } = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const times: number[] = [];
  for (let k = 0; k < 20; k++) await relatedStories(db, now, Number(max) - k); // warm up
  for (let k = 0; k < SAMPLES; k++) {
    const id = 1 + Math.floor(random() * Number(max));
    t = performance.now();
    await relatedStories(db, now, id);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(
    `\nNode ${process.version}, ${os.cpus().length} cores, ${process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}, ${STORIES} stories, ${ENTITIES} entities`,
  );
  console.log(
    `relatedStories over ${SAMPLES} stories: median ${q(0.5)} ms, p95 ${q(0.95)} ms, worst ${q(1)} ms`,
  );
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();

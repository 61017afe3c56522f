import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobs, startJobs } from '../jobs/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import { createArticle } from './articles.js';
import { transitionArticle } from './workflow.js';

const worker = path.join(import.meta.dirname, '../test/scheduler-worker.ts');

describe.each(testDialects())('scheduled publishing on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(() => env?.close());

  async function schedule(n: number, at: Date) {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const draft = await createArticle(
        env.ctx.db,
        { headline: `Scheduled ${i}`, body: paragraphs('x'), sectionId: fx.sections.world },
        { now: env.ctx.now().toISOString(), timeZone: 'Europe/Prague' },
      );
      const soon = new Date(Date.now() + 60_000).toISOString();
      await transitionArticle(
        env.ctx.db,
        draft.id,
        { action: 'schedule', publishAt: soon, expectedVersion: 1 },
        { by: 'test', timeZone: 'Europe/Prague', now: new Date().toISOString() },
      );
      // Move the due time to `at` directly, as if it had been scheduled long ago.
      await env.ctx.db
        .updateTable('articles')
        .set({ publish_at: at.toISOString() })
        .where('id', '=', draft.id)
        .execute();
      ids.push(draft.id);
    }
    return ids;
  }

  it('publishes stories due while the server was down as soon as the jobs start', async () => {
    const ids = await schedule(2, new Date(Date.now() - 3_600_000));
    const stop = startJobs(env.ctx, defaultJobs, { onError: () => {} });
    const deadline = Date.now() + 5_000;
    let rows: { status: string }[] = [];
    while (Date.now() < deadline) {
      rows = await env.ctx.db.selectFrom('articles').select('status').where('id', 'in', ids).execute();
      if (rows.every((r) => r.status === 'published')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop();
    expect(rows.map((r) => r.status)).toEqual(['published', 'published']);
  });

  it('publishes each story exactly once with two processes sharing the database, within 5 s of its time', async () => {
    const ids = await schedule(20, new Date(Date.now() + 3_600_000));
    const dbUrl =
      dialect === 'postgres'
        ? (env.ctx.config.database as { url: string }).url
        : (env.ctx.config.database as { file: string }).file;
    const ready: Promise<void>[] = [];
    const spawnWorker = () => {
      const child = execFile(process.execPath, ['--import', 'tsx', worker], {
        env: { ...process.env, WORKER_DATABASE: dbUrl, WORKER_RUN_MS: '5000', WORKER_EVERY_MS: '1000' },
        timeout: 60_000,
      });
      ready.push(new Promise((resolve) => child.stderr?.once('data', () => resolve())));
      return new Promise<{ id: number; at: string }[]>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`)),
        );
      });
    };
    const results = Promise.all([spawnWorker(), spawnWorker()]);
    await Promise.all(ready);
    // Both nodes are polling; the stories fall due a second from now.
    const due = new Date(Date.now() + 1_000);
    await env.ctx.db
      .updateTable('articles')
      .set({ publish_at: due.toISOString() })
      .where('id', 'in', ids)
      .execute();
    const [a, b] = await results;
    const all = [...a, ...b].filter((p) => ids.includes(p.id));
    expect(all.map((p) => p.id).sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    for (const p of all) expect(new Date(p.at).getTime() - due.getTime()).toBeLessThan(5_000);
    const audits = await env.ctx.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'article.publish')
      .where('subject_id', 'in', ids.map(String))
      .execute();
    expect(audits).toHaveLength(ids.length);
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, call, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { importGhost, recordImport } from './index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe.each(testDialects())('import runs on record (%s)', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-06-01T12:00:00Z'));
  });
  afterAll(() => env.close());

  const ghost = (file: string) =>
    recordImport(env.ctx.db, 'ghost', file, env.ctx.now, () =>
      importGhost({
        db: env.ctx.db,
        file,
        mediaDir: env.ctx.config.mediaDir,
        siteUrl: env.ctx.config.site.url,
        timeZone: env.ctx.config.site.timeZone,
        now: env.ctx.now,
      }),
    );

  it('keeps each run with its counts and report, and a failed run with its reason', async () => {
    await ghost(fixture('ghost-site.json'));
    await expect(ghost(fixture('ghost-malformed.json'))).rejects.toThrow(/not valid JSON/);

    await addTestUser(env.ctx, { email: 'admin@example.com', name: 'Admin', role: 'admin' });
    await addTestUser(env.ctx, { email: 'editor@example.com', name: 'Editor', role: 'editor' });
    const admin = await signIn(env.app, 'admin@example.com');
    const list = await call(env.app, admin, 'GET', '/imports');
    expect(list.statusCode, list.body).toBe(200);
    const runs = list.json().runs;
    expect(runs.map((r: { status: string; file: string }) => [r.status, r.file])).toEqual([
      ['failed', 'ghost-malformed.json'],
      ['done', 'ghost-site.json'],
    ]);
    expect(runs[0].error).toMatch(/^ghost-malformed\.json: line 3, column \d+: not valid JSON/);
    expect(runs[1]).toMatchObject({ kind: 'ghost', counts: { posts: 8, pages: 1 } });
    expect(runs[1].finishedAt).toBe('2026-06-01T12:00:00.000Z');

    const one = await call(env.app, admin, 'GET', `/imports/${runs[1].id}`);
    expect(one.json().itemCount).toBe(one.json().items.length);
    expect(
      one.json().items.find((i: { title: string }) => i.title === 'Members briefing: tides').problems,
    ).toEqual(['visible to "paid" on Ghost: imported as a draft, not made public']);
    expect(one.json().missingMedia).toEqual([]); // no --media-dir: reported per post, not as missing files

    const editor = await signIn(env.app, 'editor@example.com');
    expect((await call(env.app, editor, 'GET', '/imports')).statusCode).toBe(403);
    expect((await call(env.app, admin, 'GET', '/imports/99999')).statusCode).toBe(404);
  });
});

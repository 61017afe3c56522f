import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('concurrent saves on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let sectionId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  const draft = async (headline: string) => {
    const res = await call(env.app, editor, 'POST', '/articles', { headline, body: doc('Text.'), sectionId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };

  it('lets 20 saves that add the same new tag at once all succeed, with one tag row', async () => {
    const stories = await Promise.all(Array.from({ length: 20 }, (_, i) => draft(`Story ${i}`)));
    const saves = await Promise.all(
      stories.map((a, i) =>
        call(env.app, editor, 'PUT', `/articles/${a.id}`, {
          headline: `Story ${i}`,
          body: doc('Text.'),
          sectionId,
          tags: ['Heatwave 2026', `Other ${i}`],
          version: a.version,
        }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual(stories.map(() => 200));
    const tags = await env.ctx.db
      .selectFrom('tags')
      .selectAll()
      .where('slug', '=', 'heatwave-2026')
      .execute();
    expect(tags).toHaveLength(1);
    for (const r of saves) expect(r.json().tags).toEqual(['Heatwave 2026', expect.stringMatching(/^Other/)]);
  });

  it('answers a publish racing a save with 409 and the current story, never 500', async () => {
    const outcomes: number[] = [];
    for (let round = 0; round < 10; round++) {
      const a = await draft(`Race ${round}`);
      const [save, publish] = await Promise.all([
        call(env.app, editor, 'PUT', `/articles/${a.id}`, {
          headline: `Race ${round} (edited)`,
          body: doc('Text.'),
          sectionId,
          version: a.version,
        }),
        // Past the checks' warnings (no picture, dek or byline): this test is about the race.
        call(env.app, editor, 'POST', `/articles/${a.id}/transitions`, {
          action: 'publish',
          version: a.version,
          override: true,
        }),
      ]);
      const codes = [save.statusCode, publish.statusCode].sort();
      outcomes.push(...codes);
      expect(codes, `round ${round}: ${save.body} ${publish.body}`).toEqual([200, 409]);
      const loser = save.statusCode === 409 ? save : publish;
      const winner = save.statusCode === 409 ? publish : save;
      expect(loser.json().error.details.current).toMatchObject({ id: a.id, version: winner.json().version });
    }
    expect(outcomes.filter((c) => c === 500)).toEqual([]);
  });
});

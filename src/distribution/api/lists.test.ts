import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createList, saveList } from '../../fronts/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, seedFixture } from '../../test/fixtures.js';

/** `/api/content/v1/lists/{slug}`: a front's list as readers see it, default or curated. */
describe.each(testDialects())('Content API lists on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const ids: number[] = [];
  const get = (url: string) => env.app.inject({ method: 'GET', url: `/api/content/v1${url}` });
  const by = () => ({ id: null, email: 'desk@example.com', label: 'test', now: env.ctx.now().toISOString() });

  beforeAll(async () => {
    env = await testEnv(dialect, { CONTENT_API_RATE_LIMIT: '100000' });
    fx = await seedFixture(env.ctx, env.dir);
    for (let i = 1; i <= 3; i++) ids.push((await fx.publish({ headline: `Story ${i}` }, i)).id);
  });
  afterAll(() => env?.close());

  it('answers a default list by its slug', async () => {
    const res = await get('/lists/home-top');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ slug: 'home-top', front: 'home', variant: 'lead' });
    expect(body.data.map((a: { id: number }) => a.id)).toEqual(ids);
    expect(body.data[0].url).toMatch(/^https:\/\/news\.example\.com\//);
  });

  it('answers a curated list in its order, and a change at once', async () => {
    await createList(
      env.ctx.db,
      {
        slug: 'picks',
        front: 'home',
        title: 'Editors’ picks',
        definition: {
          source: { kind: 'manual' },
          pins: [{ articleId: ids[2] as number }, { articleId: ids[0] as number }],
        },
      },
      by(),
    );
    const res = await get('/lists/picks?fields=id,headline');
    expect(res.json()).toMatchObject({ slug: 'picks', title: 'Editors’ picks' });
    expect(res.json().data).toEqual([
      { id: ids[2], headline: 'Story 3' },
      { id: ids[0], headline: 'Story 1' },
    ]);
    await saveList(
      env.ctx.db,
      'picks',
      {
        version: 1,
        title: 'Picks',
        definition: { source: { kind: 'manual' }, pins: [{ articleId: ids[1] as number }] },
      },
      by(),
    );
    expect((await get('/lists/picks')).json().data.map((a: { id: number }) => a.id)).toEqual([ids[1]]);
  });

  it('answers 404 for an unknown list and 400 for a malformed slug', async () => {
    expect((await get('/lists/nothing-here')).statusCode).toBe(404);
    expect((await get('/lists/Bad%20Slug')).statusCode).toBe(400);
    expect((await get('/lists/section-99999-latest')).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

/** The newsroom API of curated fronts: who may change them, previews, 409 on a stale save. */
describe.each(testDialects())('fronts API on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const as: Partial<Record<Role, Session>> = {};
  const ids: number[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    for (const role of ['editor', 'author'] as Role[])
      as[role] = await signIn(env.app, `${role}@example.com`);
    for (let i = 1; i <= 3; i++) ids.push((await fx.publish({ headline: `Story ${i}` }, i)).id);
  });
  afterAll(() => env?.close());

  const definition = (pin: number) => ({
    source: { kind: 'latest' },
    pins: [{ articleId: pin, slot: 1 }],
    limit: 2,
  });

  it('lists every front, and shows an uncurated one as its default', async () => {
    const res = await call(env.app, as.author as Session, 'GET', '/fronts');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.fronts.map((f: { key: string }) => f.key)).toContain(`section:${fx.sections.sports}`);
    expect(body.allowed.edit).toBe(false);
    const home = (await call(env.app, as.author as Session, 'GET', '/fronts/home')).json();
    expect(home.lists[0]).toMatchObject({ slug: 'home-top', stored: false, version: 0 });
  });

  it("answers a section's front by `section:ID`, and 400 for a front that is not one", async () => {
    const key = `section:${fx.sections.russia}`;
    const front = (await call(env.app, as.editor as Session, 'GET', `/fronts/${key}`)).json();
    expect(front.lists.map((l: { slug: string }) => l.slug)).toEqual([
      `section-${fx.sections.russia}-latest`,
    ]);
    const preview = (await call(env.app, as.editor as Session, 'GET', `/fronts/${key}/preview`)).json();
    expect(preview.lists[0].stories.map((s: { id: number }) => s.id)).toEqual(ids);
    expect((await call(env.app, as.editor as Session, 'GET', '/fronts/section:999999')).statusCode).toBe(400);
    expect((await call(env.app, as.editor as Session, 'GET', '/fronts/sports')).statusCode).toBe(400);
  });

  it('lets editors change fronts, not authors', async () => {
    const body = { slug: 'home-lead', front: 'home', definition: definition(ids[2] as number) };
    expect((await call(env.app, as.author as Session, 'POST', '/fronts/lists', body)).statusCode).toBe(403);
    const res = await call(env.app, as.editor as Session, 'POST', '/fronts/lists', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'home-lead', version: 1, stored: true });
  });

  it('previews an unsaved list and the front as of a later time', async () => {
    const res = await call(env.app, as.editor as Session, 'POST', '/fronts/lists/preview', {
      front: 'home',
      slug: 'home-lead',
      definition: definition(ids[1] as number),
    });
    expect(res.json().list.stories.map((s: { id: number }) => s.id)).toEqual([ids[1], ids[0]]);
    // Nothing was saved by the preview.
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const later = await call(
      env.app,
      as.editor as Session,
      'GET',
      `/fronts/home/preview?at=${encodeURIComponent(at)}`,
    );
    expect(later.json().lists[0].stories.map((s: { id: number }) => s.id)).toEqual([ids[2], ids[0]]);
    const bad = await call(env.app, as.editor as Session, 'GET', '/fronts/home/preview?at=tomorrow');
    expect(bad.statusCode).toBe(400);
  });

  it('answers a stale save with 409 and the current list', async () => {
    const save = (version: number, title: string) =>
      call(env.app, as.editor as Session, 'PUT', '/fronts/lists/home-lead', {
        version,
        title,
        definition: definition(ids[0] as number),
      });
    expect((await save(1, 'First')).statusCode).toBe(200);
    const stale = await save(1, 'Second');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ title: 'First', version: 2 });
    const bad = await call(env.app, as.editor as Session, 'PUT', '/fronts/lists/home-lead', {
      version: 2,
      title: 'x',
      definition: { source: { kind: 'section', sectionId: 0 } },
    });
    expect(bad.statusCode).toBe(400);
  });
});

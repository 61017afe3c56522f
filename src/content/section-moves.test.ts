import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { ContentError } from './errors.js';
import {
  ancestry,
  buildSectionTree,
  createSection,
  descendantIds,
  loadSectionTree,
  updateSection,
} from './sections.js';

describe.each(testDialects())('section moves on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let editor: Session;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  it('lets only one of two crossing moves (A under B, B under A) through; the other is 409 on parentId', async () => {
    // Several rounds: on PostgreSQL both transactions read the tree before either writes.
    for (let round = 0; round < 5; round++) {
      const a = await createSection(
        env.ctx.db,
        { slug: `a${round}`, name: 'A' },
        env.ctx.now().toISOString(),
      );
      const b = await createSection(
        env.ctx.db,
        { slug: `b${round}`, name: 'B' },
        env.ctx.now().toISOString(),
      );
      const results = await Promise.allSettled([
        updateSection(env.ctx.db, a.id, { parentId: b.id }, env.ctx.now().toISOString()),
        updateSection(env.ctx.db, b.id, { parentId: a.id }, env.ctx.now().toISOString()),
      ]);
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed, `round ${round}`).toHaveLength(1);
      const err = (failed[0] as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(ContentError);
      expect(err.status).toBe(409);
      expect(err.field).toBe('parentId');
      const tree = await loadSectionTree(env.ctx.db);
      const roots = [a.id, b.id].filter((id) => tree.byId.get(id)?.parent_id === null);
      expect(roots, `round ${round}: exactly one of them stays on top`).toHaveLength(1);
    }
  });

  it('answers a move under its own sub-section with 409 naming parentId, and changes nothing', async () => {
    const res = await call(env.app, editor, 'PATCH', `/sections/${fx.sections.news}`, {
      parentId: fx.sections.russia,
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatch(/parentId/);
    const tree = await loadSectionTree(env.ctx.db);
    expect(tree.byId.get(fx.sections.news)?.parent_id).toBeNull();
  });

  it('walks a tree that holds a loop (written behind its back) without looping, and pages still answer', async () => {
    const x = await createSection(
      env.ctx.db,
      { slug: 'loop-x', name: 'Loop X' },
      env.ctx.now().toISOString(),
    );
    const y = await createSection(
      env.ctx.db,
      { slug: 'loop-y', name: 'Loop Y', parentId: x.id },
      env.ctx.now().toISOString(),
    );
    const z = await createSection(
      env.ctx.db,
      { slug: 'loop-z', name: 'Loop Z', parentId: y.id },
      env.ctx.now().toISOString(),
    );
    await env.ctx.db.updateTable('sections').set({ parent_id: y.id }).where('id', '=', x.id).execute();

    const tree = await loadSectionTree(env.ctx.db);
    // The loop is cut at one point, so every section is still in the tree exactly once.
    const seen: number[] = [];
    for (const root of tree.roots) seen.push(...descendantIds(tree, root.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([x.id, y.id, z.id]));
    expect(descendantIds(tree, y.id)).toEqual(expect.arrayContaining([y.id, z.id]));
    const chain = ancestry(tree, z.id).map((s) => s.id);
    expect(new Set(chain).size).toBe(chain.length);
    expect(chain[chain.length - 1]).toBe(z.id);

    // A self-loop too.
    const self = buildSectionTree([{ ...x, parent_id: x.id }]);
    expect(descendantIds(self, x.id)).toEqual([x.id]);
    expect(ancestry(self, x.id).map((s) => s.id)).toEqual([x.id]);

    for (const url of ['/', '/loop-x', '/loop-x/loop-y', '/api/content/v1/sections']) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const admin = await call(env.app, editor, 'GET', '/sections');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('Loop Z');
  });
});

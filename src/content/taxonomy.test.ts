import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { createAuthor, deleteAuthor, updateAuthor } from './authors.js';
import { createTag, deleteTag, ensureTags, listTags, mergeTags, renameTag } from './tags.js';

/** The tag and byline commands, called as the admin routes call them (content/tags.ts, authors.ts). */
describe.each(testDialects())('tags and bylines on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(() => env?.close());

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (e instanceof DomainError ? { status: e.status, code: e.code, message: e.message } : e),
    );

  it('merges a tag into another: each story carries the survivor once, the merged tag is gone', async () => {
    const [budget, money] = await ensureTags(env.ctx.db, ['Budget', 'Money'], env.ctx.now().toISOString());
    await fx.publish({ headline: 'Both tags', tags: ['Budget', 'Money'] });
    await fx.publish({ headline: 'Budget only', tags: ['Budget'] });
    expect(await mergeTags(env.ctx.db, budget!.id, money!.id)).toEqual({ merged: 2 });
    const tags = await listTags(env.ctx.db, { prefix: 'mo', limit: 10, counts: true });
    expect(tags).toEqual([{ id: money!.id, slug: 'money', name: 'Money', stories: 2 }]);
    expect(await refusal(mergeTags(env.ctx.db, budget!.id, money!.id))).toMatchObject({ status: 404 });
    expect(await refusal(mergeTags(env.ctx.db, money!.id, money!.id))).toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });

  it('renames a tag unless its new slug is taken, and deletes one once', async () => {
    const a = await createTag(env.ctx.db, 'Elections', env.ctx.now().toISOString());
    const b = await createTag(env.ctx.db, 'Polls', env.ctx.now().toISOString());
    expect((await renameTag(env.ctx.db, a!.id, { name: 'Election night' })).slug).toBe('election-night');
    expect(await refusal(renameTag(env.ctx.db, b!.id, { name: 'Election night' }))).toEqual({
      status: 409,
      code: 'conflict',
      message: `slug: tag ${a!.id} already uses "election-night"; merge instead`,
    });
    await deleteTag(env.ctx.db, b!.id);
    expect(await refusal(deleteTag(env.ctx.db, b!.id))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('adds, edits and deletes a byline at the context clock, refusing clashes and bylined deletes', async () => {
    const now = new Date('2026-11-28T10:00:00.000Z');
    const ivan = await createAuthor(env.ctx.db, { name: 'Ivan Petrov', bio: '', avatarMediaId: null }, now);
    expect(ivan).toMatchObject({ slug: 'ivan-petrov', created_at: now.toISOString() });
    expect(
      await refusal(createAuthor(env.ctx.db, { name: '!!', bio: '', avatarMediaId: null }, now)),
    ).toMatchObject({ status: 400 });
    expect(await refusal(updateAuthor(env.ctx.db, ivan.id, { slug: 'anna-kovalenko' }, now))).toMatchObject({
      status: 409,
    });
    expect(await refusal(updateAuthor(env.ctx.db, ivan.id, { avatarMediaId: 999_999 }, now))).toMatchObject({
      status: 400,
    });
    const later = new Date('2026-11-28T11:00:00.000Z');
    expect(await updateAuthor(env.ctx.db, ivan.id, { name: 'Ivan P. Petrov' }, later)).toMatchObject({
      name: 'Ivan P. Petrov',
      slug: 'ivan-petrov',
      updated_at: later.toISOString(),
    });
    await fx.publish({ headline: 'By Anna', authorIds: [fx.authors.anna] });
    expect(await refusal(deleteAuthor(env.ctx.db, fx.authors.anna))).toMatchObject({ status: 409 });
    await deleteAuthor(env.ctx.db, ivan.id);
    expect(await refusal(deleteAuthor(env.ctx.db, ivan.id))).toMatchObject({ status: 404 });
  });
});

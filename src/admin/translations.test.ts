/**
 * The newsroom API's list of a story's translations marks the source (the story the others were
 * translated from): the editor's side-by-side view opens it first. Bad ids are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addEdition, type Fixture, seedFixture } from '../test/fixtures.js';

describe.each(testDialects())('translations listed for the editor on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let editor: Session;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('marks the source in every story’s list', async () => {
    const now = env.ctx.now().toISOString();
    const es = await addEdition(env.ctx, {
      code: 'es',
      language: 'es',
      name: 'Noticias',
      timeZone: 'UTC',
      prefix: 'es',
    });
    const ar = await addEdition(env.ctx, {
      code: 'ar',
      language: 'ar',
      name: 'الأخبار',
      timeZone: 'UTC',
      prefix: 'ar',
    });
    await createSection(env.ctx.db, { slug: 'world', name: 'Mundo', editionId: es.id }, now);
    await createSection(env.ctx.db, { slug: 'world', name: 'العالم', editionId: ar.id }, now);
    const source = await fx.publish({ headline: 'Summit ends' });
    const url = `/articles/${source.id}/translations`;
    expect((await call(env.app, editor, 'GET', url)).json()).toEqual({ editionId: 1, translations: [] });
    const spanish = (await call(env.app, editor, 'POST', url, { editionId: es.id })).json();
    // The Arabic one is made from the Spanish draft: the group's source is still the English story.
    const arabic = (
      await call(env.app, editor, 'POST', `/articles/${spanish.id}/translations`, { editionId: ar.id })
    ).json();

    const listed = async (id: number) =>
      (await call(env.app, editor, 'GET', `/articles/${id}/translations`))
        .json()
        .translations.map((t: { articleId: number; source: boolean }) => [t.articleId, t.source]);
    expect(await listed(source.id)).toEqual([
      [spanish.id, false],
      [arabic.id, false],
    ]);
    expect(await listed(arabic.id)).toEqual([
      [source.id, true],
      [spanish.id, false],
    ]);
    expect(await listed(spanish.id)).toEqual([
      [source.id, true],
      [arabic.id, false],
    ]);
  });

  it('refuses a bad id and answers 404 for a missing story', async () => {
    expect((await call(env.app, editor, 'GET', '/articles/abc/translations')).statusCode).toBe(400);
    expect((await call(env.app, editor, 'GET', '/articles/999999/translations')).statusCode).toBe(404);
  });
});

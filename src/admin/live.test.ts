import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection } from '../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/** The live coverage endpoints: who may start, post and see; versions; the public face of it. */
describe.each(testDialects())('live coverage API on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let author: Session;
  let contributor: Session;
  let story: { id: number; path: string };
  let draft: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-12-06T10:00:00Z'));
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
    author = await signIn(env.app, 'author@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    const now = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'news', name: 'News' }, now);
    const row = await createArticle(
      env.ctx.db,
      {
        headline: 'Flood warning on the river',
        body: doc('Levels rise.'),
        sectionId: section.id,
        status: 'published',
      },
      { now, by: 'test', timeZone: 'Europe/Prague' },
    );
    story = { id: row.id, path: row.path as string };
    draft = (
      await createArticle(
        env.ctx.db,
        { headline: 'Embargoed', body: doc('Secret.'), sectionId: section.id },
        { now, by: 'test', timeZone: 'Europe/Prague' },
      )
    ).id;
  });
  afterAll(() => env?.close());

  it('lets the desk start coverage, not a writer', async () => {
    expect((await call(env.app, author, 'POST', `/articles/${story.id}/live/start`)).statusCode).toBe(404);
    const res = await call(env.app, editor, 'POST', `/articles/${story.id}/live/start`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      coverage: { state: 'live' },
      entries: [],
      allowed: { manage: true, post: true },
    });
  });

  it('lets any reporter post to a public live story, and nobody see a hidden one', async () => {
    const posted = await call(env.app, contributor, 'POST', `/articles/${story.id}/live/entries`, {
      body: doc('Sandbags at the bridge.'),
      kind: 'text',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ authorName: 'The contributor', version: 1, kind: 'text' });
    const seen = await call(env.app, contributor, 'GET', `/articles/${story.id}/live`);
    expect(seen.json()).toMatchObject({ allowed: { manage: false, post: true } });
    expect(seen.json().entries).toHaveLength(1);
    expect((await call(env.app, contributor, 'GET', `/articles/${draft}/live`)).statusCode).toBe(404);
    expect(
      (await call(env.app, contributor, 'POST', `/articles/${draft}/live/entries`, { body: doc('x') }))
        .statusCode,
    ).toBe(404);
  });

  it('edits with versions (409 with the current entry), deletes, and keeps the history', async () => {
    const entry = (
      await call(env.app, author, 'POST', `/articles/${story.id}/live/entries`, {
        body: doc('Bridge closed.'),
        pinned: true,
      })
    ).json();
    const edited = await call(env.app, editor, 'PATCH', `/articles/${story.id}/live/entries/${entry.id}`, {
      version: 1,
      keyPoint: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, keyPoint: true, pinned: true });
    const stale = await call(env.app, author, 'PATCH', `/articles/${story.id}/live/entries/${entry.id}`, {
      version: 1,
      body: doc('Bridge closed to cars.'),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 2 });
    const bad = await call(env.app, author, 'PATCH', `/articles/${story.id}/live/entries/${entry.id}`, {
      version: 2,
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    const gone = await call(
      env.app,
      author,
      'POST',
      `/articles/${story.id}/live/entries/${entry.id}/delete`,
      { version: 2 },
    );
    expect(gone.statusCode, gone.body).toBe(200);
    const history = await call(
      env.app,
      author,
      'GET',
      `/articles/${story.id}/live/entries/${entry.id}/history`,
    );
    expect(
      history.json().history.map((h: { version: number; deleted: boolean }) => [h.version, h.deleted]),
    ).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('ends coverage by the desk only', async () => {
    // Writers see only their own stories in the newsroom: someone else's is not there for them.
    expect((await call(env.app, author, 'POST', `/articles/${story.id}/live/end`)).statusCode).toBe(404);
    const ended = await call(env.app, editor, 'POST', `/articles/${story.id}/live/end`);
    expect(ended.json()).toMatchObject({ coverage: { state: 'ended' } });
    const late = await call(env.app, contributor, 'POST', `/articles/${story.id}/live/entries`, {
      body: doc('Late.'),
    });
    // No longer live, so the writer cannot reach it (not their story): as if it were not there.
    expect(late.statusCode).toBe(404);
    expect(
      (await call(env.app, editor, 'POST', `/articles/${story.id}/live/entries`, { body: doc('Late.') }))
        .statusCode,
    ).toBe(409);
  });
});

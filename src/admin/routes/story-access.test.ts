import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../../test/admin.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';

/**
 * Every story-scoped endpoint answers through one policy: a story the caller may not read is
 * the same 404 as a story that does not exist (its existence is not revealed), and a story the
 * caller may read but not change is 403.
 */
describe.each(testDialects())('story-scoped admin endpoints on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let contributor: Session;
  let editorsStory: number;
  let contributorsPublished: number;
  let sectionId: number;
  const MISSING = 987_654;
  const video = { sourceUrl: 'https://media.example.com/a/master.m3u8', durationSeconds: 60 };

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    const section = await createSection(
      env.ctx.db,
      { slug: 'news', name: 'News' },
      env.ctx.now().toISOString(),
    );
    sectionId = section.id;
    const create = async (s: Session, headline: string) => {
      const res = await call(env.app, s, 'POST', '/articles', {
        headline,
        body: doc('x'),
        sectionId: section.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; version: number };
    };
    const a = await create(editor, 'Embargoed merger');
    editorsStory = a.id;
    expect((await call(env.app, editor, 'PUT', `/articles/${a.id}/video`, video)).statusCode).toBe(200);
    const b = await create(contributor, 'Contributor piece');
    contributorsPublished = b.id;
    expect(
      (
        await call(env.app, contributor, 'POST', `/articles/${b.id}/transitions`, {
          action: 'submit',
          version: b.version,
        })
      ).statusCode,
    ).toBe(200);
    const current = (await call(env.app, editor, 'GET', `/articles/${b.id}`)).json();
    // The desk publishes the contributor's copy past the checks' warnings (no picture or byline).
    const pub = await call(env.app, editor, 'POST', `/articles/${b.id}/transitions`, {
      action: 'publish',
      version: current.version,
      override: true,
    });
    expect(pub.statusCode, pub.body).toBe(200);
  });
  afterAll(() => env?.close());

  const endpoints = (id: number) =>
    [
      ['GET', `/articles/${id}`],
      ['GET', `/articles/${id}/video`],
      ['PUT', `/articles/${id}/video`, video],
      ['DELETE', `/articles/${id}/video`],
      ['GET', `/articles/${id}/revisions`],
      ['GET', `/articles/${id}/checks?action=publish`],
      ['POST', `/articles/${id}/preview`],
      ['POST', `/articles/${id}/transitions`, { action: 'submit', version: 1 }],
      ['PUT', `/articles/${id}`, { headline: 'Mine now', body: doc('y'), sectionId, version: 1 }],
      ['DELETE', `/articles/${id}`],
    ] as const;

  it('answers a story one may not read exactly like a missing one (404), on every endpoint', async () => {
    for (const [method, url, body] of endpoints(editorsStory)) {
      const res = await call(env.app, contributor, method, url, body);
      const missing = await call(
        env.app,
        contributor,
        method,
        url.replace(String(editorsStory), String(MISSING)),
        body,
      );
      expect([url, method, res.statusCode, res.json().error?.code]).toEqual([url, method, 404, 'not_found']);
      expect(missing.statusCode).toBe(404);
    }
    // Nothing changed: the editor still sees the video and the headline.
    expect((await call(env.app, editor, 'GET', `/articles/${editorsStory}/video`)).statusCode).toBe(200);
    expect((await call(env.app, editor, 'GET', `/articles/${editorsStory}`)).json().headline).toBe(
      'Embargoed merger',
    );
  });

  it('answers 403 where one may read the story but not change it', async () => {
    const id = contributorsPublished;
    expect((await call(env.app, contributor, 'GET', `/articles/${id}`)).statusCode).toBe(200);
    expect((await call(env.app, contributor, 'GET', `/articles/${id}/video`)).statusCode).toBe(404); // none attached
    expect((await call(env.app, contributor, 'PUT', `/articles/${id}/video`, video)).statusCode).toBe(403);
    expect((await call(env.app, contributor, 'DELETE', `/articles/${id}/video`)).statusCode).toBe(403);
    expect((await call(env.app, contributor, 'DELETE', `/articles/${id}`)).statusCode).toBe(403);
    expect((await call(env.app, editor, 'GET', `/articles/${id}/video`)).statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { publishDueArticles } from '../content/workflow.js';
import { call, completeStoryFields, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('newsroom stories API on %s', (dialect) => {
  let env: TestEnv;
  let s: Record<'owner' | 'admin' | 'editor' | 'author' | 'contributor', Session>;
  let sectionId: number;
  /** What the checks before publishing ask for, as the author and as an editor would fill it in. */
  let complete: Record<'author' | 'editor', Awaited<ReturnType<typeof completeStoryFields>>>;

  beforeAll(async () => {
    env = await testEnv(dialect);
    const users = await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    s = {
      owner: await signIn(env.app, 'owner@example.com'),
      admin: await signIn(env.app, 'admin@example.com'),
      editor: await signIn(env.app, 'editor@example.com'),
      author: await signIn(env.app, 'author@example.com'),
      contributor: await signIn(env.app, 'contributor@example.com'),
    };
    complete = {
      author: await completeStoryFields(env.ctx, users.author),
      editor: await completeStoryFields(env.ctx, users.editor),
    };
  });
  afterAll(() => env?.close());

  const draft = async (who: Session, headline = 'A draft story', extra = {}) => {
    const res = await call(env.app, who, 'POST', '/articles', {
      headline,
      body: doc('First words.'),
      sectionId,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const move = (who: Session, a: { id: number; version: number }, action: string, extra = {}) =>
    call(env.app, who, 'POST', `/articles/${a.id}/transitions`, { action, version: a.version, ...extra });
  const publicStatus = async (path: string) =>
    (await env.app.inject({ method: 'GET', url: path })).statusCode;

  it('takes a contributor draft through review to publication by an editor', async () => {
    const a = await draft(s.contributor, 'Council votes on the bridge');
    expect(a.status).toBe('draft');
    expect(a.allowed.transitions).toEqual(['submit']);
    const published = await move(s.contributor, a, 'publish');
    expect(published.statusCode).toBe(403);
    const submitted = await move(s.contributor, a, 'submit');
    expect(submitted.json().status).toBe('in_review');
    // Once published, the contributor's edits go to a working copy (content/working-copy.test.ts).
    // The contributor's copy has no picture or byline yet: the desk publishes it past the
    // checks' warnings (admin/checks.test.ts tests the checks themselves).
    const pub = await move(s.editor, submitted.json(), 'publish', { override: true });
    expect(pub.statusCode).toBe(200);
    const story = pub.json();
    expect(story.status).toBe('published');
    expect(story.path).toMatch(/^\/news\/\d{4}\/\d{2}\/\d{2}\/council-votes-on-the-bridge$/);
    expect(await publicStatus(story.path)).toBe(200);
    const edit = await call(env.app, s.contributor, 'PUT', `/articles/${a.id}`, {
      headline: 'Changed',
      body: doc('x'),
      sectionId,
      version: story.version,
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ headline: 'Council votes on the bridge', editsGoTo: 'working-copy' });
    expect(edit.json().workingCopy.headline).toBe('Changed');
    const audit = await call(env.app, s.admin, 'GET', '/audit');
    expect(audit.json().entries[0]).toMatchObject({
      action: 'article.publish',
      subject: { type: 'article', id: String(a.id) },
    });
  });

  it('shows writers their own stories only, and hides others as 404', async () => {
    const mine = await draft(s.author, 'Author story');
    const theirs = await draft(s.editor, 'Editor story');
    const list = await call(env.app, s.author, 'GET', '/articles');
    const ids = list.json().articles.map((x: { id: number }) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect((await call(env.app, s.author, 'GET', `/articles/${theirs.id}`)).statusCode).toBe(404);
    expect((await call(env.app, s.editor, 'GET', `/articles/${mine.id}`)).statusCode).toBe(200);
  });

  it('refuses a stale save with 409 and the current story, and keeps both versions in history', async () => {
    const a = await draft(s.editor, 'Two editors');
    const first = await call(env.app, s.editor, 'PUT', `/articles/${a.id}`, {
      headline: 'First editor wins',
      body: doc('one'),
      sectionId,
      version: a.version,
    });
    expect(first.statusCode).toBe(200);
    const second = await call(env.app, s.admin, 'PUT', `/articles/${a.id}`, {
      headline: 'Second editor',
      body: doc('two'),
      sectionId,
      version: a.version,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(second.json().error.details.current.headline).toBe('First editor wins');
    expect(second.json().error.details.current.version).toBe(first.json().version);
    const revs = (await call(env.app, s.editor, 'GET', `/articles/${a.id}/revisions`)).json().revisions;
    expect(revs.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(revs[0].changed).toEqual(expect.arrayContaining(['headline', 'body']));
  });

  it('coalesces autosaves into one revision, and restores an older revision', async () => {
    let a = await draft(s.author, 'Autosaved');
    for (const words of ['one', 'one two', 'one two three']) {
      const res = await call(env.app, s.author, 'PUT', `/articles/${a.id}/autosave`, {
        headline: 'Autosaved',
        body: doc(words),
        sectionId,
        version: a.version,
      });
      expect(res.statusCode).toBe(200);
      a = res.json();
    }
    const revs = (await call(env.app, s.author, 'GET', `/articles/${a.id}/revisions`)).json().revisions;
    expect(revs).toHaveLength(2); // creation + one autosave revision
    expect(revs[0].kind).toBe('autosave');
    expect(revs[0].version).toBe(a.version);
    const original = revs[1];
    const restored = await call(
      env.app,
      s.author,
      'POST',
      `/articles/${a.id}/revisions/${original.id}/restore`,
      {
        version: a.version,
      },
    );
    expect(restored.statusCode).toBe(200);
    expect(restored.json().body.content[0].content[0].text).toBe('First words.');
  });

  it('publishes a scheduled story once its time comes, exactly once', async () => {
    const a = await draft(s.editor, 'Scheduled story', complete.editor);
    const at = new Date(Date.now() + 60_000).toISOString();
    const sch = await move(s.editor, a, 'schedule', { publishAt: at });
    expect(sch.statusCode).toBe(200);
    expect(sch.json().status).toBe('scheduled');
    const path = sch.json().path;
    expect(await publicStatus(path)).toBe(404);
    expect(await publishDueArticles(env.ctx.db, new Date().toISOString())).toHaveLength(0);
    const later = new Date(Date.now() + 61_000).toISOString();
    const [first, second] = await Promise.all([
      publishDueArticles(env.ctx.db, later),
      publishDueArticles(env.ctx.db, later),
    ]);
    expect(first.length + second.length).toBe(1);
    env.setNow(new Date(later));
    expect(await publicStatus(path)).toBe(200);
    env.setNow(null);
    const bad = await move(s.editor, await draft(s.editor, 'Too late', complete.editor), 'schedule', {
      publishAt: '2001-01-01T00:00:00Z',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('unpublishes to 410 and republishes at the same address', async () => {
    const a = await draft(s.author, 'Come and go', complete.author);
    const pub = (await move(s.author, a, 'publish')).json();
    const un = await move(s.author, pub, 'unpublish');
    expect(un.json().status).toBe('unpublished');
    expect(await publicStatus(pub.path)).toBe(410);
    const again = (await move(s.author, un.json(), 'publish')).json();
    expect(again.path).toBe(pub.path);
    expect(again.firstPublishedAt).toBe(pub.firstPublishedAt);
    expect(await publicStatus(pub.path)).toBe(200);
  });

  it('deletes softly (admins only) and restores', async () => {
    const a = await draft(s.editor, 'To be deleted', complete.editor);
    const pub = (await move(s.editor, a, 'publish')).json();
    expect((await call(env.app, s.editor, 'DELETE', `/articles/${a.id}`)).statusCode).toBe(403);
    expect((await call(env.app, s.admin, 'DELETE', `/articles/${a.id}`)).statusCode).toBe(204);
    expect(await publicStatus(pub.path)).toBe(410);
    expect((await call(env.app, s.editor, 'GET', `/articles/${a.id}`)).statusCode).toBe(404);
    const trash = await call(env.app, s.admin, 'GET', '/articles?deleted=true');
    expect(trash.json().articles.map((x: { id: number }) => x.id)).toContain(a.id);
    expect((await call(env.app, s.admin, 'POST', `/articles/${a.id}/restore`)).statusCode).toBe(200);
    expect(await publicStatus(pub.path)).toBe(200);
    const actions = (await call(env.app, s.admin, 'GET', '/audit'))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['article.restore', 'article.delete']);
  });

  it('refuses to publish before an embargo ends, and to schedule before it', async () => {
    const embargo = new Date(Date.now() + 3_600_000).toISOString();
    const res = await call(env.app, s.editor, 'POST', '/articles', {
      headline: 'Embargoed report',
      body: doc('Secret until noon.'),
      sectionId,
      embargoUntil: embargo,
      ...complete.editor,
    });
    const a = res.json();
    expect(a.embargoUntil).toBe(embargo);
    // The checks before publishing refuse first (422, an error no one may override); the
    // workflow's own refusal (409/400) stands behind them for the scheduler, CLI and imports.
    const now = await move(s.editor, a, 'publish', { override: true });
    expect(now.statusCode).toBe(422);
    expect(now.json().error.details.checks).toMatchObject([{ id: 'embargo', severity: 'error' }]);
    const early = new Date(Date.now() + 1_800_000).toISOString();
    const soon = await move(s.editor, a, 'schedule', { publishAt: early, override: true });
    expect(soon.statusCode).toBe(422);
    expect(soon.json().error.details.checks).toMatchObject([{ id: 'embargo', severity: 'error' }]);
    const ok = await move(s.editor, a, 'schedule', { publishAt: embargo });
    expect(ok.statusCode).toBe(200);
  });

  it('lists with filters and cursor pages', async () => {
    for (let i = 0; i < 5; i++) await draft(s.editor, `Paged ${i}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        env.app,
        s.editor,
        'GET',
        `/articles?status=draft&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().articles.map((x: { id: number }) => x.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await call(env.app, s.editor, 'GET', '/articles?status=draft&limit=100')).json().articles;
    expect(seen.length).toBe(all.length);
    const q = (await call(env.app, s.editor, 'GET', '/articles?q=paged%203')).json().articles;
    expect(q.map((x: { headline: string }) => x.headline)).toEqual(['Paged 3']);
    expect((await call(env.app, s.editor, 'GET', '/articles?status=live')).statusCode).toBe(400);
    expect((await call(env.app, s.editor, 'GET', '/articles?cursor=garbage')).statusCode).toBe(400);
  });

  it('still takes the story list cursors given out before the one cursor format', async () => {
    for (let i = 0; i < 3; i++) await draft(s.editor, `Legacy ${i}`);
    const list = (cursor?: string) =>
      call(env.app, s.editor, 'GET', `/articles?status=draft&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    const first = (await list()).json();
    const position = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
    // Before lib/cursor.ts this list's cursors were base64url of a bare [key, id] pair.
    const legacy = Buffer.from(JSON.stringify([position.k, position.i])).toString('base64url');
    const viaLegacy = await list(legacy);
    expect(viaLegacy.statusCode).toBe(200);
    expect(viaLegacy.json().articles).toEqual((await list(first.nextCursor)).json().articles);
    const refused = await list(Buffer.from('[1, "x"]').toString('base64url'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'invalid_input',
      details: [{ field: 'query.cursor', message: 'invalid cursor' }],
    });
  });

  it('answers bad input with a 4xx JSON error naming the field, and writes nothing', async () => {
    const before = (await env.ctx.db.selectFrom('articles').select('id').execute()).length;
    const cases: [string, unknown][] = [
      ['headline', { headline: 42, body: doc('x'), sectionId }],
      ['sectionId', { headline: 'x', body: doc('x'), sectionId: 'news' }],
      ['body', { headline: 'x', body: { type: 'doc', content: [{ type: 'script' }] }, sectionId }],
      ['body', { headline: 'x', body: '<p>raw html</p>', sectionId }],
    ];
    for (const [field, payload] of cases) {
      const res = await call(env.app, s.editor, 'POST', '/articles', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('invalid_input');
      expect(err.message).toContain(field);
    }
    const notJson = await env.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: {
        cookie: s.editor.cookie,
        origin: 'https://news.example.com',
        'x-csrf-token': s.editor.csrf,
        'content-type': 'application/json',
      },
      payload: '{"headline": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('bad_request');
    expect((await env.ctx.db.selectFrom('articles').select('id').execute()).length).toBe(before);
  });

  it('searches drafts for editors, and only their own stories for writers', async () => {
    await draft(s.editor, 'Harbour cranes idle in Ostrava');
    await draft(s.author, 'Harbour tariffs debated');
    const editorHits = (await call(env.app, s.editor, 'GET', '/search?q=harbour')).json();
    expect(editorHits.hits.map((h: { headline: string }) => h.headline).sort()).toEqual([
      'Harbour cranes idle in Ostrava',
      'Harbour tariffs debated',
    ]);
    const authorHits = (await call(env.app, s.author, 'GET', '/search?q=harbour')).json();
    expect(authorHits.hits.map((h: { headline: string }) => h.headline)).toEqual(['Harbour tariffs debated']);
    expect((await call(env.app, s.editor, 'GET', '/search?q=harbour&status=published')).json().total).toBe(0);
    expect((await call(env.app, s.editor, 'GET', '/search?q=%22unbalanced((')).statusCode).toBe(200);
  });

  it('publishes an OpenAPI document listing every route', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/admin/openapi.json' });
    expect(res.statusCode).toBe(200);
    const api = res.json();
    expect(api.openapi).toBe('3.1.0');
    expect(Object.keys(api.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/session',
        '/api/admin/articles/{id}/transitions',
        '/api/admin/sections/{id}',
      ]),
    );
    expect(
      api.paths['/api/admin/articles'].post.requestBody.content['application/json'].schema.properties
        .headline,
    ).toBeTruthy();
  });

  it('lets writers set only the bylines the permission table gives them (their own), editors any', async () => {
    const now = new Date().toISOString();
    const profile = (slug: string, name: string) =>
      env.ctx.db
        .insertInto('authors')
        .values({ slug, name, bio: '', avatar_media_id: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
    const own = (await profile('casey-contrib', 'Casey Contrib')).id;
    const star = (await profile('star-reporter', 'Star Reporter')).id;
    const authorsOwn = (await profile('alex-author', 'Alex Author')).id;
    await env.ctx.db
      .updateTable('users')
      .set({ author_id: own })
      .where('email', '=', 'contributor@example.com')
      .execute();
    await env.ctx.db
      .updateTable('users')
      .set({ author_id: authorsOwn })
      .where('email', '=', 'author@example.com')
      .execute();
    const { contributor, author } = s;
    const create = (who: Session, authorIds?: number[]) =>
      call(env.app, who, 'POST', '/articles', {
        headline: 'Byline test',
        body: doc('x'),
        sectionId,
        ...(authorIds ? { authorIds } : {}),
      });
    const count = async () => (await env.ctx.db.selectFrom('articles').select('id').execute()).length;

    const before = await count();
    const forged = await create(contributor, [star]);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toMatch(/byline/);
    expect((await create(contributor, [own, star])).statusCode).toBe(403);
    expect((await create(author, [star])).statusCode).toBe(403);
    expect(await count()).toBe(before);

    expect((await create(contributor)).json().authorIds).toEqual([own]);
    const mine = await create(contributor, [own]);
    expect(mine.statusCode).toBe(201);
    expect((await create(author, [authorsOwn])).statusCode).toBe(201);
    expect((await create(s.editor, [star, own])).statusCode).toBe(201);

    // An editor adds a co-byline; the contributor keeps editing without touching it, but may
    // neither add another name nor take the editor's away.
    const story = mine.json();
    const save = (who: Session, version: number, authorIds: number[]) =>
      call(env.app, who, 'PUT', `/articles/${story.id}`, {
        headline: 'Byline test',
        body: doc('y'),
        sectionId,
        authorIds,
        version,
      });
    const withStar = await save(s.editor, story.version, [own, star]);
    expect(withStar.statusCode).toBe(200);
    const kept = await save(contributor, withStar.json().version, [star, own]);
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await save(contributor, kept.json().version, [own])).statusCode).toBe(403);
    expect((await save(contributor, kept.json().version, [star, own, authorsOwn])).statusCode).toBe(403);
    const current = await call(env.app, s.editor, 'GET', `/articles/${story.id}`);
    expect(current.json().authorIds).toEqual([star, own]);
  });

  it('marks live stories with changes waiting, and filters the list by them', async () => {
    const a = await draft(s.editor, 'Pending changes story');
    const pub = (await move(s.editor, a, 'publish', { override: true })).json();
    const list = async (who: Session, qs: string) => call(env.app, who, 'GET', `/articles?${qs}`);
    const before = (await list(s.editor, 'limit=100'))
      .json()
      .articles.find((x: { id: number }) => x.id === a.id);
    expect(before.pendingChanges).toBeNull();
    const edit = await call(env.app, s.editor, 'PUT', `/articles/${a.id}`, {
      headline: 'Pending changes story, revised',
      body: doc('x'),
      sectionId,
      version: pub.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const pending = (await list(s.editor, 'pending=true&limit=100')).json().articles;
    expect(pending.map((x: { id: number }) => x.id)).toContain(a.id);
    expect(pending.find((x: { id: number }) => x.id === a.id).pendingChanges).toMatchObject({
      reviewState: 'draft',
    });
    expect(pending.every((x: { pendingChanges: unknown }) => x.pendingChanges !== null)).toBe(true);
    const inReview = (await list(s.editor, 'pending=in_review&limit=100')).json().articles;
    expect(inReview.map((x: { id: number }) => x.id)).not.toContain(a.id);
    // A writer who can't read the editor's story never sees it, pending or not.
    const theirs = (await list(s.author, 'pending=true&limit=100')).json().articles;
    expect(theirs.map((x: { id: number }) => x.id)).not.toContain(a.id);
    expect((await list(s.editor, 'pending=yes')).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createArticle, createSection } from '../content/index.js';
import { transitionArticle } from '../content/workflow.js';
import { DomainError } from '../errors.js';
import type { ArticleInput } from '../shared/article-input.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import type { AuthedActor } from './http.js';
import { assertChecksPass } from './routes/checks.js';

/** Checks before publishing (content/checks.ts, admin/routes/checks.ts), through the newsroom API. */
describe.each(testDialects())('checks before publishing on %s', (dialect) => {
  let env: TestEnv;
  let s: Record<'editor' | 'author' | 'contributor' | 'admin', Session>;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  let sectionId: number;
  let authorId: number;
  let mediaId: number;
  let bareMediaId: number;
  const stamp = '2026-12-01T10:00:00.000Z';

  beforeAll(async () => {
    env = await testEnv(dialect, { SITE_ALTERNATE_URLS: 'https://mirror.example.net' });
    users = await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    const author = await env.ctx.db
      .insertInto('authors')
      .values({
        slug: 'anna',
        name: 'Anna',
        bio: '',
        avatar_media_id: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    authorId = author.id;
    // The author's account writes under Anna's byline.
    await env.ctx.db
      .updateTable('users')
      .set({ author_id: authorId })
      .where('id', '=', users.author)
      .execute();
    const media = (alt: string, caption: string, credit: string) =>
      env.ctx.db
        .insertInto('media')
        .values({
          file: `x-${alt || 'bare'}.jpg`,
          mime_type: 'image/jpeg',
          width: 1600,
          height: 900,
          bytes: 1000,
          alt,
          caption,
          credit,
          file_photo: 0,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    mediaId = (await media('Protesters on the square', 'Protesters on Sunday.', 'Photo: Anna')).id;
    bareMediaId = (await media('', '', '')).id;
    s = {
      admin: await signIn(env.app, 'admin@example.com'),
      editor: await signIn(env.app, 'editor@example.com'),
      author: await signIn(env.app, 'author@example.com'),
      contributor: await signIn(env.app, 'contributor@example.com'),
    };
  });
  afterAll(() => env?.close());

  const complete = (): Partial<ArticleInput> => ({
    headline: 'Protests fill the square',
    dek: 'Thousands gathered on Sunday.',
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'It began at noon.' }] }],
    },
    sectionId,
    authorIds: [authorId],
    leadMediaId: mediaId,
    dateline: 'PRAGUE',
  });
  /** A story created through the API by `who`, with `patch` over a complete story. */
  const story = async (who: Session, patch: Partial<ArticleInput> = {}) => {
    const res = await call(env.app, who, 'POST', '/articles', { ...complete(), ...patch });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  const actorOf = async (id: number, role: 'editor' | 'author'): Promise<AuthedActor> => ({
    id,
    role,
    user: await env.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    via: 'session',
    label: `user:${id}`,
  });
  const checks = async (id: number, action = 'publish', who = s.editor) => {
    const res = await call(env.app, who, 'GET', `/articles/${id}/checks?action=${action}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().checks as { id: string; severity: string; field: string; message: string }[];
  };
  const ids = async (id: number, action = 'publish') =>
    (await checks(id, action)).map((c) => `${c.severity}:${c.id}`);
  const move = (who: Session, a: { id: number; version: number }, action: string, extra = {}) =>
    call(env.app, who, 'POST', `/articles/${a.id}/transitions`, { action, version: a.version, ...extra });
  const link = (href: string) => ({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'see this', marks: [{ type: 'link', attrs: { href } }] }],
      },
    ],
  });
  const table = (attrs: Record<string, unknown>) => ({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Results:' }] },
      {
        type: 'table',
        attrs,
        content: [
          { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'text', text: 'Ward' }] }] },
        ],
      },
    ],
  });
  /** A story published straight through the content service (no checks), at a path. */
  const stored = (headline: string, status: 'published' | 'draft' | 'unpublished') =>
    createArticle(env.ctx.db, { ...complete(), headline, status } as ArticleInput, {
      timeZone: 'Europe/Prague',
      now: stamp,
    });

  it('passes a complete story and publishes it without ceremony', async () => {
    const a = await story(s.author);
    expect(await checks(a.id)).toEqual([]);
    const res = await move(s.author, a, 'publish');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('published');
  });

  it('fires each check, and clears it when fixed', async () => {
    const cases: [Partial<ArticleInput>, string[]][] = [
      [{ leadMediaId: null }, ['warning:lead-image']],
      [{ leadMediaId: bareMediaId, leadCaption: 'A caption', leadCredit: 'Photo: AP' }, ['warning:lead-alt']],
      [{ leadMediaId: mediaId, leadCaption: 'Ours', leadCredit: '' }, []], // the library's credit stands
      [{ leadMediaId: bareMediaId, leadCaption: 'A caption' }, ['warning:lead-alt', 'error:lead-credit']],
      [{ leadMediaId: bareMediaId }, ['warning:lead-alt', 'warning:lead-caption', 'error:lead-credit']],
      [{ dek: '' }, ['warning:dek']],
      [{ authorIds: [] }, ['warning:byline']],
      [{ headline: 'A'.repeat(71) }, ['warning:headline-length']],
      [{ body: link('https://news.example.com/nowhere/at/all') }, ['error:link-broken']],
      [{ body: link('https://news.example.com/admin/articles/1') }, ['error:link-unpublished']],
      [{ embargoUntil: '2099-01-01T00:00:00Z' }, ['error:embargo']],
      [{ body: table({ caption: 'Turnout' }) }, ['warning:table-header']],
      [{ body: table({ headerRow: true }) }, ['warning:table-caption']],
      [{ body: table({}) }, ['warning:table-header', 'warning:table-caption']],
      [{ body: table({ caption: 'Turnout', headerRow: true }) }, []],
    ];
    for (const [patch, expected] of cases) {
      const a = await story(s.editor, patch);
      expect(await ids(a.id), JSON.stringify(patch)).toEqual(expected);
      // Fixed: a complete story again, saved over it.
      const res = await call(env.app, s.editor, 'PUT', `/articles/${a.id}`, {
        ...complete(),
        version: a.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(await ids(a.id), expected.join()).toEqual([]);
    }
  });

  it('judges the SEO title when there is one, and 70 characters is still fine', async () => {
    const a = await story(s.editor, { headline: 'A'.repeat(70) });
    expect(await ids(a.id)).toEqual([]);
    const b = await story(s.editor, { headline: 'A'.repeat(90), seoTitle: 'Short title' });
    expect(await ids(b.id)).toEqual([]);
    const c = await story(s.editor, { seoTitle: 'B'.repeat(80) });
    expect(await checks(c.id)).toMatchObject([{ id: 'headline-length', field: 'seoTitle' }]);
  });

  it('finds the dateline repeated at the start of the body, not a word that merely begins with it', async () => {
    const body = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const a = await story(s.editor, { body: body('Prague — It began at noon.') });
    expect(await checks(a.id)).toMatchObject([
      { id: 'dateline-repeated', severity: 'warning', field: 'body' },
    ]);
    const b = await story(s.editor, { body: body('PRAGUE, Czech Republic (AP) - It began.') });
    expect(await ids(b.id)).toEqual(['warning:dateline-repeated']);
    const c = await story(s.editor, { body: body('Praguers gathered at noon.') });
    expect(await ids(c.id)).toEqual([]);
    const d = await story(s.editor, { dateline: null, body: body('PRAGUE — It began.') });
    expect(await ids(d.id)).toEqual([]);
  });

  it('flags internal links to drafts, scheduled and withdrawn stories and 404s, on every address; not published ones or other sites', async () => {
    const live = await stored('A live story', 'published');
    const gone = await stored('A withdrawn story', 'unpublished');
    const draftOfLater = await stored('A later story', 'draft');
    const later = await transitionArticle(
      env.ctx.db,
      draftOfLater.id,
      { action: 'schedule', publishAt: '2099-06-01T10:00:00Z', expectedVersion: draftOfLater.version },
      { by: 'test', timeZone: 'Europe/Prague', now: stamp },
    );
    // A draft has no address yet; its newsroom address is what gets pasted by mistake.
    const draft = await stored('A draft', 'draft');
    await env.ctx.db
      .insertInto('redirects')
      .values({ from_path: '/old/address', to_path: live.path as string, created_at: stamp })
      .execute();
    const cases: [string, string | null][] = [
      [`https://news.example.com${live.path}`, null],
      [`https://news.example.com${live.path}/?utm=x#top`, null],
      [`http://mirror.example.net:8080${live.path}`, null],
      ['https://news.example.com/old/address', null],
      ['https://news.example.com/news', null],
      ['https://news.example.com/', null],
      ['https://news.example.com/author/anna', null],
      ['https://news.example.com/search?q=x', null],
      ['https://elsewhere.example.org/no/such/page', null],
      ['mailto:desk@news.example.com', null],
      [`https://news.example.com${gone.path}`, 'error:link-gone'],
      [`https://news.example.com${later.path}`, 'error:link-unpublished'],
      [`https://news.example.com/admin/articles/${draft.id}`, 'error:link-unpublished'],
      ['https://mirror.example.net/news/2026/12/01/no-such-story', 'error:link-broken'],
      ['https://news.example.com/author/nobody', 'error:link-broken'],
    ];
    for (const [href, expected] of cases) {
      const a = await story(s.editor, { body: link(href) });
      expect(await ids(a.id), href).toEqual(expected ? [expected] : []);
    }
    // Scheduled after the linked story goes public: fine; before it: not.
    const a = await story(s.editor, { body: link(`https://news.example.com${later.path}`) });
    const at = async (publishAt: string) => {
      const res = await call(
        env.app,
        s.editor,
        'GET',
        `/articles/${a.id}/checks?action=schedule&publishAt=${publishAt}`,
      );
      return res.json().checks.map((c: { id: string }) => c.id);
    };
    expect(await at('2099-06-02T10:00:00Z')).toEqual([]);
    expect(await at('2099-05-01T10:00:00Z')).toEqual(['link-unpublished']);
  });

  it('refuses a transition with errors with 422 and the list, even for an admin overriding', async () => {
    const a = await story(s.editor, { body: link('https://news.example.com/no/such/page') });
    for (const who of [s.editor, s.admin]) {
      const res = await move(who, a, 'publish', { override: true });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('checks_failed');
      expect(res.json().error.details.checks).toMatchObject([{ id: 'link-broken', severity: 'error' }]);
    }
    const sched = await move(s.editor, a, 'schedule', { publishAt: '2099-01-01T00:00:00Z', override: true });
    expect(sched.statusCode).toBe(422);
    const row = await env.ctx.db
      .selectFrom('articles')
      .select(['status', 'version'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', version: a.version });
  });

  it('blocks warnings without override; lets an editor override; refuses an author or contributor override', async () => {
    const mine = await story(s.author, { dek: '' });
    expect((await move(s.author, mine, 'publish')).statusCode).toBe(422);
    const refused = await move(s.author, mine, 'publish', { override: true });
    expect(refused.statusCode, refused.body).toBe(403);
    const theirs = await story(s.contributor, { dek: '', authorIds: [] });
    expect((await move(s.contributor, theirs, 'publish', { override: true })).statusCode).toBe(403);
    const blocked = await move(s.editor, mine, 'publish');
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.details.checks).toMatchObject([{ id: 'dek', severity: 'warning' }]);
    const ok = await move(s.editor, mine, 'publish', { override: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('published');
    const sched = await story(s.editor, { authorIds: [] });
    const res = await move(s.editor, sched, 'schedule', {
      publishAt: '2099-01-01T00:00:00Z',
      override: true,
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('treats an embargo in the future as an error for "publish now" and fine for a schedule after it', async () => {
    const a = await story(s.editor, { embargoUntil: '2099-01-01T00:00:00Z' });
    expect((await move(s.editor, a, 'publish', { override: true })).statusCode).toBe(422);
    const ok = await move(s.editor, a, 'schedule', { publishAt: '2099-01-02T00:00:00Z' });
    expect(ok.statusCode, ok.body).toBe(200);
    const res = await call(
      env.app,
      s.editor,
      'GET',
      `/articles/${a.id}/checks?action=schedule&publishAt=2098-12-31T00:00:00Z`,
    );
    expect(res.json().checks).toMatchObject([{ id: 'embargo', severity: 'error' }]);
  });

  it('validates the action and the time, says who may override, and hides stories the caller cannot read', async () => {
    const a = await story(s.editor);
    for (const q of ['', '?action=unpublish', '?action=publish&publishAt=tomorrow']) {
      const res = await call(env.app, s.editor, 'GET', `/articles/${a.id}/checks${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    const editor = await call(env.app, s.editor, 'GET', `/articles/${a.id}/checks?action=update`);
    expect(editor.json()).toEqual({ action: 'update', checks: [], canOverride: true });
    expect((await call(env.app, s.author, 'GET', `/articles/${a.id}/checks?action=publish`)).statusCode).toBe(
      404,
    );
    const mine = await story(s.author);
    const own = await call(env.app, s.author, 'GET', `/articles/${mine.id}/checks?action=publish`);
    expect(own.json().canOverride).toBe(false);
    expect((await call(env.app, null, 'GET', `/articles/${a.id}/checks?action=publish`)).statusCode).toBe(
      401,
    );
  });

  it('gates the content it is given (a working copy), not the stored story', async () => {
    const a = await story(s.editor);
    const row = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    const actor = await actorOf(users.editor, 'editor');
    const stored = await articleInputOf(env.ctx.db, row);
    expect(await assertChecksPass(env.ctx, actor, row, stored, 'update')).toEqual([]);
    const copy = { ...stored, dek: '', body: link('https://news.example.com/no/such/page') };
    const refused = await assertChecksPass(env.ctx, actor, row, copy, 'update', { override: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      status: 422,
      details: { checks: [{ id: 'dek' }, { id: 'link-broken' }] },
    });
    const warned = { ...stored, dek: '' };
    await expect(assertChecksPass(env.ctx, actor, row, warned, 'update')).rejects.toMatchObject({
      status: 422,
    });
    expect(await assertChecksPass(env.ctx, actor, row, warned, 'update', { override: true })).toMatchObject([
      { id: 'dek' },
    ]);
    const writer = await actorOf(users.author, 'author');
    await expect(
      assertChecksPass(env.ctx, writer, row, warned, 'update', { override: true }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('leaves other transitions and the scheduler alone', async () => {
    const a = await story(s.contributor, { dek: '', authorIds: [] });
    const res = await move(s.contributor, a, 'submit');
    expect(res.statusCode, res.body).toBe(200);
    const openapi = await env.app.inject({ method: 'GET', url: '/api/admin/openapi.json' });
    expect(openapi.json().paths['/api/admin/articles/{id}/checks']).toBeDefined();
  });

  it('adds the registry’s consistency checks as warnings with the sentence, and a story consistent with it passes', async () => {
    const person = await call(env.app, s.editor, 'POST', '/entities', {
      type: 'person',
      name: 'Sergei Lavrov',
      title: 'Foreign Minister',
    });
    expect(person.json().title).toBe('Foreign Minister');
    const text = (t: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
    });
    const a = await story(s.editor, {
      body: text('Prime Minister Sergei Lavrov spoke. Lavrov arrived last year, in 2019. Lavrow left.'),
    });
    await env.ctx.db
      .insertInto('article_entities')
      .values({
        article_id: a.id,
        key: `e:${person.json().id}`,
        entity_id: person.json().id,
        name: 'Sergei Lavrov',
        type: 'person',
        state: 'confirmed',
        mentions: 3,
        first_offset: 0,
        snippet: '',
        decided_by: 'test',
        decided_at: stamp,
        updated_at: stamp,
      })
      .execute();
    const found = await checks(a.id);
    const title = found.find((c) => c.id === 'person-title');
    expect(title).toMatchObject({
      severity: 'warning',
      sentence: 'Prime Minister Sergei Lavrov spoke.',
      highlight: ['Prime Minister', 'Sergei Lavrov'],
    });
    expect(found.find((c) => c.id === 'name-spelling')).toMatchObject({ highlight: ['Lavrow'] });
    // The story is dated when it would be published: "last year" is the year before now.
    const lastYear = Number(env.ctx.now().toISOString().slice(0, 4)) - 1;
    const dated = await story(s.editor, { body: text(`The talks began last year, in ${lastYear - 1}.`) });
    expect((await checks(dated.id)).map((c) => c.id)).toContain('date-contradiction');
    // An editor publishes past them (warnings); a consistent story has none of them.
    expect((await move(s.editor, a, 'publish', { override: true })).statusCode).toBe(200);
    const fine = await story(s.editor, { body: text(`The talks began last year, in ${lastYear}.`) });
    expect(await ids(fine.id)).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { NOTE_MAX_CHARS } from '../content/notes.js';
import { publishDueArticles } from '../content/workflow.js';
import { exportStatic } from '../export/export.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

interface Story {
  id: number;
  version: number;
  status: string;
  path: string | null;
}
interface NoteOut {
  id: number;
  text: string;
  transition: string | null;
  author: { id: number | null; name: string };
}
interface RevisionOut {
  id: number;
  version: number;
  kind: string;
  by: string | null;
  byName: string;
  label: string;
  changed: string[];
  changedLabels: string[];
  detail: Record<string, unknown> | null;
}

/** A word that appears only in notes: no public output may ever carry it. */
const SECRET = 'Zebraquote';

describe.each(testDialects())('notes between writer and editor, readable history on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let contributor: Session;
  let author: Session;
  let sectionId: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    editor = await signIn(env.app, 'editor@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    author = await signIn(env.app, 'author@example.com');
  });
  afterAll(() => env?.close());

  const draft = async (who: Session, headline: string): Promise<Story> => {
    const res = await call(env.app, who, 'POST', '/articles', {
      headline,
      body: doc('First words.'),
      sectionId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const move = (who: Session, s: Story, action: string, extra: Record<string, unknown> = {}) =>
    call(env.app, who, 'POST', `/articles/${s.id}/transitions`, { action, version: s.version, ...extra });
  const notes = async (who: Session, id: number): Promise<NoteOut[]> => {
    const res = await call(env.app, who, 'GET', `/articles/${id}/notes`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().notes;
  };
  const noteCount = async () =>
    Number(
      (
        await env.ctx.db
          .selectFrom('article_notes')
          .select((s) => s.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses empty, too long and control-character notes with 400 and writes nothing', async () => {
    const s = await draft(contributor, 'Notes validation');
    const before = await noteCount();
    for (const text of ['', '   \n  ', 'x'.repeat(NOTE_MAX_CHARS + 1), 'bell\u0007', 'nul\u0000', 42]) {
      const res = await call(env.app, contributor, 'POST', `/articles/${s.id}/notes`, { text });
      expect(res.statusCode, `${JSON.stringify(text)}: ${res.body}`).toBe(400);
      expect(res.json().error.message).toMatch(/text/);
    }
    expect(
      await call(env.app, contributor, 'POST', `/articles/${s.id}/notes`, {}).then((r) => r.statusCode),
    ).toBe(400);
    expect(await noteCount()).toBe(before);
    const ok = await call(env.app, contributor, 'POST', `/articles/${s.id}/notes`, {
      text: '  Two lines:\n\tquotes checked.  ',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      text: 'Two lines:\n\tquotes checked.',
      transition: null,
      author: { name: 'The contributor' },
    });
    const x = await call(env.app, contributor, 'POST', `/articles/${s.id}/notes`, {
      text: 'y'.repeat(NOTE_MAX_CHARS),
    });
    expect(x.statusCode).toBe(201);
  });

  it('is in the OpenAPI document: the notes endpoints and the note of a transition', async () => {
    const api = (await env.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
    const notesPath = api.paths['/api/admin/articles/{id}/notes'];
    expect(Object.keys(notesPath).sort()).toEqual(['get', 'post']);
    const moveBody =
      api.paths['/api/admin/articles/{id}/transitions'].post.requestBody.content['application/json'].schema;
    expect(moveBody.properties.note).toMatchObject({ type: 'string', maxLength: NOTE_MAX_CHARS });
  });

  it('lets whoever may read the story read and add notes, and no one else', async () => {
    const s = await draft(contributor, 'Notes permissions');
    expect(
      (await call(env.app, editor, 'POST', `/articles/${s.id}/notes`, { text: 'Editor here' })).statusCode,
    ).toBe(201);
    expect(
      (await call(env.app, contributor, 'POST', `/articles/${s.id}/notes`, { text: 'Writer here' }))
        .statusCode,
    ).toBe(201);
    // Another writer may not read the story: its notes answer exactly like a missing story.
    expect((await call(env.app, author, 'GET', `/articles/${s.id}/notes`)).statusCode).toBe(404);
    expect(
      (await call(env.app, author, 'POST', `/articles/${s.id}/notes`, { text: 'Nosy' })).statusCode,
    ).toBe(404);
    expect((await call(env.app, null, 'GET', `/articles/${s.id}/notes`)).statusCode).toBe(401);
    expect((await call(env.app, editor, 'GET', '/articles/999999/notes')).statusCode).toBe(404);
    const thread = await notes(contributor, s.id);
    expect(thread.map((n) => [n.author.name, n.text])).toEqual([
      ['The editor', 'Editor here'],
      ['The contributor', 'Writer here'],
    ]);
  });

  it('writes the note with submit, requires a reason to return, and the desk shows the latest', async () => {
    let s = await draft(contributor, 'Harbour bridge reopens');
    // A note that fails validation stops the move too.
    const long = await move(contributor, s, 'submit', { note: 'x'.repeat(NOTE_MAX_CHARS + 1) });
    expect(long.statusCode).toBe(400);
    expect((await call(env.app, contributor, 'GET', `/articles/${s.id}`)).json().status).toBe('draft');

    const submitted = await move(contributor, s, 'submit', {
      note: `Quotes checked with the mayor. ${SECRET}`,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    s = submitted.json();
    expect(s.status).toBe('in_review');

    let desk = (await call(env.app, editor, 'GET', '/articles?status=in_review')).json().articles as {
      id: number;
      latestNote: NoteOut | null;
    }[];
    expect(desk.find((a) => a.id === s.id)?.latestNote).toMatchObject({
      text: `Quotes checked with the mayor. ${SECRET}`,
      transition: 'submit',
      author: { name: 'The contributor' },
    });

    const before = await noteCount();
    for (const extra of [{}, { note: '' }, { note: '   ' }]) {
      const res = await move(editor, s, 'return', extra);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toMatch(/note/);
    }
    expect(await noteCount()).toBe(before);
    const still = (await call(env.app, editor, 'GET', `/articles/${s.id}`)).json();
    expect([still.status, still.version]).toEqual(['in_review', s.version]);
    // Only submit and return take a note.
    expect((await move(editor, s, 'publish', { note: 'Nice' })).statusCode).toBe(400);

    const returned = await move(editor, s, 'return', { note: `Second source, please. ${SECRET}` });
    expect(returned.statusCode, returned.body).toBe(200);
    s = returned.json();
    expect(s.status).toBe('draft');

    const thread = await notes(contributor, s.id);
    expect(thread.map((n) => [n.transition, n.author.name])).toEqual([
      ['submit', 'The contributor'],
      ['return', 'The editor'],
    ]);
    desk = (await call(env.app, contributor, 'GET', '/articles?status=draft')).json().articles;
    expect(desk.find((a) => a.id === s.id)?.latestNote).toMatchObject({
      text: `Second source, please. ${SECRET}`,
      transition: 'return',
      author: { name: 'The editor' },
    });

    // A stale version: 409, and the note is not written either.
    const count = await noteCount();
    expect(
      (await move(contributor, { ...s, version: s.version - 1 }, 'submit', { note: 'late' })).statusCode,
    ).toBe(409);
    expect(await noteCount()).toBe(count);
  });

  it('keeps notes out of every public output: page, feeds, Content API, ninjs, search, export', async () => {
    let s = await draft(editor, 'Ferry timetable changes');
    expect(
      (await call(env.app, editor, 'POST', `/articles/${s.id}/notes`, { text: `Legal read it. ${SECRET}` }))
        .statusCode,
    ).toBe(201);
    // The story is bare (no picture, no byline): the desk goes past the checks' warnings.
    const published = await move(editor, s, 'publish', { override: true });
    expect(published.statusCode, published.body).toBe(200);
    s = published.json();
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    const page = await get(s.path ?? '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ferry timetable changes');
    const urls = [
      s.path ?? '',
      '/',
      '/news',
      '/feed.xml',
      '/feed.json',
      '/atom.xml',
      '/feeds/all/rss.xml',
      '/feeds/all/rss-full.xml',
      '/sitemap.xml',
      '/api/content/v1/articles',
      `/api/content/v1/articles/${s.id}`,
      `/api/content/v1/articles/${s.id}?format=ninjs`,
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.body, url).not.toContain(SECRET);
      expect(res.body.toLowerCase(), url).not.toContain(SECRET.toLowerCase());
    }
    // Search finds the story by its words, never by a note's.
    const byWord = await get('/search?q=timetable');
    expect(byWord.body).toContain('/ferry-timetable-changes');
    const byNote = await get(`/search?q=${SECRET}`);
    expect(byNote.statusCode).toBe(200);
    expect(byNote.body).not.toContain('/ferry-timetable-changes');
    const api = await get(`/api/content/v1/search?q=${SECRET}`);
    if (api.statusCode === 200) expect(api.body).not.toContain('Ferry timetable');

    const out = path.join(env.dir, 'export');
    await exportStatic(env.ctx, env.app, out);
    const files = fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = fs.readFileSync(path.join(f.parentPath, f.name)).toString('latin1');
      expect(text.includes(SECRET), path.join(f.parentPath, f.name)).toBe(false);
    }
  });

  it('records kinds, names and human field names in the history', async () => {
    let s = await draft(contributor, 'History, first headline');
    const put = async (kind: 'save' | 'autosave', patch: Record<string, unknown>) => {
      const current = (await call(env.app, contributor, 'GET', `/articles/${s.id}`)).json();
      const res = await call(
        env.app,
        contributor,
        'PUT',
        kind === 'save' ? `/articles/${s.id}` : `/articles/${s.id}/autosave`,
        {
          headline: current.headline,
          slug: current.slug,
          dek: current.dek,
          body: current.body,
          sectionId,
          authorIds: current.authorIds,
          tags: current.tags,
          ...patch,
          version: current.version,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      s = res.json();
    };
    await put('autosave', { headline: 'History, second headline' });
    await put('save', { dek: 'A dek now', tags: ['Harbour'] });
    const submitted = await move(contributor, s, 'submit', { note: 'Over to you' });
    s = submitted.json();
    const history = async (): Promise<RevisionOut[]> =>
      (await call(env.app, contributor, 'GET', `/articles/${s.id}/revisions`)).json().revisions;
    const first = (await history()).at(-1) as RevisionOut;
    const restored = await call(
      env.app,
      contributor,
      'POST',
      `/articles/${s.id}/revisions/${first.id}/restore`,
      {
        version: s.version,
      },
    );
    expect(restored.statusCode, restored.body).toBe(200);
    s = restored.json();

    const list = await history();
    expect(list.map((r) => r.kind)).toEqual(['restore', 'submit', 'save', 'autosave', 'save']);
    const [restore, submit, save, autosave, created] = list as [
      RevisionOut,
      RevisionOut,
      RevisionOut,
      RevisionOut,
      RevisionOut,
    ];
    expect(restore).toMatchObject({
      byName: 'The contributor',
      label: `Restored from version ${first.version}`,
      detail: { fromVersion: first.version },
    });
    expect(restore.changedLabels).toEqual(expect.arrayContaining(['Headline', 'Dek', 'Tags']));
    expect(restore.by).toMatch(/^user:\d+$/);
    expect(submit).toMatchObject({ label: 'Submitted for review', changedLabels: ['State'] });
    expect(save).toMatchObject({ label: 'Saved', changedLabels: ['Dek', 'Tags'] });
    expect(autosave).toMatchObject({ label: 'Autosaved', changedLabels: ['Headline'] });
    expect(created.label).toBe('Saved');
    expect(created.changedLabels).toEqual(expect.arrayContaining(['Headline', 'Body', 'Section']));

    // One revision read alone says the same.
    const one = await call(env.app, contributor, 'GET', `/articles/${s.id}/revisions/${restore.id}`);
    expect(one.json()).toMatchObject({ label: restore.label, byName: 'The contributor' });

    // Moves by an editor and by the scheduler are named after them.
    s = (
      await move(editor, s, 'schedule', {
        publishAt: new Date(Date.now() + 3_600_000).toISOString(),
        override: true,
      })
    ).json();
    expect(s.status).toBe('scheduled');
    await publishDueArticles(env.ctx.db, new Date(Date.now() + 2 * 3_600_000).toISOString());
    const last = await history();
    expect(last.slice(0, 2).map((r) => [r.kind, r.byName, r.label])).toEqual([
      ['publish', 'Scheduler', 'Published as scheduled'],
      ['schedule', 'The editor', 'Scheduled'],
    ]);
  });
});

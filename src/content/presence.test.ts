import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { createSection } from './index.js';
import { PRESENCE_TTL_MS, purgeStalePresence } from './presence.js';

/** Who is editing: heartbeats, leaving, take-over, permissions, someone else's save. */
describe.each(testDialects())('presence on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let author: Session;
  let contributor: Session;
  let admin: Session;
  let sectionId: number;
  let clock = Date.parse('2026-12-05T10:00:00Z');
  const tick = (ms: number) => {
    clock += ms;
    env.setNow(new Date(clock));
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date(clock));
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
    author = await signIn(env.app, 'author@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    admin = await signIn(env.app, 'admin@example.com');
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
  });
  afterAll(() => env?.close());

  async function story(s: Session, headline = 'Council votes') {
    const res = await call(env.app, s, 'POST', '/articles', { headline, body: doc('x'), sectionId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  }
  const beat = (s: Session, id: number, tabId: string, version?: number) =>
    call(env.app, s, 'POST', `/articles/${id}/presence`, { tabId, ...(version ? { version } : {}) });
  async function others(s: Session, id: number, tabId: string) {
    const res = await beat(s, id, tabId);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().others as { user: { name: string }; tabs: number; you: boolean }[]).map(
      (o) => `${o.user.name}${o.you ? ' (you)' : ''} ×${o.tabs}`,
    );
  }

  it('shows a second person the first, and forgets a tab 30 s after its last heartbeat', async () => {
    const { id } = await story(author);
    const first = await beat(author, id, 'author-tab-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      others: [],
      takenOver: null,
      heartbeatSeconds: 5,
      goneAfterSeconds: 30,
    });
    expect(await others(editor, id, 'editor-tab-1')).toEqual(['The author ×1']);
    expect(await others(author, id, 'author-tab-1')).toEqual(['The editor ×1']);

    // The author's tab stops beating; the editor keeps going.
    tick(PRESENCE_TTL_MS - 1_000);
    expect(await others(editor, id, 'editor-tab-1')).toEqual(['The author ×1']);
    tick(1_000);
    expect(await others(editor, id, 'editor-tab-1')).toEqual(['The author ×1']);
    tick(1);
    expect(await others(editor, id, 'editor-tab-1')).toEqual([]);

    // Coming back starts a new stay.
    const back = (await beat(author, id, 'author-tab-1')).json();
    expect(back.others.map((o: { user: { name: string } }) => o.user.name)).toEqual(['The editor']);
    const seen = (await beat(editor, id, 'editor-tab-1')).json().others[0];
    expect(seen.since).toBe(new Date(clock).toISOString());
  });

  it('forgets a tab at once when it leaves, and counts a person once however many tabs', async () => {
    const { id } = await story(editor);
    await beat(editor, id, 'editor-tab-a');
    await beat(editor, id, 'editor-tab-b');
    tick(1_000);
    await beat(admin, id, 'admin-tab-1');
    expect(await others(admin, id, 'admin-tab-1')).toEqual(['The editor ×2']);
    expect(await others(editor, id, 'editor-tab-a')).toEqual(['The editor (you) ×1', 'The admin ×1']);

    const gone = await call(env.app, editor, 'DELETE', `/articles/${id}/presence?tabId=editor-tab-b`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await others(admin, id, 'admin-tab-1')).toEqual(['The editor ×1']);
    // Leaving twice, or a tab of someone else's, changes nothing and is not an error.
    expect(
      (await call(env.app, editor, 'DELETE', `/articles/${id}/presence?tabId=editor-tab-b`)).statusCode,
    ).toBe(204);
    expect(
      (await call(env.app, admin, 'DELETE', `/articles/${id}/presence?tabId=editor-tab-a`)).statusCode,
    ).toBe(204);
    expect(await others(admin, id, 'admin-tab-1')).toEqual(['The editor ×1']);
  });

  it('tells the person taken over from at their next heartbeat, and they can still save', async () => {
    const { id } = await story(author);
    await beat(author, id, 'author-tab-1');
    await beat(editor, id, 'editor-tab-1');
    tick(2_000);
    const took = await call(env.app, editor, 'POST', `/articles/${id}/presence/take-over`, {
      tabId: 'editor-tab-1',
    });
    expect(took.statusCode, took.body).toBe(200);
    expect(took.json()).toMatchObject({ tookOver: 1, takenOver: null });
    expect(took.json().others).toMatchObject([{ user: { name: 'The author' }, takenOver: true }]);

    const told = (await beat(author, id, 'author-tab-1')).json();
    expect(told.takenOver).toEqual({
      by: { id: editor.userId, name: 'The editor' },
      at: new Date(clock).toISOString(),
    });
    // The editor's own later heartbeats are not flagged.
    expect((await beat(editor, id, 'editor-tab-1')).json().takenOver).toBeNull();

    // Nothing is locked: the author's save goes through the version check as before.
    const current = (await call(env.app, author, 'GET', `/articles/${id}`)).json();
    const save = await call(env.app, author, 'PUT', `/articles/${id}`, {
      headline: 'Council votes again',
      body: doc('y'),
      sectionId,
      version: current.version,
    });
    expect(save.statusCode, save.body).toBe(200);

    // An admin taking it back from the editor clears nothing of the author's flag but sets the editor's.
    const back = await call(env.app, admin, 'POST', `/articles/${id}/presence/take-over`, {
      tabId: 'admin-tab-9',
    });
    expect(back.json().tookOver).toBe(2);
    expect((await beat(editor, id, 'editor-tab-1')).json().takenOver.by.name).toBe('The admin');
  });

  it('lets only editors and up take over, and shows nobody a story they may not read (404)', async () => {
    const mine = await story(author, 'Author piece');
    const editors = await story(editor, 'Embargoed merger');
    for (const s of [author, contributor]) {
      const res = await call(
        env.app,
        s,
        'POST',
        `/articles/${s === author ? mine.id : (await story(contributor)).id}/presence/take-over`,
        {
          tabId: 'some-tab-1',
        },
      );
      expect(res.statusCode, res.body).toBe(403);
    }
    const urls = [
      ['POST', `/articles/${editors.id}/presence`, { tabId: 'contrib-tab' }],
      ['DELETE', `/articles/${editors.id}/presence?tabId=contrib-tab`],
      ['POST', `/articles/${editors.id}/presence/take-over`, { tabId: 'contrib-tab' }],
      ['POST', '/articles/987654/presence', { tabId: 'contrib-tab' }],
    ] as const;
    for (const [method, url, body] of urls) {
      const res = await call(env.app, contributor, method, url, body);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(404);
    }
    // The editor's story shows no contributor, and the author's none of the unreadable one.
    await beat(editor, editors.id, 'editor-tab-1');
    expect((await beat(editor, editors.id, 'editor-tab-1')).json().others).toEqual([]);
  });

  it('refuses a malformed tab id or version with 400, changing nothing', async () => {
    const { id } = await story(editor);
    for (const body of [
      {},
      { tabId: 'short' },
      { tabId: 'has spaces in it' },
      { tabId: '<b>x</b>abc' },
      { tabId: 'ok-tab-id', version: 0 },
    ]) {
      const res = await call(env.app, editor, 'POST', `/articles/${id}/presence`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call(env.app, editor, 'DELETE', `/articles/${id}/presence`)).statusCode).toBe(400);
    const rows = await env.ctx.db
      .selectFrom('editing_sessions')
      .selectAll()
      .where('article_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("reports someone else's newer save with their name at the next heartbeat", async () => {
    const { id, version } = await story(author);
    const quiet = (await beat(author, id, 'author-tab-1', version)).json();
    expect(quiet.article).toMatchObject({ version, updatedBy: null, status: 'draft' });

    tick(3_000);
    const save = await call(env.app, editor, 'PUT', `/articles/${id}/autosave`, {
      headline: 'Council votes, editor fixes',
      body: doc('z'),
      sectionId,
      version,
    });
    expect(save.statusCode, save.body).toBe(200);
    const told = (await beat(author, id, 'author-tab-1', version)).json();
    expect(told.article).toMatchObject({
      version: version + 1,
      updatedAt: new Date(clock).toISOString(),
      updatedBy: { id: editor.userId, name: 'The editor' },
    });
  });

  it("reports a newer save of a live story's working copy, with who saved it", async () => {
    const { id, version } = await story(editor, 'Live and edited');
    const pub = await call(env.app, editor, 'POST', `/articles/${id}/transitions`, {
      action: 'publish',
      version,
      override: true,
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const live = pub.json().version as number;
    tick(2_000);
    const save = await call(env.app, admin, 'PUT', `/articles/${id}/autosave`, {
      headline: 'Live and edited, further',
      body: doc('y'),
      sectionId,
      version: live,
    });
    expect(save.statusCode, save.body).toBe(200);
    const copyVersion = save.json().workingCopy.version as number;
    expect(copyVersion).toBeGreaterThan(live);
    const told = (await beat(editor, id, 'editor-live-tab', live)).json();
    expect(told.article).toMatchObject({
      version: copyVersion,
      status: 'published',
      updatedAt: new Date(clock).toISOString(),
      updatedBy: { id: admin.userId },
    });
    // Holding the copy's version: nothing newer, nobody named.
    expect((await beat(editor, id, 'editor-live-tab', copyVersion)).json().article.updatedBy).toBeNull();
  });

  it('takes many heartbeats at once from many tabs without an error', async () => {
    const { id } = await story(editor);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        // Half the beats repeat a tab already beating: the upsert races with itself.
        beat(i % 2 ? editor : admin, id, `parallel-tab-${i % 20}`),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const rows = await env.ctx.db
      .selectFrom('editing_sessions')
      .selectAll()
      .where('article_id', '=', id)
      .execute();
    expect(rows.length).toBe(20);
    expect(new Set(rows.map((r) => `${r.user_id}/${r.tab_id}`)).size).toBe(rows.length);
  });

  it('deletes long-stale rows in the background job', async () => {
    const { id } = await story(editor);
    await beat(editor, id, 'editor-tab-old');
    tick(11 * 60_000);
    await beat(admin, id, 'admin-tab-new');
    expect(await purgeStalePresence(env.ctx.db, new Date(clock))).toBeGreaterThanOrEqual(1);
    const left = await env.ctx.db
      .selectFrom('editing_sessions')
      .select('tab_id')
      .where('article_id', '=', id)
      .execute();
    expect(left.map((r) => r.tab_id)).toEqual(['admin-tab-new']);
  });
});

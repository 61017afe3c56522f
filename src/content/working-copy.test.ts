import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStatic } from '../export/export.js';
import { defaultJobs } from '../jobs/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { createSection } from './index.js';

/**
 * Published stories: saves go to a working copy readers never see, until `update`.
 * Transitions here pass `override: true` as an editor: these tests are about the working copy;
 * the checks' warnings before publishing are tested in admin/checks.test.ts.
 */
describe.each(testDialects())('working copy of a live story on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;
  let contributor: Session;
  let sectionId: number;
  const host = { host: 'news.example.com' };

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString()))
      .id;
    editor = await signIn(env.app, 'editor@example.com');
    contributor = await signIn(env.app, 'contributor@example.com');
    // A subscriber, so the outbox shows which writes would reach partners.
    const at = env.ctx.now().toISOString();
    await env.ctx.db
      .insertInto('webhook_subscriptions')
      .values({
        url: 'https://hooks.example.com/in',
        events: JSON.stringify(['article.published', 'article.updated']),
        secret: 'test-secret',
        description: '',
        active: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  const updatedEvents = async () =>
    (
      await env.ctx.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('event_type', '=', 'article.updated')
        .execute()
    ).length;
  afterAll(() => env?.close());

  type Story = {
    id: number;
    version: number;
    path: string;
    headline: string;
    status: string;
    live: boolean;
    editsGoTo: string;
    workingCopy: null | { version: number; headline: string; reviewState: string; slug: string };
    allowed: { update: boolean; workingCopy: string[]; transitions: string[] };
  };

  async function published(headline: string, as: Session = editor): Promise<Story> {
    const made = await call(env.app, as, 'POST', '/articles', {
      headline,
      body: doc('First text.'),
      sectionId,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, version } = made.json();
    const pub = await call(env.app, editor, 'POST', `/articles/${id}/transitions`, {
      action: 'publish',
      override: true,
      version,
    });
    expect(pub.statusCode, pub.body).toBe(200);
    return pub.json();
  }

  const edit = (version: number, headline: string, extra: Record<string, unknown> = {}) => ({
    headline,
    body: doc(`Body of ${headline}.`),
    sectionId,
    version,
    ...extra,
  });

  const get = (url: string) => env.app.inject({ method: 'GET', url, headers: host });

  /** Everything readers can see of a story, each read twice (the second from the page cache). */
  async function publicFaces(story: { id: number; path: string }) {
    const faces: Record<string, string> = {};
    for (const round of [1, 2]) {
      const page = await get(story.path);
      expect(page.statusCode).toBe(200);
      faces.page = page.body;
      faces.rss = (await get('/feeds/all/rss-full.xml')).body;
      const api = await get(`/api/content/v1/articles/${story.id}`);
      faces.api = api.statusCode === 200 ? JSON.stringify(api.json()) : `status ${api.statusCode}`;
      faces.sitemap = (await get('/sitemap.xml')).body;
      faces.round = String(round);
    }
    return faces;
  }

  it('keeps saves and autosaves of a published story out of the page, feed, Content API and sitemap', async () => {
    const story = await published('Kremlin replaces five ministers');
    const before = await publicFaces(story);
    expect(before.page).toContain('Kremlin replaces five ministers');
    const searchBefore = await env.ctx.db.selectFrom('search_documents').selectAll().execute();
    const outboxBefore = await env.ctx.db.selectFrom('webhook_deliveries').select('id').execute();
    const mirror = path.join(env.dir, 'mirror');
    await exportStatic(env.ctx, env.app, mirror);

    const auto = await call(
      env.app,
      editor,
      'PUT',
      `/articles/${story.id}/autosave`,
      edit(story.version, 'Kremlin replaces five gov'),
    );
    expect(auto.statusCode, auto.body).toBe(200);
    const a = auto.json() as Story;
    expect(a.headline).toBe('Kremlin replaces five ministers');
    expect(a.version).toBe(story.version);
    expect(a.live).toBe(true);
    expect(a.editsGoTo).toBe('working-copy');
    expect(a.workingCopy?.headline).toBe('Kremlin replaces five gov');
    expect(a.workingCopy?.reviewState).toBe('draft');
    expect(a.allowed.workingCopy).toEqual(['update', 'discard', 'submit']);
    const wc = a.workingCopy as NonNullable<Story['workingCopy']>;
    const saved = await call(
      env.app,
      editor,
      'PUT',
      `/articles/${story.id}`,
      edit(wc.version, 'Kremlin replaces five governors'),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().workingCopy.version).toBeGreaterThan(wc.version);

    const after = await publicFaces(story);
    expect(after).toEqual(before);
    expect(after.page).not.toContain('governors');
    expect(await env.ctx.db.selectFrom('search_documents').selectAll().execute()).toEqual(searchBefore);
    expect(await env.ctx.db.selectFrom('webhook_deliveries').select('id').execute()).toEqual(outboxBefore);
    // The static export (incremental) finds nothing to write.
    expect((await exportStatic(env.ctx, env.app, mirror)).writtenPaths).toEqual([]);
    // GET shows the copy to the newsroom.
    const loaded = (await call(env.app, editor, 'GET', `/articles/${story.id}`)).json() as Story;
    expect(loaded.workingCopy?.headline).toBe('Kremlin replaces five governors');
    // Applied, the export does rewrite the story's page.
    const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: loaded.workingCopy?.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    const written = (await exportStatic(env.ctx, env.app, mirror)).writtenPaths;
    expect(written.some((p) => p.includes(story.path.slice(1)))).toBe(true);
  });

  it('applies the copy with update: page, feed and API change at once, the address stays', async () => {
    const story = await published('Council votes on budget');
    await publicFaces(story); // warm the page cache
    const s = (
      await call(
        env.app,
        editor,
        'PUT',
        `/articles/${story.id}`,
        edit(story.version, 'Council passes budget'),
      )
    ).json() as Story;
    const wcVersion = s.workingCopy?.version as number;
    const stale = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: story.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.workingCopy.headline).toBe('Council passes budget');
    const eventsBefore = await updatedEvents();
    const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: wcVersion,
    });
    expect(up.statusCode, up.body).toBe(200);
    const u = up.json() as Story;
    expect(u.headline).toBe('Council passes budget');
    expect(u.workingCopy).toBeNull();
    expect(u.path).toBe(story.path);
    expect(u.status).toBe('published');
    expect(u.version).toBeGreaterThan(wcVersion);
    expect(await updatedEvents()).toBe(eventsBefore + 1);
    const faces = await publicFaces(story);
    expect(faces.page).toContain('Council passes budget');
    expect(faces.rss).toContain('Council passes budget');
    expect(faces.api).toContain('Council passes budget');
    const revs = (await call(env.app, editor, 'GET', `/articles/${story.id}/revisions`)).json().revisions;
    expect(revs[0].version).toBe(u.version);
    expect(revs[0].changed).toContain('headline');
    expect(revs[0].kind).toBe('update');
    // The old copy's version is not valid for anything now.
    const again = await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(wcVersion, 'Stale'));
    expect(again.statusCode).toBe(409);
  });

  it('moves the address only for a slug changed on purpose, the old one answering 301', async () => {
    const story = await published('Bridge closes');
    const s = (
      await call(
        env.app,
        editor,
        'PUT',
        `/articles/${story.id}`,
        edit(story.version, 'Bridge closes for repairs', { slug: 'bridge-repairs' }),
      )
    ).json() as Story;
    expect((await get(story.path)).statusCode).toBe(200);
    const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: s.workingCopy?.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    const moved = up.json().path as string;
    expect(moved).toMatch(/\/bridge-repairs$/);
    const old = await get(story.path);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toContain(moved);
  });

  it('discards the copy and leaves the public story as it was', async () => {
    const story = await published('Storm warning');
    const s = (
      await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(story.version, 'Storm warn'))
    ).json() as Story;
    const d = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'discard',
      version: s.workingCopy?.version,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().workingCopy).toBeNull();
    expect(d.json().version).toBe(story.version);
    expect((await get(story.path)).body).toContain('Storm warning');
    // Nothing to update now; a new copy starts again from the story's version.
    expect(
      (
        await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
          action: 'update',
          override: true,
          version: s.workingCopy?.version,
        })
      ).statusCode,
    ).toBe(409);
    const again = await call(
      env.app,
      editor,
      'PUT',
      `/articles/${story.id}`,
      edit(story.version, 'Storm warning lifted'),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().workingCopy.version).toBeGreaterThan(s.workingCopy?.version as number);
  });

  it('lets a contributor prepare and submit changes to their live story, but not apply them', async () => {
    const story = await published('Local fair opens', contributor);
    const mine = (await call(env.app, contributor, 'GET', `/articles/${story.id}`)).json() as Story;
    expect(mine.allowed.update).toBe(true);
    const s = await call(
      env.app,
      contributor,
      'PUT',
      `/articles/${story.id}`,
      edit(story.version, 'Local fair opens early'),
    );
    expect(s.statusCode, s.body).toBe(200);
    const wc = (s.json() as Story).workingCopy as NonNullable<Story['workingCopy']>;
    expect((s.json() as Story).allowed.workingCopy).toEqual(['discard', 'submit']);
    const refused = await call(env.app, contributor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: wc.version,
    });
    expect(refused.statusCode).toBe(403);
    const sub = await call(env.app, contributor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'submit',
      version: wc.version,
    });
    expect(sub.statusCode, sub.body).toBe(200);
    const submitted = (sub.json() as Story).workingCopy as NonNullable<Story['workingCopy']>;
    expect(submitted.reviewState).toBe('in_review');
    expect((sub.json() as Story).status).toBe('published');
    // The editor sees it in review and may return it or apply it.
    const seen = (await call(env.app, editor, 'GET', `/articles/${story.id}`)).json() as Story;
    expect(seen.allowed.workingCopy).toEqual(['update', 'discard', 'return']);
    const back = await call(env.app, contributor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'return',
      version: submitted.version,
      note: 'Not ready yet.',
    });
    expect(back.statusCode).toBe(403);
    const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: submitted.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect((await get(story.path)).body).toContain('Local fair opens early');
  });

  it('publishes the approved version of a scheduled story, never the later working copy', async () => {
    const made = (
      await call(env.app, editor, 'POST', '/articles', {
        headline: 'Election results',
        body: doc('Approved text.'),
        sectionId,
      })
    ).json();
    const at = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const sch = await call(env.app, editor, 'POST', `/articles/${made.id}/transitions`, {
      action: 'schedule',
      override: true,
      version: made.version,
      publishAt: at,
    });
    expect(sch.statusCode, sch.body).toBe(200);
    const scheduled = sch.json() as Story;
    const s = (
      await call(
        env.app,
        editor,
        'PUT',
        `/articles/${made.id}`,
        edit(scheduled.version, 'Election results (unreviewed)'),
      )
    ).json() as Story;
    expect(s.workingCopy?.headline).toBe('Election results (unreviewed)');
    env.setNow(new Date(env.ctx.now().getTime() + 2 * 3_600_000));
    try {
      // The scheduler's job, run once at the moved clock (what the poller runs every second).
      const job = defaultJobs.find((j) => j.name === 'publish-scheduled');
      await job?.run(env.ctx);
      const row = await env.ctx.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect(row.headline).toBe('Election results');
      const page = await get(row.path as string);
      expect(page.body).toContain('Election results');
      expect(page.body).not.toContain('unreviewed');
      // The copy is still there, now the pending change to a live story.
      const live = (await call(env.app, editor, 'GET', `/articles/${made.id}`)).json() as Story;
      expect(live.workingCopy?.headline).toBe('Election results (unreviewed)');
    } finally {
      env.setNow(null);
    }
  });

  it('applies a copy to a scheduled story and keeps it scheduled for the same time', async () => {
    const made = (
      await call(env.app, editor, 'POST', '/articles', {
        headline: 'Budget speech',
        body: doc('Text.'),
        sectionId,
      })
    ).json();
    const at = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const scheduled = (
      await call(env.app, editor, 'POST', `/articles/${made.id}/transitions`, {
        action: 'schedule',
        override: true,
        version: made.version,
        publishAt: at,
      })
    ).json() as Story & { publishAt: string };
    const s = (
      await call(
        env.app,
        editor,
        'PUT',
        `/articles/${made.id}`,
        edit(scheduled.version, 'Budget speech: full text'),
      )
    ).json() as Story;
    const up = await call(env.app, editor, 'POST', `/articles/${made.id}/transitions`, {
      action: 'update',
      override: true,
      version: s.workingCopy?.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().status).toBe('scheduled');
    expect(up.json().publishAt).toBe(scheduled.publishAt);
    expect(up.json().headline).toBe('Budget speech: full text');
  });

  it('folds pending changes into the story when it leaves the live states (unschedule, unpublish)', async () => {
    const made = (
      await call(env.app, editor, 'POST', '/articles', {
        headline: 'Ferry timetable',
        body: doc('Text.'),
        sectionId,
      })
    ).json();
    const at = new Date(env.ctx.now().getTime() + 3_600_000).toISOString();
    const scheduled = (
      await call(env.app, editor, 'POST', `/articles/${made.id}/transitions`, {
        action: 'schedule',
        override: true,
        version: made.version,
        publishAt: at,
      })
    ).json() as Story;
    await call(
      env.app,
      editor,
      'PUT',
      `/articles/${made.id}`,
      edit(scheduled.version, 'Ferry timetable changes'),
    );
    const un = await call(env.app, editor, 'POST', `/articles/${made.id}/transitions`, {
      action: 'unschedule',
      version: scheduled.version,
    });
    expect(un.statusCode, un.body).toBe(200);
    expect(un.json()).toMatchObject({
      status: 'draft',
      headline: 'Ferry timetable changes',
      workingCopy: null,
    });

    const story = await published('Road closure');
    await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(story.version, 'Road closure extended'));
    const off = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'unpublish',
      version: story.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({
      status: 'unpublished',
      headline: 'Road closure extended',
      workingCopy: null,
    });
    expect((await get(story.path)).statusCode).toBe(410);
  });

  it('checks the changes about to go public before update, and applies none while they fail', async () => {
    const story = await published('Short headline');
    const long = `Council passes budget ${'after a very long night of amendments '.repeat(2)}`.trim();
    const s = (
      await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(story.version, long))
    ).json() as Story;
    const checks = await call(env.app, editor, 'GET', `/articles/${story.id}/checks?action=update`);
    expect(checks.json().checks.map((c: { id: string }) => c.id)).toContain('headline-length');
    const publishChecks = await call(env.app, editor, 'GET', `/articles/${story.id}/checks?action=publish`);
    expect(publishChecks.json().checks.map((c: { id: string }) => c.id)).not.toContain('headline-length');
    const refused = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      version: s.workingCopy?.version,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('checks_failed');
    expect((await get(story.path)).body).toContain('Short headline');
    expect((await get(story.path)).body).not.toContain('long night');
  });

  it('adds a correction readers see with update, and notes with submit and return of the copy', async () => {
    const story = await published('Bridge closes for repairs');
    const s = (
      await call(
        env.app,
        editor,
        'PUT',
        `/articles/${story.id}`,
        edit(story.version, 'Bridge closes for six weeks'),
      )
    ).json() as Story;
    const wrongPlace = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'discard',
      version: s.workingCopy?.version,
      notice: { kind: 'correction', text: 'x' },
    });
    expect(wrongPlace.statusCode).toBe(400);
    const returned = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'return',
      version: s.workingCopy?.version,
    });
    expect(returned.statusCode).toBe(400); // a return needs its reason
    const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: s.workingCopy?.version,
      notice: { kind: 'correction', text: 'An earlier version gave the closure as two weeks; it is six.' },
    });
    expect(up.statusCode, up.body).toBe(200);
    const page = (await get(story.path)).body;
    expect(page).toContain('Bridge closes for six weeks');
    expect(page).toContain('An earlier version gave the closure as two weeks; it is six.');
    expect((await get('/corrections')).body).toContain('Bridge closes for six weeks');
    // The history reads as a person would tell it: the update applied, the correction added.
    const history = (await call(env.app, editor, 'GET', `/articles/${story.id}/revisions`)).json();
    expect(history.revisions[0]).toMatchObject({
      kind: 'update',
      label: 'Update applied',
      byName: 'The editor',
    });
    expect(history.events).toEqual([
      expect.objectContaining({ label: 'Correction added', byName: 'The editor' }),
    ]);

    // A writer's changes to their live story go to the desk with a note, and back with a reason.
    const mine = await published('Ferry timetable changes', contributor);
    const c = (
      await call(
        env.app,
        contributor,
        'PUT',
        `/articles/${mine.id}`,
        edit(mine.version, 'Ferry timetable changes again'),
      )
    ).json() as Story;
    const submitted = await call(env.app, contributor, 'POST', `/articles/${mine.id}/transitions`, {
      action: 'submit',
      version: c.workingCopy?.version,
      note: 'Times from the operator this morning.',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const back = await call(env.app, editor, 'POST', `/articles/${mine.id}/transitions`, {
      action: 'return',
      version: (submitted.json() as Story).workingCopy?.version,
      note: 'Please add the winter times.',
    });
    expect(back.statusCode, back.body).toBe(200);
    const notes = (await call(env.app, contributor, 'GET', `/articles/${mine.id}/notes`)).json();
    expect(JSON.stringify(notes)).toContain('Times from the operator this morning.');
    expect(JSON.stringify(notes)).toContain('Please add the winter times.');
  });

  it('previews the unpublished changes, with the preview band, while readers keep the story', async () => {
    const story = await published('Stadium vote delayed');
    await call(
      env.app,
      editor,
      'PUT',
      `/articles/${story.id}`,
      edit(story.version, 'Stadium vote set for May'),
    );
    const link = await call(env.app, editor, 'POST', `/articles/${story.id}/preview`);
    expect(link.statusCode, link.body).toBe(201);
    const preview = await get(link.json().path);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Stadium vote set for May');
    expect(preview.body).toContain('Preview — not published');
    expect(preview.body).toContain('noindex');
    expect((await get(story.path)).body).toContain('Stadium vote delayed');
    expect((await get(story.path)).body).not.toContain('Stadium vote set for May');
  });

  it('shows "Updated" on the page once an update is applied, even minutes after publication', async () => {
    const story = await published('Rail strike called off');
    expect((await get(story.path)).body).not.toContain('Updated');
    env.setNow(new Date(env.ctx.now().getTime() + 3 * 60_000));
    try {
      const s = (
        await call(
          env.app,
          editor,
          'PUT',
          `/articles/${story.id}`,
          edit(story.version, 'Rail strike called off after talks'),
        )
      ).json() as Story;
      expect((await get(story.path)).body).not.toContain('Updated'); // a saved copy is not an update
      const up = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
        action: 'update',
        override: true,
        version: s.workingCopy?.version,
      });
      expect(up.statusCode, up.body).toBe(200);
      expect((await get(story.path)).body).toContain('Updated');
    } finally {
      env.setNow(null);
    }
  });

  it('refuses the second of two saves of one working copy with 409, not a lost edit', async () => {
    const story = await published('Two editors');
    const first = (
      await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(story.version, 'Two editors: start'))
    ).json() as Story;
    const v = first.workingCopy?.version as number;
    const other = await signIn(env.app, 'admin@example.com');
    for (let round = 0; round < 5; round++) {
      const current = (await call(env.app, editor, 'GET', `/articles/${story.id}`)).json() as Story;
      const base = current.workingCopy?.version ?? v;
      const [a, b] = await Promise.all([
        call(env.app, editor, 'PUT', `/articles/${story.id}/autosave`, edit(base, `Mine ${round}`)),
        call(env.app, other, 'PUT', `/articles/${story.id}/autosave`, edit(base, `Theirs ${round}`)),
      ]);
      const codes = [a.statusCode, b.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      const winner = a.statusCode === 200 ? a : b;
      expect(loser.json().error.details.current.workingCopy.headline).toBe(
        winner.json().workingCopy.headline,
      );
    }
  });

  it('refuses bad input to the copy with 400 and changes nothing', async () => {
    const story = await published('Validated');
    const bad = await call(env.app, editor, 'PUT', `/articles/${story.id}`, edit(story.version, ''));
    expect(bad.statusCode).toBe(400);
    const loaded = (await call(env.app, editor, 'GET', `/articles/${story.id}`)).json() as Story;
    expect(loaded.workingCopy).toBeNull();
    const unknown = await call(env.app, editor, 'POST', `/articles/${story.id}/transitions`, {
      action: 'update',
      override: true,
      version: story.version,
    });
    expect(unknown.statusCode).toBe(409);
  });
});

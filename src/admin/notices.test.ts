import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/index.js';
import type { ArticleRow, Role } from '../db/index.js';
import { addSubscription } from '../distribution/webhooks/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

/** Notices (corrections …): the newsroom API, and every public face that shows them. */
const HOSTILE = 'We misnamed <script>alert(1)</script> the "minister" & his deputy.';

describe.each(testDialects())('notices on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let users: Record<Role, number>;
  const as: Partial<Record<Role, Session>> = {};
  let live: ArticleRow;
  let draft: ArticleRow;
  let authorsOwn: ArticleRow;
  const get = (url: string) => env.app.inject({ method: 'GET', url });
  const notices = (s: Session, id: number) => call(env.app, s, 'GET', `/articles/${id}/notices`);
  const add = (s: Session, id: number, body: unknown) =>
    call(env.app, s, 'POST', `/articles/${id}/notices`, body);

  beforeAll(async () => {
    env = await testEnv(dialect, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    fx = await seedFixture(env.ctx, env.dir);
    users = await createRoleUsers(env.ctx);
    for (const role of ['editor', 'author', 'contributor'] as Role[])
      as[role] = await signIn(env.app, `${role}@example.com`);
    await addSubscription(env.ctx, { url: 'http://127.0.0.1:9/hook', events: ['article.corrected'] });
    live = await fx.publish({ headline: 'Minister resigns', slug: 'minister-resigns' }, 2);
    authorsOwn = await createArticle(
      env.ctx.db,
      {
        headline: 'Author story',
        body: paragraphs('Text.'),
        sectionId: fx.sections.russia,
        status: 'published',
      },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone, createdBy: users.author },
    );
    draft = await createArticle(
      env.ctx.db,
      { headline: 'Secret draft', body: paragraphs('Text.'), sectionId: fx.sections.russia, status: 'draft' },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone },
    );
  });
  afterAll(async () => {
    await env?.close();
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const editor = as.editor as Session;
    const before = await env.ctx.db
      .selectFrom('articles')
      .select('updated_at')
      .where('id', '=', live.id)
      .executeTakeFirstOrThrow();
    for (const body of [
      { kind: 'retraction', text: 'x' },
      { kind: 'correction', text: '' },
      { kind: 'correction', text: '   ' },
      { kind: 'correction', text: 'x'.repeat(2001) },
      { kind: 'correction', text: 'bell\u0007' },
      { kind: 'correction', text: 'nul\u0000' },
      { kind: 'correction' },
      { kind: 'correction', text: 'ok', extra: 1 },
    ]) {
      const res = await add(editor, live.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await notices(editor, live.id)).json().notices).toEqual([]);
    const after = await env.ctx.db
      .selectFrom('articles')
      .select('updated_at')
      .where('id', '=', live.id)
      .executeTakeFirstOrThrow();
    expect(after.updated_at).toBe(before.updated_at);
    expect(await env.ctx.db.selectFrom('webhook_deliveries').selectAll().execute()).toEqual([]);
  });

  it('lets editors add, authors add to their own stories only, contributors nothing', async () => {
    expect((await add(as.contributor as Session, live.id, { kind: 'update', text: 'x' })).statusCode).toBe(
      404,
    );
    expect((await add(as.author as Session, live.id, { kind: 'update', text: 'x' })).statusCode).toBe(404);
    const own = await add(as.author as Session, authorsOwn.id, {
      kind: 'update',
      text: 'New figures added.',
    });
    expect(own.statusCode).toBe(201);
    const list = (await notices(as.author as Session, authorsOwn.id)).json();
    expect(list.allowed).toEqual({ add: true, edit: false });
    const id = own.json().id;
    const patch = await call(
      env.app,
      as.author as Session,
      'PATCH',
      `/articles/${authorsOwn.id}/notices/${id}`,
      {
        text: 'changed',
      },
    );
    expect(patch.statusCode).toBe(403);
    const del = await call(
      env.app,
      as.author as Session,
      'DELETE',
      `/articles/${authorsOwn.id}/notices/${id}`,
    );
    expect(del.statusCode).toBe(403);
    expect((await notices(as.editor as Session, live.id)).json().allowed).toEqual({ add: true, edit: true });
  });

  it('shows a correction on a published story everywhere readers look, escaped', async () => {
    const editor = as.editor as Session;
    const res = await add(editor, live.id, { kind: 'correction', text: HOSTILE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'correction', text: HOSTILE, createdByName: 'The editor' });

    // The page: the box, the line near the top, "Updated", JSON-LD.
    const page = await get(live.path as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)');
    const $ = cheerio.load(page.body);
    expect($('#notices .notice-kind').text()).toBe('Correction');
    expect($('#notices .notice-text').text()).toBe(HOSTILE);
    expect($('.story-corrected').text()).toContain('This story has been corrected');
    expect($('.story-meta .times').text()).toContain('Updated');
    expect($('#notices a[href="/corrections"]').length).toBe(1);
    const ld = $('script[type="application/ld+json"]')
      .toArray()
      .map((s) => JSON.parse($(s).text()))
      .find((j) => j['@type'] === 'NewsArticle');
    expect(ld.correction).toEqual([
      { '@type': 'CorrectionComment', text: HOSTILE, datePublished: res.json().createdAt },
    ]);
    expect(ld.dateModified).toBe(res.json().createdAt);

    // Feeds: RSS (summary and full), Atom, JSON Feed.
    for (const url of ['/feed.xml', '/feeds/all/rss-full.xml', '/atom.xml']) {
      const feed = await get(url);
      if (feed.statusCode === 404) continue;
      expect(feed.body, url).toContain('Correction</strong>');
      expect(feed.body, url).toContain('&lt;script&gt;alert(1)');
      expect(feed.body, url).not.toContain('<script>alert(1)');
    }
    const json = (await get('/feed.json')).json();
    const item = json.items.find((i: { url: string }) => i.url.endsWith(live.path as string));
    expect(item.content_html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    // Content API and ninjs.
    const api = (await get(`/api/content/v1/articles/${live.id}`)).json();
    expect(api.data.notices).toEqual([
      expect.objectContaining({ kind: 'correction', label: 'Correction', text: HOSTILE }),
    ]);
    const ninjs = (await get(`/api/content/v1/articles/${live.id}?format=ninjs`)).json();
    expect(ninjs.descriptions).toContainEqual({
      role: 'correction',
      contenttype: 'text/plain',
      value: HOSTILE,
    });
    expect(ninjs.ednote).toContain(HOSTILE);

    // /corrections and its feed.
    const list = await get('/corrections');
    expect(list.statusCode).toBe(200);
    const $l = cheerio.load(list.body);
    expect($l('.corrections .correction-story a').attr('href')).toBe(live.path);
    expect($l('.corrections .notice-text').first().text()).toBe(HOSTILE);
    expect(list.body).not.toContain('<script>alert(1)');
    const cfeed = await get('/corrections/feed.xml');
    expect(cfeed.statusCode).toBe(200);
    expect(cfeed.body).toContain('Correction: Minister resigns');
    expect(cfeed.body).not.toContain('<script>alert(1)');

    // The webhook outbox and the audit log.
    const events = (await env.ctx.db.selectFrom('webhook_deliveries').selectAll().execute()).filter(
      (e) => JSON.parse(e.payload).article.id === live.id,
    );
    expect(events.map((e) => e.event_type)).toEqual(['article.corrected']);
    const payload = JSON.parse(events[0]?.payload ?? '{}');
    expect(payload.article.id).toBe(live.id);
    expect(payload.notice).toMatchObject({ kind: 'correction', text: HOSTILE, action: 'added' });
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'notice.add')
      .execute();
    expect(audit.some((a) => a.subject_id === String(live.id))).toBe(true);
  });

  it('drops the cached page when a notice is edited or removed', async () => {
    const editor = as.editor as Session;
    await get(live.path as string); // cached
    const [n] = (await notices(editor, live.id)).json().notices;
    const patch = await call(env.app, editor, 'PATCH', `/articles/${live.id}/notices/${n.id}`, {
      text: 'We misnamed the deputy minister.',
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await get(live.path as string)).body).toContain('We misnamed the deputy minister.');
    expect((await get('/corrections')).body).toContain('We misnamed the deputy minister.');
    const del = await call(env.app, editor, 'DELETE', `/articles/${live.id}/notices/${n.id}`);
    expect(del.statusCode).toBe(204);
    expect((await get(live.path as string)).body).not.toContain('We misnamed the deputy minister.');
    expect((await get('/corrections')).body).not.toContain('We misnamed the deputy minister.');
    // Kept on record for the newsroom.
    const all = (await notices(editor, live.id)).json().notices;
    expect(all[0].removedAt).not.toBeNull();
    expect((await call(env.app, editor, 'DELETE', `/articles/${live.id}/notices/${n.id}`)).statusCode).toBe(
      404,
    );
  });

  it('shows "Updated" for a notice even minutes after publication', async () => {
    const fresh = await fx.publish({ headline: 'Just out', slug: 'just-out' }, 0.01);
    const page = async () =>
      cheerio
        .load((await get(fresh.path as string)).body)('.story-meta .times')
        .text();
    expect(await page()).not.toContain('Updated');
    const res = await add(as.editor as Session, fresh.id, {
      kind: 'update',
      text: 'Police have named the driver.',
    });
    expect(res.statusCode).toBe(201);
    expect(await page()).toContain('Updated');
    // An update is not a correction: not on /corrections, no "corrected" line.
    expect((await get('/corrections')).body).not.toContain('Police have named the driver.');
    expect(cheerio.load((await get(fresh.path as string)).body)('.story-corrected').length).toBe(0);
  });

  it('keeps notices on drafts out of every public face', async () => {
    const res = await add(as.editor as Session, draft.id, {
      kind: 'correction',
      text: 'Draft-only correction',
    });
    expect(res.statusCode).toBe(201);
    for (const url of ['/corrections', '/corrections/feed.xml', '/feed.xml', '/feed.json', '/atom.xml']) {
      expect((await get(url)).body, url).not.toContain('Draft-only correction');
    }
    expect((await get(`/api/content/v1/articles/${draft.id}`)).statusCode).toBe(404);
    const events = await env.ctx.db.selectFrom('webhook_deliveries').select('payload').execute();
    expect(events.some((e) => e.payload.includes('Draft-only'))).toBe(false);
  });
});

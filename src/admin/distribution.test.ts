import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('distribution settings in the newsroom API on %s', (dialect) => {
  let env: TestEnv;
  let admin: Session;
  let editor: Session;
  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    admin = await signIn(env.app, 'admin@example.com');
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  it('creates, lists and revokes Content API keys (admins only), showing the key once', async () => {
    expect((await call(env.app, editor, 'POST', '/api-keys', { name: 'TV app' })).statusCode).toBe(403);
    const created = await call(env.app, admin, 'POST', '/api-keys', { name: 'TV app', rateLimit: 120 });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    const list = await call(env.app, admin, 'GET', '/api-keys');
    expect(list.body).not.toContain(key);
    const api = await env.app.inject({
      method: 'GET',
      url: '/api/content/v1/sections',
      headers: { 'x-api-key': key },
    });
    expect(api.statusCode).toBe(200);
    expect((await call(env.app, admin, 'DELETE', `/api-keys/${id}`)).statusCode).toBe(204);
    const audit = (await call(env.app, admin, 'GET', '/audit'))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(audit.slice(0, 2)).toEqual(['apikey.revoke', 'apikey.create']);
  });

  it('refuses webhook targets on loopback unless allowed, and manages subscriptions', async () => {
    const refused = await call(env.app, admin, 'POST', '/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['article.published'],
    });
    expect(refused.statusCode).toBe(400);
    const ok = await call(env.app, admin, 'POST', '/webhooks', {
      url: 'https://hooks.example.com/masthead',
      events: ['article.published'],
    });
    // No DNS here: a name that does not resolve is refused at subscription time, cleanly.
    expect([201, 400]).toContain(ok.statusCode);
    if (ok.statusCode === 201) expect(ok.json().secret).toBeTruthy();
    expect((await call(env.app, admin, 'GET', '/webhooks')).statusCode).toBe(200);
    expect((await call(env.app, admin, 'GET', '/webhooks/deliveries?status=failed')).statusCode).toBe(200);
    expect((await call(env.app, editor, 'GET', '/webhooks')).statusCode).toBe(403);
  });

  it('shows mirror health to admins', async () => {
    const res = await call(env.app, admin, 'GET', '/mirrors');
    expect(res.statusCode).toBe(200);
    // Not checked yet: no result to show, which is not the same as down.
    expect(res.json().mirrors[0]).toMatchObject({ primary: true, status: 'unknown', checkedAt: null });
    // The servers' own timed check, at its default.
    expect(res.json().checkEveryMinutes).toBe(15);
    expect((await call(env.app, editor, 'GET', '/mirrors')).statusCode).toBe(403);
  });

  it('checks the mirrors now for admins, records the result and audits it', async () => {
    expect((await call(env.app, editor, 'POST', '/mirrors/check')).statusCode).toBe(403);
    const res = await call(env.app, admin, 'POST', '/mirrors/check');
    expect(res.statusCode, res.body).toBe(200);
    const [primary] = res.json().mirrors;
    // No network beyond loopback here: the test site's address does not resolve.
    expect(primary).toMatchObject({ url: 'https://news.example.com', primary: true, status: 'unreachable' });
    expect(primary.checkedAt).toEqual(expect.any(String));
    const shown = (await call(env.app, admin, 'GET', '/mirrors')).json().mirrors[0];
    expect(shown).toMatchObject({ status: 'unreachable', checkedAt: primary.checkedAt });
    const [entry] = (await call(env.app, admin, 'GET', '/audit')).json().entries;
    expect(entry.action).toBe('mirrors.check');
  });

  it('attaches a video to a story and adds a live stream', async () => {
    const section = await createSection(
      env.ctx.db,
      { slug: 'video', name: 'Video' },
      env.ctx.now().toISOString(),
    );
    const story = (
      await call(env.app, editor, 'POST', '/articles', {
        headline: 'Flood report',
        body: doc('x'),
        sectionId: section.id,
      })
    ).json();
    const video = await call(env.app, editor, 'PUT', `/articles/${story.id}/video`, {
      sourceUrl: 'https://media.example.com/flood/master.m3u8',
      durationSeconds: 95,
      quality: 'HD',
    });
    expect(video.statusCode, video.body).toBe(200);
    expect((await call(env.app, editor, 'GET', `/articles/${story.id}/video`)).json().kind).toBe('hls');
    const bad = await call(env.app, editor, 'PUT', `/articles/${story.id}/video`, {
      sourceUrl: 'javascript:alert(1)',
    });
    expect(bad.statusCode).toBe(400);
    const live = await call(env.app, editor, 'POST', '/live-streams', {
      slug: 'election-night',
      title: 'Election night',
      hlsUrl: 'https://media.example.com/live/main.m3u8',
    });
    expect(live.statusCode, live.body).toBe(201);
    const notHls = await call(env.app, editor, 'POST', '/live-streams', {
      slug: 'other',
      title: 'Other',
      hlsUrl: 'https://media.example.com/live/main.mp4',
    });
    expect(notHls.statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordReset } from '../accounts/index.js';
import { addTestUser, call, createRoleUsers, ORIGIN, PASSWORD, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('newsroom sign-in and sessions on %s', (dialect) => {
  let env: TestEnv;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  beforeAll(async () => {
    env = await testEnv(dialect);
    users = await createRoleUsers(env.ctx);
  });
  afterAll(() => env?.close());

  const login = (email: string, password: string, ip = '10.0.0.1') =>
    env.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('signs in with a HttpOnly, SameSite=Lax session cookie and never returns the hash', async () => {
    const res = await login('Editor@Example.com ', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^masthead_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/); // the site URL is https
    expect(res.body).not.toMatch(/scrypt|password_hash/);
    expect(res.json().user.role).toBe('editor');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers a wrong email and a wrong password the same way', async () => {
    const a = await login('nobody@example.com', PASSWORD, '10.0.0.2');
    const b = await login('author@example.com', 'wrong password!!', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
  });

  it('locks an account after repeated failures, for every IP, and an IP spraying accounts', async () => {
    await addTestUser(env.ctx, { email: 'lock@example.com', name: 'Lock', role: 'author' });
    for (let i = 0; i < 5; i++)
      expect((await login('lock@example.com', 'nope nope nope', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await login('lock@example.com', PASSWORD, '10.1.0.99');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // An unknown account locks the same way, so lockouts reveal nothing either.
    for (let i = 0; i < 5; i++) await login('ghost@example.com', 'nope nope nope', `10.2.0.${i}`);
    expect((await login('ghost@example.com', 'x', '10.2.0.50')).json()).toEqual(locked.json());
    for (let i = 0; i < 20; i++) await login(`spray${i}@example.com`, 'nope nope nope', '10.3.0.1');
    expect((await login('editor@example.com', PASSWORD, '10.3.0.1')).statusCode).toBe(429);
  });

  it('lets at most 5 of 40 parallel wrong guesses reach the password check; the rest get 429', async () => {
    await addTestUser(env.ctx, { email: 'race@example.com', name: 'Race', role: 'author' });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('race@example.com', `wrong guess ${i}!!`, `10.4.0.${i}`)),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(35);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    // The right password is refused too until the window passes.
    expect((await login('race@example.com', PASSWORD, '10.4.1.1')).statusCode).toBe(429);
  });

  it('refuses cookie writes without the CSRF token or from another origin', async () => {
    const s = await signIn(env.app, 'editor@example.com');
    const body = { name: 'Lifestyle', slug: 'lifestyle', parentId: null };
    const noToken = await env.app.inject({
      method: 'POST',
      url: '/api/admin/sections',
      headers: { cookie: s.cookie, origin: ORIGIN },
      payload: body,
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('bad_csrf_token');
    const evil = await env.app.inject({
      method: 'POST',
      url: '/api/admin/sections',
      headers: { cookie: s.cookie, origin: 'https://evil.example', 'x-csrf-token': s.csrf },
      payload: body,
    });
    expect(evil.statusCode).toBe(403);
    const noOrigin = await env.app.inject({
      method: 'POST',
      url: '/api/admin/sections',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: body,
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await env.ctx.db.selectFrom('sections').selectAll().execute()).length).toBe(0);
    expect((await call(env.app, s, 'POST', '/sections', body)).statusCode).toBe(201);
  });

  it('signs out, and signs out everywhere', async () => {
    const a = await signIn(env.app, 'admin@example.com');
    const b = await signIn(env.app, 'admin@example.com');
    expect((await call(env.app, a, 'DELETE', '/session')).statusCode).toBe(204);
    expect((await call(env.app, a, 'GET', '/session')).statusCode).toBe(401);
    expect((await call(env.app, b, 'GET', '/session')).statusCode).toBe(200);
    const c = await signIn(env.app, 'admin@example.com');
    expect((await call(env.app, c, 'POST', '/session/sign-out-everywhere')).json().ended).toBe(2);
    expect((await call(env.app, b, 'GET', '/session')).statusCode).toBe(401);
  });

  it('ends sessions when the password or the role changes', async () => {
    const s = await signIn(env.app, 'contributor@example.com');
    const owner = await signIn(env.app, 'owner@example.com');
    expect(
      (await call(env.app, owner, 'PATCH', `/users/${users.contributor}`, { role: 'author' })).statusCode,
    ).toBe(200);
    expect((await call(env.app, s, 'GET', '/session')).statusCode).toBe(401);
    const s2 = await signIn(env.app, 'contributor@example.com');
    expect(s2).toBeTruthy();
    const changed = await call(env.app, s2, 'POST', '/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new long password',
    });
    expect(changed.statusCode).toBe(204);
    expect((await call(env.app, s2, 'GET', '/session')).statusCode).toBe(401);
    await signIn(env.app, 'contributor@example.com', 'a brand new long password');
  });

  it('expires idle sessions', async () => {
    const s = await signIn(env.app, 'editor@example.com');
    env.setNow(new Date(Date.now() + 13 * 3_600_000));
    expect((await call(env.app, s, 'GET', '/session')).statusCode).toBe(401);
    env.setNow(null);
  });

  it('resets a password with a one-time token', async () => {
    const token = await createPasswordReset(env.ctx.db, users.admin, env.ctx.now());
    const body = { token, newPassword: 'reset password that is long' };
    expect((await call(env.app, null, 'POST', '/password-reset', body)).statusCode).toBe(204);
    expect((await call(env.app, null, 'POST', '/password-reset', body)).statusCode).toBe(400);
    await signIn(env.app, 'admin@example.com', 'reset password that is long');
  });

  it('voids the older unused reset links when one is used', async () => {
    const user = await addTestUser(env.ctx, {
      email: 'forgetful@example.com',
      name: 'Forgetful',
      role: 'author',
    });
    const older = await createPasswordReset(env.ctx.db, user.id, env.ctx.now());
    const newer = await createPasswordReset(env.ctx.db, user.id, env.ctx.now());
    const reset = (token: string, newPassword: string) =>
      call(env.app, null, 'POST', '/password-reset', { token, newPassword });
    expect((await reset(newer, 'the newer link password')).statusCode).toBe(204);
    const stale = await reset(older, 'the older link password');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('invalid_reset_token');
    await signIn(env.app, 'forgetful@example.com', 'the newer link password');
  });

  it('accepts personal API tokens as bearer, without cookies or CSRF, until revoked', async () => {
    const s = await signIn(env.app, 'editor@example.com');
    const created = await call(env.app, s, 'POST', '/tokens', {
      name: 'ingest script',
      currentPassword: PASSWORD,
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^mh_/);
    const list = await call(env.app, s, 'GET', '/tokens');
    expect(list.body).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const write = await env.app.inject({
      method: 'POST',
      url: '/api/admin/sections',
      headers: bearer,
      payload: { name: 'Weather', slug: 'weather' },
    });
    expect(write.statusCode).toBe(201);
    expect((await call(env.app, s, 'DELETE', `/tokens/${id}`)).statusCode).toBe(204);
    const after = await env.app.inject({ method: 'GET', url: '/api/admin/session', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  const asBearer = (token: string) =>
    env.app.inject({
      method: 'GET',
      url: '/api/admin/session',
      headers: { authorization: `Bearer ${token}` },
    });

  it('asks for the current password to create a token, and refuses without it', async () => {
    const s = await signIn(env.app, 'author@example.com');
    const none = await call(env.app, s, 'POST', '/tokens', { name: 'script' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details[0].field).toBe('body.currentPassword');
    const wrong = await call(env.app, s, 'POST', '/tokens', {
      name: 'script',
      currentPassword: 'not my password at all',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await call(env.app, s, 'GET', '/tokens')).json().tokens).toEqual([]);
  });

  it('revokes personal tokens on a password change, a reset and sign-out-everywhere', async () => {
    await addTestUser(env.ctx, { email: 'tok@example.com', name: 'Tok', role: 'author' });
    let password = PASSWORD;
    const mint = async () => {
      const s = await signIn(env.app, 'tok@example.com', password);
      const res = await call(env.app, s, 'POST', '/tokens', { name: 'bot', currentPassword: password });
      expect(res.statusCode).toBe(201);
      expect((await asBearer(res.json().token)).statusCode).toBe(200);
      return { s, token: res.json().token as string };
    };

    const a = await mint();
    const changed = await call(env.app, a.s, 'POST', '/password', {
      currentPassword: password,
      newPassword: 'changed password, long enough',
    });
    expect(changed.statusCode).toBe(204);
    password = 'changed password, long enough';
    expect((await asBearer(a.token)).statusCode).toBe(401);

    const b = await mint();
    const userId = b.s.userId;
    const reset = await createPasswordReset(env.ctx.db, userId, env.ctx.now());
    password = 'password from a reset link';
    expect(
      (await call(env.app, null, 'POST', '/password-reset', { token: reset, newPassword: password }))
        .statusCode,
    ).toBe(204);
    expect((await asBearer(b.token)).statusCode).toBe(401);

    const c = await mint();
    const out = await call(env.app, c.s, 'POST', '/session/sign-out-everywhere');
    expect(out.statusCode).toBe(200);
    expect(out.json().revokedTokens).toBe(1);
    expect((await asBearer(c.token)).statusCode).toBe(401);
    const s = await signIn(env.app, 'tok@example.com', password);
    const list = (await call(env.app, s, 'GET', '/tokens')).json().tokens;
    expect(list).toHaveLength(3);
    expect(list.every((t: { revokedAt: string | null }) => t.revokedAt !== null)).toBe(true);
  });

  it('gives a token an optional expiry, after which it stops working', async () => {
    const s = await signIn(env.app, 'editor@example.com');
    const bad = await call(env.app, s, 'POST', '/tokens', {
      name: 'x',
      currentPassword: PASSWORD,
      expiresInDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    const res = await call(env.app, s, 'POST', '/tokens', {
      name: 'weekly export',
      currentPassword: PASSWORD,
      expiresInDays: 7,
    });
    expect(res.statusCode).toBe(201);
    const { token, expiresAt } = res.json();
    const start = Date.now();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(start + 6.9 * 86_400_000);
    expect(new Date(expiresAt).getTime()).toBeLessThan(start + 7.1 * 86_400_000);
    expect((await asBearer(token)).statusCode).toBe(200);
    env.setNow(new Date(start + 8 * 86_400_000));
    try {
      const after = await asBearer(token);
      expect(after.statusCode).toBe(401);
    } finally {
      env.setNow(null);
    }
  });
});

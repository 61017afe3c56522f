import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('row ids in addresses on %s', (dialect) => {
  let env: TestEnv;
  let editor: Session;

  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    editor = await signIn(env.app, 'editor@example.com');
  });
  afterAll(() => env?.close());

  // Well-formed ids beyond what a row can have (PostgreSQL integer) name nothing: 404 in both APIs.
  const farIds = ['2147483648', '999999999999', '9999999999999999999'];

  it('answers an id beyond the database range with 404 in the Content API', async () => {
    for (const id of [...farIds, '2147483647']) {
      const res = await env.app.inject({ method: 'GET', url: `/api/content/v1/articles/${id}` });
      expect(res.statusCode, `${id}: ${res.body}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('answers it with 404 in the newsroom API too, and a malformed id with 400 in both', async () => {
    for (const id of farIds) {
      for (const url of [`/articles/${id}`, `/sections/${id}`, `/users/${id}`]) {
        const res = await call(env.app, editor, 'GET', url);
        if (res.statusCode === 405 || res.statusCode === 403) continue;
        expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
      }
    }
    for (const id of ['0', '-1', '1.5', 'abc', '0x10', '1e3', '99999999999999999999']) {
      expect((await call(env.app, editor, 'GET', `/articles/${id}`)).statusCode, id).toBe(400);
      expect(
        (await env.app.inject({ method: 'GET', url: `/api/content/v1/articles/${id}` })).statusCode,
        id,
      ).toBe(400);
    }
  });
});

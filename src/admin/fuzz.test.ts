import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection } from '../content/index.js';
import type { Db } from '../db/index.js';
import { createRoleUsers, doc, ORIGIN, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/** Deterministic randomness, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  ' ',
  'a'.repeat(100_000),
  '<script>alert(1)</script>',
  '"; DROP TABLE articles; --',
  "' OR 1=1 --",
  '\u0000nul',
  '\ud800',
  '🗞️📰 news',
  'مرحبا بالعالم',
  'javascript:alert(1)',
  '../../etc/passwd',
  '%00',
  '1e309',
  '-1',
  '2026-13-45T99:99:99Z',
  'null',
  'true',
];
const NUMBERS = [0, -1, 1, 2, 3, 1.5, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e308];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'headline',
  'body',
  'sectionId',
  'version',
  'role',
  'email',
  'password',
  'action',
  'publishAt',
  'name',
  'slug',
  'into',
  'tags',
  'authorIds',
  'token',
  'newPassword',
];

function randomValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 9);
  if (depth > 3 && k > 5) return null;
  switch (k) {
    case 0:
      return STRINGS[Math.floor(r() * STRINGS.length)];
    case 1:
      return NUMBERS[Math.floor(r() * NUMBERS.length)];
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 5: {
      // Deep nesting.
      let v: unknown = 'deep';
      for (let i = 0; i < 300; i++) v = { type: 'doc', content: [v] };
      return v;
    }
    default: {
      const o: Record<string, unknown> = {};
      // defineProperty, so "__proto__" becomes a real key of the JSON sent, not a prototype.
      for (let i = 0; i < 1 + Math.floor(r() * 5); i++) {
        Object.defineProperty(o, KEYS[Math.floor(r() * KEYS.length)] ?? 'x', {
          value: randomValue(r, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return o;
    }
  }
}

/** A mutation of a valid payload: one field replaced, removed or given a wrong type. */
function mutate(r: () => number, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(valid));
  const keys = Object.keys(copy);
  const key = keys[Math.floor(r() * keys.length)] ?? 'x';
  const op = r();
  if (op < 0.3) delete copy[key];
  else if (op < 0.9) copy[key] = randomValue(r);
  else return randomValue(r);
  return copy;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined');
}

async function fingerprint(db: Db): Promise<string> {
  const tables = [
    'articles',
    'sections',
    'tags',
    'authors',
    'media',
    'users',
    'revisions',
    'redirects',
    'audit_log',
    'personal_tokens',
    'article_tags',
    'article_authors',
  ] as const;
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await db.selectFrom(t).selectAll().execute();
    parts.push(`${t}:${JSON.stringify(rows)}`);
  }
  return parts.join('|');
}

describe.each(testDialects())('newsroom API under random input on %s', (dialect) => {
  let env: TestEnv;
  let session: Session;
  let articleId: number;
  beforeAll(async () => {
    env = await testEnv(dialect);
    await createRoleUsers(env.ctx);
    const section = await createSection(
      env.ctx.db,
      { slug: 'news', name: 'News' },
      env.ctx.now().toISOString(),
    );
    articleId = (
      await createArticle(
        env.ctx.db,
        { headline: 'Fuzz target', body: doc('x'), sectionId: section.id },
        { now: env.ctx.now().toISOString(), timeZone: 'UTC' },
      )
    ).id;
    session = await signIn(env.app, 'owner@example.com');
  });
  afterAll(() => env?.close());

  it('answers thousands of random and mutated requests with 2xx/4xx, and rejected writes change nothing', async () => {
    const api = (await env.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const valid: Record<string, Record<string, unknown>> = {
      '/api/admin/articles': { headline: 'Valid', body: doc('ok'), sectionId: 1 },
      '/api/admin/articles/{id}': { headline: 'Valid', body: doc('ok'), sectionId: 1, version: 1 },
      '/api/admin/articles/{id}/transitions': { action: 'submit', version: 1 },
      '/api/admin/sections': { slug: 'valid', name: 'Valid' },
      '/api/admin/users': {
        email: 'new@example.com',
        name: 'New',
        password: 'long enough password',
        role: 'author',
      },
      '/api/admin/session': { email: 'owner@example.com', password: 'nope' },
    };
    const skip = new Set([
      'DELETE /api/admin/session',
      'POST /api/admin/session/sign-out-everywhere',
      'POST /api/admin/password',
    ]);
    const r = prng(20261129);
    let sent = 0;
    let before = await fingerprint(env.ctx.db);
    for (const [path, methods] of Object.entries(api.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        if (skip.has(`${method} ${path}`)) continue;
        for (let i = 0; i < 70; i++) {
          const id = [
            String(articleId),
            '1',
            '0',
            '-1',
            'abc',
            '99999999999999999999',
            '%F0%9F%93%B0',
            '1.5',
          ][Math.floor(r() * 8)];
          const url = path.replace(/\{\w+\}/g, id ?? '1');
          const query =
            method === 'GET' && r() < 0.7
              ? `?${['status', 'limit', 'cursor', 'q', 'sectionId', 'from', 'deleted', 'before'][Math.floor(r() * 8)]}=${encodeURIComponent(
                  asText(randomValue(r))
                    .slice(0, 300)
                    .replace(/\p{Cs}/gu, '?'),
                )}`
              : '';
          const base = valid[path];
          const payload =
            method === 'GET' || method === 'DELETE'
              ? undefined
              : base && r() < 0.6
                ? mutate(r, base)
                : randomValue(r);
          const res = await env.app.inject({
            method: method as 'GET',
            url: url + query,
            headers: { cookie: session.cookie, origin: ORIGIN, 'x-csrf-token': session.csrf },
            ...(payload === undefined
              ? {}
              : {
                  payload: JSON.stringify(payload),
                  headers: {
                    cookie: session.cookie,
                    origin: ORIGIN,
                    'x-csrf-token': session.csrf,
                    'content-type': 'application/json',
                  },
                }),
          });
          sent++;
          expect(
            res.statusCode,
            `${method} ${url}${query} ${JSON.stringify(payload)?.slice(0, 200)} → ${res.body.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.statusCode >= 400) expect(() => res.json().error.code).not.toThrow();
          if (method !== 'GET') {
            const after = await fingerprint(env.ctx.db);
            if (res.statusCode >= 400) expect(after, `${method} ${url} changed the database`).toBe(before);
            before = after;
          }
          if (res.statusCode === 401) session = await signIn(env.app, 'owner@example.com');
        }
      }
    }
    expect(sent).toBeGreaterThan(2000);
  }, 300_000);
});

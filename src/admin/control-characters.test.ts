import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection } from '../content/index.js';
import type { Db } from '../db/index.js';
import { call, createRoleUsers, doc, PASSWORD, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

/** Rows a refused write must leave as they were. */
async function fingerprint(db: Db): Promise<string> {
  const tables = [
    'articles',
    'sections',
    'tags',
    'authors',
    'users',
    'personal_tokens',
    'revisions',
    'article_notes',
  ] as const;
  const parts: string[] = [];
  for (const t of tables) parts.push(JSON.stringify(await db.selectFrom(t).selectAll().execute()));
  return parts.join('|');
}

/** A valid request, and the text fields (paths into the payload or query) that must refuse controls. */
interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  payload?: Record<string, unknown>;
  fields: string[];
  /** Fields where a line break is part of the text. */
  multiline?: string[];
  anonymous?: boolean;
}

function withValue(payload: Record<string, unknown>, field: string, mutate: (v: string) => string) {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  const [key, index] = field.split('.') as [string, string | undefined];
  if (index === undefined) copy[key] = mutate(String(copy[key] ?? ''));
  else (copy[key] as string[])[Number(index)] = mutate(String((copy[key] as string[])[Number(index)]));
  return copy;
}

describe.each(testDialects())('control characters in text fields on %s', (dialect) => {
  let env: TestEnv;
  let owner: Session;
  let articleId: number;
  let cases: Case[];
  beforeAll(async () => {
    env = await testEnv(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' });
    const users = await createRoleUsers(env.ctx);
    const section = await createSection(
      env.ctx.db,
      { slug: 'news', name: 'News' },
      env.ctx.now().toISOString(),
    );
    articleId = (
      await createArticle(
        env.ctx.db,
        { headline: 'A clean story', body: doc('x'), sectionId: section.id },
        { now: env.ctx.now().toISOString(), timeZone: 'UTC' },
      )
    ).id;
    owner = await signIn(env.app, 'owner@example.com');
    const story = {
      headline: 'Headline',
      dek: 'Dek',
      body: doc('Body'),
      sectionId: section.id,
      tags: ['budget'],
      leadCaption: 'Caption',
      leadCredit: 'Credit',
      seoTitle: 'Title',
      seoDescription: 'Description',
      dateline: 'PRAGUE',
    };
    const storyFields = [
      'headline',
      'dek',
      'tags.0',
      'leadCaption',
      'leadCredit',
      'seoTitle',
      'seoDescription',
      'dateline',
    ];
    cases = [
      {
        method: 'POST',
        url: '/session',
        payload: { email: 'owner@example.com', password: PASSWORD },
        fields: ['email', 'password'],
        anonymous: true,
      },
      {
        method: 'POST',
        url: '/articles',
        payload: story,
        fields: storyFields,
        multiline: ['dek', 'seoDescription'],
      },
      {
        method: 'PUT',
        url: `/articles/${articleId}`,
        payload: { ...story, version: 1 },
        fields: storyFields,
        multiline: ['dek', 'seoDescription'],
      },
      {
        method: 'POST',
        url: '/sections',
        payload: { slug: 'world', name: 'World', description: 'Abroad' },
        fields: ['name', 'description'],
        multiline: ['description'],
      },
      {
        method: 'PATCH',
        url: `/sections/${section.id}`,
        payload: { name: 'News', description: 'Home' },
        fields: ['name', 'description'],
        multiline: ['description'],
      },
      {
        method: 'POST',
        url: '/authors',
        payload: { slug: 'jan-novak', name: 'Jan Novák', bio: 'Reporter' },
        fields: ['name', 'bio'],
        multiline: ['bio'],
      },
      { method: 'POST', url: '/tags', payload: { name: 'Elections' }, fields: ['name'] },
      {
        method: 'POST',
        url: '/users',
        payload: { email: 'new@example.com', name: 'New', password: 'long enough password', role: 'author' },
        fields: ['email', 'name', 'password'],
      },
      { method: 'PATCH', url: `/users/${users.author}`, payload: { name: 'Renamed' }, fields: ['name'] },
      {
        method: 'POST',
        url: '/tokens',
        payload: { name: 'laptop', currentPassword: PASSWORD },
        fields: ['name'],
      },
      { method: 'POST', url: '/api-keys', payload: { name: 'Partner' }, fields: ['name'] },
      {
        method: 'POST',
        url: '/webhooks',
        payload: { url: 'https://127.0.0.1/hook', events: ['article.published'], description: 'CMS' },
        fields: ['url', 'description'],
      },
      {
        method: 'POST',
        url: '/live-streams',
        payload: {
          slug: 'live',
          title: 'Live',
          hlsUrl: 'https://video.example.com/live.m3u8',
          description: 'On air',
        },
        fields: ['title', 'description'],
        multiline: ['description'],
      },
      {
        method: 'POST',
        url: '/password',
        payload: { currentPassword: PASSWORD, newPassword: 'another long password' },
        fields: ['currentPassword', 'newPassword'],
      },
      {
        method: 'POST',
        url: '/password-reset',
        payload: { token: 'x'.repeat(40), newPassword: 'another long password' },
        fields: ['token', 'newPassword'],
        anonymous: true,
      },
      { method: 'GET', url: '/articles', payload: { q: 'budget' }, fields: ['q'] },
      { method: 'GET', url: '/search', payload: { q: 'budget' }, fields: ['q'] },
      { method: 'GET', url: '/tags', payload: { q: 'budget' }, fields: ['q'] },
      { method: 'GET', url: '/media', payload: { q: 'budget' }, fields: ['q'] },
      {
        method: 'POST',
        url: `/articles/${articleId}/notes`,
        payload: { text: 'Quotes checked' },
        fields: ['text'],
        multiline: ['text'],
      },
      {
        method: 'POST',
        url: `/articles/${articleId}/transitions`,
        payload: { action: 'submit', version: 1, note: 'Over to you' },
        fields: ['note'],
        multiline: ['note'],
      },
    ];
  });
  afterAll(() => env?.close());

  function send(c: Case, payload: Record<string, unknown>) {
    if (c.method === 'GET')
      return call(
        env.app,
        owner,
        'GET',
        `${c.url}?${new URLSearchParams(payload as Record<string, string>)}`,
      );
    return call(env.app, c.anonymous ? null : owner, c.method, c.url, payload);
  }

  it('refuses NUL and other C0 controls with a 400 naming the field, and changes nothing', async () => {
    const before = await fingerprint(env.ctx.db);
    const seen: string[] = [];
    for (const c of cases) {
      for (const field of c.fields) {
        for (const bad of ['\u0000', '\u0001', '\u001b[31m', '\u007f']) {
          const res = await send(
            c,
            withValue(c.payload ?? {}, field, (v) => `${v.slice(0, 3)}${bad}${v.slice(3)}`),
          );
          const name = field.split('.')[0] as string;
          seen.push(`${c.method} ${c.url} ${field} ${JSON.stringify(bad)} → ${res.statusCode}`);
          expect(res.statusCode, seen.at(-1)).toBe(400);
          expect(res.json().error.message, seen.at(-1)).toContain(name);
        }
      }
    }
    expect(await fingerprint(env.ctx.db)).toBe(before);
  });

  it('keeps tabs and line breaks where a field allows them, and refuses them in one-line fields', async () => {
    const res = await call(env.app, owner, 'POST', '/sections', {
      slug: 'culture',
      name: 'Culture',
      description: 'Books,\tfilms\r\nand music',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().description).toBe('Books,\tfilms\r\nand music');
    const refused = await call(env.app, owner, 'POST', '/sections', { slug: 'sport', name: 'Sp\nort' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('name');
  });

  it('never answers 500 and never puts a control character into a page', async () => {
    for (const url of [
      '/search?q=a%00b',
      '/search?q=%01',
      '/tag/a%00b',
      '/author/%00',
      '/news/%00',
      '/%00',
    ]) {
      const res = await env.app.inject({ url, headers: { host: 'news.example.com' } });
      expect(res.statusCode, url).toBeLessThan(500);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
      expect(res.body, url).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
  });
});

/**
 * What the newsroom app's list and management screens need from the API beyond the basics:
 * numbered story pages with a total, section reordering, tag counts, user access changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, doc, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

describe.each(testDialects())('admin API for the newsroom screens on %s', (dialect) => {
  let env: TestEnv;
  let s: Record<'owner' | 'admin' | 'editor' | 'author' | 'contributor', Session>;
  let news: number;
  let users: Record<string, number>;

  beforeAll(async () => {
    env = await testEnv(dialect);
    users = await createRoleUsers(env.ctx);
    news = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString())).id;
    s = {
      owner: await signIn(env.app, 'owner@example.com'),
      admin: await signIn(env.app, 'admin@example.com'),
      editor: await signIn(env.app, 'editor@example.com'),
      author: await signIn(env.app, 'author@example.com'),
      contributor: await signIn(env.app, 'contributor@example.com'),
    };
  });
  afterAll(() => env?.close());

  const ok = async (res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as Record<string, unknown>;
  };

  it('pages the story list by number with a total, and refuses page and cursor together', async () => {
    for (let i = 1; i <= 5; i++) {
      await ok(
        await call(env.app, s.author, 'POST', '/articles', {
          headline: `Paged story ${i}`,
          body: doc('x'),
          sectionId: news,
        }),
        201,
      );
    }
    const p1 = await ok(
      await call(env.app, s.editor, 'GET', '/articles?q=paged&limit=2&page=1&sort=created'),
    );
    expect(p1.total).toBe(5);
    expect((p1.articles as { headline: string }[]).map((a) => a.headline)).toEqual([
      'Paged story 5',
      'Paged story 4',
    ]);
    const p3 = await ok(
      await call(env.app, s.editor, 'GET', '/articles?q=paged&limit=2&page=3&sort=created'),
    );
    expect((p3.articles as { headline: string }[]).map((a) => a.headline)).toEqual(['Paged story 1']);
    expect(p3.nextCursor).toBeNull();
    // A contributor's count covers only what they may read.
    const mine = await ok(await call(env.app, s.contributor, 'GET', '/articles?q=paged&page=1'));
    expect(mine.total).toBe(0);
    const both = await call(env.app, s.editor, 'GET', `/articles?page=2&cursor=${p1.nextCursor}`);
    expect(both.statusCode).toBe(400);
    // Cursor answers stay as they were (no total).
    expect(await ok(await call(env.app, s.editor, 'GET', '/articles?limit=2'))).not.toHaveProperty('total');
  });

  it('matches %, _ and \\ in the list filter as themselves, on both databases', async () => {
    for (const headline of [
      'Rates up 50% in March',
      'Rates up 500 in March',
      'File_name kept',
      'Filename kept',
    ]) {
      await ok(
        await call(env.app, s.author, 'POST', '/articles', { headline, body: doc('x'), sectionId: news }),
        201,
      );
    }
    const found = async (q: string) =>
      (
        (await ok(await call(env.app, s.editor, 'GET', `/articles?q=${encodeURIComponent(q)}`))).articles as {
          headline: string;
        }[]
      ).map((a) => a.headline);
    expect(await found('50%')).toEqual(['Rates up 50% in March']);
    expect(await found('file_name')).toEqual(['File_name kept']);
    expect(await found('rates up')).toHaveLength(2);
  });

  it('lists published stories by publication time with bylines and section (the desk)', async () => {
    const author = (
      await ok(
        await call(env.app, s.editor, 'POST', '/authors', { name: 'Ada Byline', slug: 'ada-byline' }),
        201,
      )
    ).id as number;
    const ids: number[] = [];
    for (const [i, headline] of ['Pubsort early', 'Pubsort late', 'Pubsort middle'].entries()) {
      const made = await ok(
        await call(env.app, s.editor, 'POST', '/articles', {
          headline,
          body: doc('x'),
          sectionId: news,
          authorIds: i === 0 ? [author] : [],
        }),
        201,
      );
      ids.push(made.id as number);
    }
    // Published early, late, middle; then edited in another order: the list follows publication.
    const published = ['2026-11-01T08:00:00.000Z', '2026-11-03T08:00:00.000Z', '2026-11-02T08:00:00.000Z'];
    const updated = ['2026-11-05T08:00:00.000Z', '2026-11-04T08:00:00.000Z', '2026-11-06T08:00:00.000Z'];
    for (const [i, id] of ids.entries()) {
      await env.ctx.db
        .updateTable('articles')
        .set({ status: 'published', first_published_at: published[i], updated_at: updated[i] })
        .where('id', '=', id)
        .execute();
    }
    const list = await ok(
      await call(env.app, s.editor, 'GET', '/articles?status=published&sort=published&q=pubsort&limit=2'),
    );
    type Row = {
      headline: string;
      firstPublishedAt: string;
      sectionName: string;
      authors: { name: string }[];
    };
    const rows = list.articles as Row[];
    expect(rows.map((a) => a.headline)).toEqual(['Pubsort late', 'Pubsort middle']);
    expect(rows[0]?.sectionName).toBe('News');
    // The cursor continues in publication order.
    const next = await ok(
      await call(
        env.app,
        s.editor,
        'GET',
        `/articles?status=published&sort=published&q=pubsort&limit=2&cursor=${list.nextCursor}`,
      ),
    );
    const last = (next.articles as Row[])[0];
    expect(last?.headline).toBe('Pubsort early');
    expect(last?.authors).toEqual([{ id: author, name: 'Ada Byline' }]);
    // A story never published has no publication time to sort by, so it is left out.
    const drafts = await ok(await call(env.app, s.editor, 'GET', '/articles?sort=published&q=paged'));
    expect(drafts.articles).toEqual([]);
  });

  it('reorders the sections under one parent, only when every child is named once', async () => {
    const make = async (slug: string, parentId: number | null) =>
      (await ok(await call(env.app, s.editor, 'POST', '/sections', { slug, name: slug, parentId }), 201))
        .id as number;
    const a = await make('alpha', news);
    const b = await make('beta', news);
    const c = await make('gamma', news);
    const res = await ok(
      await call(env.app, s.editor, 'POST', '/sections/reorder', { parentId: news, ids: [c, a, b] }),
    );
    const tree = res.sections as { id: number; children: { slug: string }[] }[];
    expect(tree.find((n) => n.id === news)?.children.map((n) => n.slug)).toEqual(['gamma', 'alpha', 'beta']);
    // A stale screen that misses a section, or names one twice or from elsewhere, is refused.
    for (const ids of [
      [c, a],
      [c, a, a],
      [c, a, b, news],
    ]) {
      const r = await call(env.app, s.editor, 'POST', '/sections/reorder', { parentId: news, ids });
      expect(r.statusCode, JSON.stringify(ids)).toBe(409);
    }
    expect(
      (await call(env.app, s.editor, 'POST', '/sections/reorder', { parentId: 999999, ids: [a] })).statusCode,
    ).toBe(400);
    expect(
      (await call(env.app, s.author, 'POST', '/sections/reorder', { parentId: news, ids: [a, b, c] }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, s.editor, 'POST', '/sections/reorder', { parentId: news, ids: [] })).statusCode,
    ).toBe(400);
    // Top level, and moving a section under another parent, still work as before.
    await ok(await call(env.app, s.editor, 'PATCH', `/sections/${c}`, { parentId: null }));
    await ok(await call(env.app, s.editor, 'POST', '/sections/reorder', { parentId: null, ids: [c, news] }));
    const roots = (await ok(await call(env.app, s.editor, 'GET', '/sections'))).sections as {
      slug: string;
    }[];
    expect(roots.map((n) => n.slug)).toEqual(['gamma', 'news']);
  });

  it('counts the stories of each tag when asked', async () => {
    for (const tags of [['Budget', 'City hall'], ['Budget']]) {
      await ok(
        await call(env.app, s.editor, 'POST', '/articles', {
          headline: 'Tagged',
          body: doc('x'),
          sectionId: news,
          tags,
        }),
        201,
      );
    }
    await ok(await call(env.app, s.editor, 'POST', '/tags', { name: 'Unused' }), 201);
    const { tags } = await ok(await call(env.app, s.editor, 'GET', '/tags?counts=true'));
    expect(tags).toEqual([
      expect.objectContaining({ name: 'Budget', stories: 2 }),
      expect.objectContaining({ name: 'City hall', stories: 1 }),
      expect.objectContaining({ name: 'Unused', stories: 0 }),
    ]);
    const plain = await ok(await call(env.app, s.editor, 'GET', '/tags?q=bud'));
    expect(plain.tags).toEqual([{ id: expect.any(Number), slug: 'budget', name: 'Budget' }]);
  });

  it('finds stories by words in the body through full-text search, as list rows with filters', async () => {
    const make = async (headline: string, text: string, tags: string[], who = s.editor) =>
      (
        await ok(
          await call(env.app, who, 'POST', '/articles', { headline, body: doc(text), sectionId: news, tags }),
          201,
        )
      ).id as number;
    const ferry = await make('Harbour timetable', 'The night ferry to Kelso island returns in spring.', [
      'Transport',
    ]);
    await make('Ferry fares', 'Fares rise for the island ferry.', ['Money']);
    const own = await make('Writer notes', 'Kelso island ferry, a draft of my own.', [], s.author);
    const rows = async (query: string, who = s.editor) => {
      const got = await ok(await call(env.app, who, 'GET', `/search?view=stories&${query}`));
      return got as {
        total: number;
        articles: {
          id: number;
          headline: string;
          snippetHtml: string;
          sectionName: string;
          version: number;
        }[];
      };
    };
    // Several words, found in the body text only; the rows are the list's (version, section, snippet).
    const both = await rows('q=kelso%20ferry');
    expect(both.articles.map((a) => a.id).sort()).toEqual([ferry, own].sort());
    const hit = both.articles.find((a) => a.id === ferry);
    expect(hit?.sectionName).toBe('News');
    expect(hit?.version).toBe(1);
    expect(hit?.snippetHtml).toContain('<mark>');
    // Filters: tag, status, and a writer sees only their own.
    const tags = (await ok(await call(env.app, s.editor, 'GET', '/tags?q=Transport'))).tags as {
      id: number;
    }[];
    expect((await rows(`q=ferry&tagId=${tags[0]?.id}`)).articles.map((a) => a.id)).toEqual([ferry]);
    expect((await rows('q=ferry&status=published')).total).toBe(0);
    expect((await rows('q=kelso', s.author)).articles.map((a) => a.id)).toEqual([own]);
    // A deleted story is not listed.
    expect((await call(env.app, s.admin, 'DELETE', `/articles/${own}`)).statusCode).toBe(204);
    expect((await rows('q=kelso')).articles.map((a) => a.id)).toEqual([ferry]);
    // The plain hits stay as they were.
    const plain = await ok(await call(env.app, s.editor, 'GET', '/search?q=kelso'));
    expect(plain).toHaveProperty('hits');
    expect((await call(env.app, s.editor, 'GET', '/search?q=kelso&view=cards')).statusCode).toBe(400);
  });

  it('deactivates and reactivates a user: sessions end, sign-in is refused, then works again', async () => {
    const target = await signIn(env.app, 'contributor@example.com');
    await ok(await call(env.app, s.admin, 'PATCH', `/users/${users.contributor}`, { active: false }));
    expect((await call(env.app, target, 'GET', '/session')).statusCode).toBe(401);
    const refused = await env.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email: 'contributor@example.com', password: 'correct horse battery staple' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    await ok(await call(env.app, s.admin, 'PATCH', `/users/${users.contributor}`, { active: true }));
    s.contributor = await signIn(env.app, 'contributor@example.com');
    // Only owners touch owners; nobody deactivates themselves; editors manage no users.
    expect(
      (await call(env.app, s.admin, 'PATCH', `/users/${users.owner}`, { active: false })).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, s.admin, 'PATCH', `/users/${users.admin}`, { active: false })).statusCode,
    ).toBe(403);
    expect(
      (await call(env.app, s.editor, 'PATCH', `/users/${users.author}`, { active: false })).statusCode,
    ).toBe(403);
  });
});

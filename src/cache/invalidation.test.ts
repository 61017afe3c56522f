/**
 * The page cache in the real app: a write refreshes exactly the pages that show what it changed,
 * and nothing else; the CDN hears the same tags.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateArticle } from '../content/articles.js';
import { announceStoriesComingDue } from '../content/changes.js';
import { articleInputOf } from '../content/index.js';
import { updateSection } from '../content/sections.js';
import { softDeleteArticle, transitionArticle } from '../content/workflow.js';
import type { ArticleRow } from '../db/index.js';
import { addTestUser, call, createRoleUsers, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

describe.each(testDialects())('page cache invalidation on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let russia: ArticleRow;
  let sports: ArticleRow;
  let world: ArticleRow;
  const purges: string[][] = [];
  let cdn: http.Server;

  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { status: res.statusCode, cache: res.headers['x-cache'], body: res.body };
  };
  /** Requests every page twice so all are cached, then returns which are still HITs later. */
  const warm = async (urls: string[]) => {
    for (const u of urls) await get(u);
    for (const u of urls) expect((await get(u)).cache, u).toBe('HIT');
  };
  const cached = async (urls: string[]) => {
    const out: Record<string, boolean> = {};
    for (const u of urls) out[u] = (await get(u)).cache === 'HIT';
    return out;
  };
  const edit = async (row: ArticleRow, patch: Record<string, unknown>) => {
    const current = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return updateArticle(
      env.ctx.db,
      row.id,
      { ...(await articleInputOf(env.ctx.db, current)), ...patch },
      { now: env.ctx.now().toISOString(), expectedVersion: current.version, timeZone: 'Europe/Prague' },
    );
  };

  beforeAll(async () => {
    cdn = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        purges.push(JSON.parse(body).tags);
        res.end('{}');
      });
    });
    await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', r));
    const port = (cdn.address() as { port: number }).port;
    env = await testEnv(dialect, {
      CDN_PURGE_URL: `http://127.0.0.1:${port}/purge`,
      CDN_PURGE_TOKEN: 'secret',
      // The test CDN is on loopback, which the outbound guard refuses unless allowed.
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    });
    fx = await seedFixture(env.ctx, env.dir);
    russia = await fx.publish({ headline: 'Duma passes the budget', tags: ['Budget'] }, 3);
    sports = await fx.publish({ headline: 'Cup final goes to extra time', sectionId: fx.sections.sports }, 2);
    world = await fx.publish(
      { headline: 'Harbour reopens', sectionId: fx.sections.world, authorIds: [fx.authors.daniel] },
      4,
    );
  });
  afterAll(async () => {
    await env?.close();
    cdn?.close();
  });

  it('publishing refreshes the home page, the fronts and feeds it enters, and nothing else', async () => {
    const pages = [
      '/',
      '/news',
      '/news/politics',
      '/news/politics/russia',
      '/news/world',
      '/sports',
      sports.path as string,
      world.path as string,
      '/feed.xml',
      '/feeds/section/sports/rss.xml',
      '/tag/budget',
      '/author/daniel-reyes',
    ];
    await warm(pages);
    const fresh = await fx.publish({ headline: 'Kremlin reshuffle announced' }, 0.1);
    expect(await cached(pages)).toEqual({
      '/': false,
      '/news': false,
      '/news/politics': false,
      '/news/politics/russia': false,
      '/news/world': true, // News → World does not list Russia's stories
      '/sports': true,
      [sports.path as string]: true,
      [world.path as string]: true, // "More in World" is unchanged
      '/feed.xml': false,
      '/feeds/section/sports/rss.xml': true,
      '/tag/budget': true, // the new story has no tags
      '/author/daniel-reyes': true, // nor this byline
    });
    expect((await get('/')).body).toContain('Kremlin reshuffle announced');
    expect((await get('/news/politics/russia')).body).toContain('Kremlin reshuffle announced');
    expect((await get(fresh.path as string)).status).toBe(200);
  });

  it('a correction refreshes its page and the lists showing it, not unrelated stories', async () => {
    const pages = [
      russia.path as string,
      '/news/politics/russia',
      '/tag/budget',
      sports.path as string,
      '/sports',
    ];
    await warm(pages);
    await edit(russia, { headline: 'Duma passes the amended budget' });
    const after = await cached(pages);
    expect(after).toEqual({
      [russia.path as string]: false,
      '/news/politics/russia': false,
      '/tag/budget': false,
      [sports.path as string]: true,
      '/sports': true,
    });
    expect((await get(russia.path as string)).body).toContain('Duma passes the amended budget');
    expect((await get('/tag/budget')).body).toContain('Duma passes the amended budget');
  });

  it('unpublishing answers 410 at once and drops the story from its lists', async () => {
    const story = await fx.publish({ headline: 'Short-lived story', sectionId: fx.sections.sports }, 0.2);
    await warm([story.path as string, '/sports', '/news']);
    await transitionArticle(
      env.ctx.db,
      story.id,
      { action: 'unpublish', expectedVersion: story.version },
      { by: 'test', timeZone: 'Europe/Prague', now: new Date().toISOString() },
    );
    expect((await get(story.path as string)).status).toBe(410);
    expect((await get('/sports')).body).not.toContain('Short-lived story');
    expect((await cached(['/news']))['/news']).toBe(true);
  });

  it('renaming a section or an author refreshes the pages that name them', async () => {
    await warm(['/sports', sports.path as string, world.path as string, '/author/daniel-reyes']);
    await updateSection(env.ctx.db, fx.sections.world, { name: 'World News' }, env.ctx.now().toISOString());
    expect(await cached(['/sports', sports.path as string, world.path as string])).toEqual({
      '/sports': true,
      [sports.path as string]: true,
      [world.path as string]: false, // its breadcrumb says World
    });
    expect((await get(world.path as string)).body).toContain('World News');
    await warm([world.path as string, sports.path as string]);
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/admin/authors/${fx.authors.daniel}`,
      headers: { origin: 'https://news.example.com' },
      payload: { name: 'Daniel Reyes-Ortiz' },
    });
    // Without a session the write is refused and nothing is invalidated.
    expect(res.statusCode).toBe(401);
    expect((await get(world.path as string)).cache).toBe('HIT');
  });

  it('editing an author or a tag, or deleting a story, refreshes exactly the pages showing them', async () => {
    await addTestUser(env.ctx, { email: 'night@example.com', name: 'Night Desk', role: 'admin' });
    const admin = await signIn(env.app, 'night@example.com');
    const [w, sp, r] = [world.path as string, sports.path as string, russia.path as string];
    await warm([w, sp, '/author/daniel-reyes', '/sports']);
    const renamed = await call(env.app, admin, 'PATCH', `/authors/${fx.authors.daniel}`, {
      name: 'Daniel Reyes-Ortiz',
    });
    expect(renamed.statusCode).toBe(200);
    expect(await cached([w, sp, '/author/daniel-reyes', '/sports'])).toEqual({
      [w]: false, // his byline
      [sp]: true,
      '/author/daniel-reyes': false,
      '/sports': true,
    });
    expect((await get(w)).body).toContain('Daniel Reyes-Ortiz');

    const budget = await env.ctx.db
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', 'budget')
      .executeTakeFirstOrThrow();
    await warm([r, sp, '/tag/budget']);
    expect(
      (await call(env.app, admin, 'PATCH', `/tags/${budget.id}`, { name: 'State budget' })).statusCode,
    ).toBe(200);
    expect(await cached([r, sp, '/tag/budget'])).toEqual({ [r]: false, [sp]: true, '/tag/budget': false });
    expect((await get(r)).body).toContain('State budget');

    const doomed = await fx.publish(
      { headline: 'Story deleted by mistake', sectionId: fx.sections.sports },
      0.3,
    );
    await warm([doomed.path as string, '/sports', w]);
    await softDeleteArticle(env.ctx.db, doomed.id, new Date().toISOString());
    expect((await get(doomed.path as string)).status).toBe(410);
    expect((await get('/sports')).body).not.toContain('Story deleted by mistake');
    expect((await get(w)).cache).toBe('HIT');
  });

  it('shows a story published for a later time on cached lists once that time comes', async () => {
    const before = new Date().toISOString();
    await fx.publish({ headline: 'Embargoed results', sectionId: fx.sections.sports }, -1 / 3600);
    await warm(['/', '/sports']);
    expect((await get('/sports')).body).not.toContain('Embargoed results');
    // The clock passes the publication time; the job that notices it has not run yet.
    env.setNow(new Date(Date.now() + 1100), { keepCache: true });
    expect((await get('/sports')).body).not.toContain('Embargoed results');
    try {
      expect(await announceStoriesComingDue(env.ctx.db, before, env.ctx.now().toISOString())).toBe(1);
      expect((await get('/sports')).body).toContain('Embargoed results');
      expect((await get('/')).body).toContain('Embargoed results');
    } finally {
      env.setNow(null, { keepCache: true });
    }
  });

  it('answers hits on a real socket before routing, and still refuses hosts it does not serve', async () => {
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (env.app.server.address() as { port: number }).port;
    const request = (host: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: sports.path, headers: { host, ...headers } }, (res) => {
            let body = '';
            res.setEncoding('latin1');
            res.on('data', (c) => {
              body += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          })
          .on('error', reject);
      });
    await request('news.example.com');
    const hit = await request('news.example.com', { 'accept-encoding': 'br' });
    expect(hit.status).toBe(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['content-encoding']).toBe('br');
    expect(Number(hit.headers['content-length'])).toBe(Buffer.byteLength(hit.body, 'latin1'));
    const notModified = await request('localhost', { 'if-none-match': hit.headers.etag as string });
    expect(notModified.status).toBe(304);
    const refused = await request('evil.example.net');
    expect(refused.status).toBe(421);
    expect(refused.body).toBe('');
  });

  it('lets an admin see the cache and purge it by tag; an editor may not', async () => {
    const users = await createRoleUsers(env.ctx);
    expect(users.admin).toBeGreaterThan(0);
    const admin = await signIn(env.app, 'admin@example.com');
    const editor = await signIn(env.app, 'editor@example.com');
    await warm([sports.path as string, world.path as string]);
    const stats = (await call(env.app, admin, 'GET', '/system/cache')).json();
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(stats.budgetBytes);
    expect((await call(env.app, editor, 'POST', '/system/cache/purge', { tags: ['site'] })).statusCode).toBe(
      403,
    );
    const bad = await call(env.app, admin, 'POST', '/system/cache/purge', { tags: ['<script>'] });
    expect(bad.statusCode).toBe(400);
    const ok = await call(env.app, admin, 'POST', '/system/cache/purge', { tags: [`article:${sports.id}`] });
    expect(ok.statusCode).toBe(200);
    expect(await cached([sports.path as string, world.path as string])).toEqual({
      [sports.path as string]: false,
      [world.path as string]: true,
    });
  });

  it('sends the same tags to the CDN purge URL', async () => {
    await env.ctx.cache.close(); // flushes the purge batch
    const all = purges.flat();
    expect(all).toContain(`article:${russia.id}`);
    expect(all).toContain(`section:${fx.sections.world}`);
    expect(all).toContain('list:all');
  });
});

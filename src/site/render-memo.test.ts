/**
 * What renders keep between renders (cache/memo.ts: fronts, list counts, a section's newest
 * cards) with the page cache off, as a crawler meets it: every page still shows each write at
 * once, because the kept values go with the same announcements that drop pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateArticle } from '../content/articles.js';
import { articleInputOf } from '../content/index.js';
import { updateSection } from '../content/sections.js';
import type { ArticleRow } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { PAGE_SIZE } from './common.js';

describe.each(testDialects())('renders with kept intermediates on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let first: ArticleRow;

  const page = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.body };
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
    env = await testEnv(dialect, { PAGE_CACHE_MB: '0' });
    fx = await seedFixture(env.ctx, env.dir);
    first = await fx.publish({ headline: 'First story in Russia' }, 5);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('keeps what pages read, and the home page shows a new story and an edited headline at once', async () => {
    expect((await page('/')).body).toContain('First story in Russia');
    expect(env.ctx.cache.memo.size).toBeGreaterThan(0);
    await fx.publish({ headline: 'Second story in Russia' }, 4);
    expect((await page('/')).body).toContain('Second story in Russia');
    await edit(first, { headline: 'First story, headline corrected' });
    const home = (await page('/')).body;
    expect(home).toContain('First story, headline corrected');
    expect(home).not.toContain('First story in Russia');
  });

  it("a story's page shows its section's newest, edited and new, at once", async () => {
    const third = await fx.publish({ headline: 'Third story in Russia' }, 3);
    const own = (await page(third.path as string)).body;
    expect(own).toContain('First story, headline corrected');
    const other = await fx.publish({ headline: 'Fourth story in Russia' }, 2);
    expect((await page(third.path as string)).body).toContain('Fourth story in Russia');
    await edit(other, { headline: 'Fourth story, retitled' });
    const after = (await page(third.path as string)).body;
    expect(after).toContain('Fourth story, retitled');
    // The story itself is never among its own section's newest.
    expect((await page(other.path as string)).body).not.toMatch(
      new RegExp(`<a href="${other.path}"[^>]*>\\s*Fourth story, retitled`),
    );
  });

  it("a section's pages count its stories again when one enters the section", async () => {
    const have = Number(
      (
        await env.ctx.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (let i = have; i < PAGE_SIZE; i++) await fx.publish({ headline: `Filler ${i}` }, 10 + i);
    expect((await page('/news?page=2')).status).toBe(404);
    expect((await page('/news/politics?page=2')).status).toBe(404);
    await fx.publish({ headline: 'One story too many for one page' }, 1);
    expect((await page('/news?page=2')).status).toBe(200);
    expect((await page('/news/politics?page=2')).status).toBe(200);
  });

  it('a section renamed shows its new name on the cards kept for other pages', async () => {
    expect((await page(first.path as string)).body).toContain('>Russia<');
    await updateSection(
      env.ctx.db,
      fx.sections.russia,
      { name: 'Russian Federation' },
      env.ctx.now().toISOString(),
    );
    expect((await page('/')).body).toContain('Russian Federation');
    expect((await page(first.path as string)).body).toContain('Russian Federation');
  });
  it("a section's page of cards shows a new story, an edited one and one moved away at once", async () => {
    const front = async () => (await page('/news/politics')).body;
    expect(await front()).toContain('Russian Federation');
    const fresh = await fx.publish({ headline: 'Fresh story for the front' }, 0.1);
    expect(await front()).toContain('Fresh story for the front');
    await edit(fresh, { headline: 'Fresh story, retitled' });
    expect(await front()).toContain('Fresh story, retitled');
    await edit(fresh, { sectionId: fx.sections.sports });
    expect(await front()).not.toContain('Fresh story, retitled');
  });
});

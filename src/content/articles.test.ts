import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import { articleInputOf, createArticle, updateArticle } from './articles.js';
import { ContentError } from './errors.js';
import { ancestry, descendantIds, loadSectionTree } from './sections.js';

describe.each(testDialects())('content model on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const tz = 'Europe/Prague';

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(() => env?.close());

  const base = () => ({ headline: 'A story', body: paragraphs('Text.'), sectionId: fx.sections.russia });

  it('keeps the section tree with paths, ancestry and descendants', async () => {
    const tree = await loadSectionTree(env.ctx.db);
    expect(tree.byPath.get('news/politics/russia')?.id).toBe(fx.sections.russia);
    expect(ancestry(tree, fx.sections.russia).map((s) => s.name)).toEqual(['News', 'Politics', 'Russia']);
    expect(descendantIds(tree, fx.sections.news).sort()).toEqual(
      [fx.sections.news, fx.sections.politics, fx.sections.russia, fx.sections.world].sort(),
    );
    expect(tree.roots.map((r) => r.slug)).toEqual(['news', 'sports']);
  });

  it('stores a draft with ordered authors, tags and a first revision, and no permalink', async () => {
    const row = await createArticle(
      env.ctx.db,
      { ...base(), authorIds: [fx.authors.daniel, fx.authors.anna], tags: ['Kremlin', 'kremlin', 'Budget'] },
      { now: env.ctx.now().toISOString(), timeZone: tz, by: 'tester' },
    );
    expect(row.status).toBe('draft');
    expect(row.path).toBeNull();
    expect(row.slug).toBe('a-story');
    expect(row.version).toBe(1);
    const input = await articleInputOf(env.ctx.db, row);
    expect(input.authorIds).toEqual([fx.authors.daniel, fx.authors.anna]);
    expect(input.tags).toEqual(['Kremlin', 'Budget']);
    const revisions = await env.ctx.db
      .selectFrom('revisions')
      .selectAll()
      .where('article_id', '=', row.id)
      .execute();
    expect(revisions).toHaveLength(1);
    expect(revisions[0]?.created_by).toBe('tester');
    expect(JSON.parse(revisions[0]!.snapshot).headline).toBe('A story');
  });

  it('gives a published story a dated permalink in the newsroom time zone', async () => {
    // 23:30 UTC on 31 December is already 1 January in Prague.
    const row = await createArticle(
      env.ctx.db,
      { ...base(), slug: 'new-year', status: 'published', firstPublishedAt: '2025-12-31T23:30:00.000Z' },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    );
    expect(row.path).toBe('/news/politics/russia/2026/01/01/new-year');
    const twin = await createArticle(
      env.ctx.db,
      { ...base(), slug: 'new-year', status: 'published', firstPublishedAt: '2025-12-31T23:40:00.000Z' },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    );
    expect(twin.path).toBe('/news/politics/russia/2026/01/01/new-year-2');
  });

  it('refuses a bad body with a 400 that names the node, and writes nothing', async () => {
    const before = await env.ctx.db.selectFrom('articles').select('id').execute();
    const bad = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'ok' }] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'click',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
          ],
        },
      ],
    };
    const err = await createArticle(
      env.ctx.db,
      { ...base(), body: bad },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/content\[1\]/);
    expect(err.message).toMatch(/link/);
    const script = await createArticle(
      env.ctx.db,
      { ...base(), body: { type: 'doc', content: [{ type: 'script', text: 'x' }] } },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    ).catch((e) => e);
    expect(script.status).toBe(400);
    expect(script.message).toMatch(/content\[0\]/);
    expect(await env.ctx.db.selectFrom('articles').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses unknown sections, authors and media, and invalid fields', async () => {
    const cases = [
      { ...base(), sectionId: 99999 },
      { ...base(), authorIds: [99999] },
      { ...base(), leadMediaId: 99999 },
      {
        ...base(),
        body: { type: 'doc', content: [{ type: 'image', attrs: { mediaId: 99999 } }] },
      },
      { ...base(), headline: '' },
      { ...base(), slug: 'Bad Slug!' },
      { ...base(), status: 'live' },
    ];
    for (const input of cases) {
      const err = await createArticle(env.ctx.db, input as never, {
        now: env.ctx.now().toISOString(),
        timeZone: tz,
      }).catch((e) => e);
      expect(err, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(ContentError);
      expect(err.status).toBe(400);
    }
  });

  it('keeps a published story at its address when a save sends no slug, and moves it when one is sent', async () => {
    const row = await createArticle(
      env.ctx.db,
      { ...base(), headline: 'Bridge reopens', status: 'published' },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    );
    const { slug: _slug, ...withoutSlug } = await articleInputOf(env.ctx.db, row);
    const renamed = await updateArticle(
      env.ctx.db,
      row.id,
      { ...withoutSlug, headline: 'Bridge reopens after two years' },
      { now: env.ctx.now().toISOString(), expectedVersion: row.version, timeZone: tz },
    );
    expect(renamed.slug).toBe('bridge-reopens');
    expect(renamed.path).toBe(row.path);
    const moved = await updateArticle(
      env.ctx.db,
      row.id,
      { ...withoutSlug, headline: 'Bridge reopens after two years', slug: 'bridge-reopened' },
      { now: env.ctx.now().toISOString(), expectedVersion: renamed.version, timeZone: tz },
    );
    expect(moved.path).toMatch(/\/bridge-reopened$/);
    // A draft has no address yet: its slug still follows the headline.
    const draft = await createArticle(
      env.ctx.db,
      { ...base(), headline: 'Working title' },
      { now: env.ctx.now().toISOString(), timeZone: tz },
    );
    const { slug: _s, ...draftInput } = await articleInputOf(env.ctx.db, draft);
    const retitled = await updateArticle(
      env.ctx.db,
      draft.id,
      { ...draftInput, headline: 'Final title' },
      { now: env.ctx.now().toISOString(), expectedVersion: draft.version, timeZone: tz },
    );
    expect(retitled.slug).toBe('final-title');
  });

  it('refuses a stale edit with 409 and keeps the first one', async () => {
    const row = await createArticle(env.ctx.db, base(), { now: env.ctx.now().toISOString(), timeZone: tz });
    const input = await articleInputOf(env.ctx.db, row);
    const first = await updateArticle(
      env.ctx.db,
      row.id,
      { ...input, headline: 'First editor' },
      { now: env.ctx.now().toISOString(), expectedVersion: 1, timeZone: tz },
    );
    expect(first.version).toBe(2);
    const err = await updateArticle(
      env.ctx.db,
      row.id,
      { ...input, headline: 'Second editor' },
      { now: env.ctx.now().toISOString(), expectedVersion: 1, timeZone: tz },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect(err.status).toBe(409);
    const stored = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.headline).toBe('First editor');
    const versions = await env.ctx.db
      .selectFrom('revisions')
      .select('version')
      .where('article_id', '=', row.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });
});

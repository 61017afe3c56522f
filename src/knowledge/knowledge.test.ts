import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import type { Recogniser } from './extract.js';
import {
  createEntity,
  decideSuggestion,
  extractStory,
  getEntity,
  linkSuggestion,
  listEntities,
  loadGazetteer,
  mergeEntities,
  queueAllStories,
  runExtractionQueue,
  seedGazetteer,
  storyEntities,
  updateEntity,
} from './index.js';

/** The registry, the starter gazetteer and a story's suggestions, on a real database. */
describe.each(testDialects())('knowledge layer on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const now = () => env.ctx.now().toISOString();
  // A recogniser that knows one person, so the tests do not depend on an NLP library's guesses.
  const recognise: Recogniser = (text) => {
    const i = text.indexOf('Ali Shamkhani');
    return i < 0 ? [] : [{ start: i, end: i + 13, type: 'person' }];
  };
  const extract = async (id: number) => extractStory(env.ctx.db, id, now(), { recognise });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('seeds the starter gazetteer once: a second run adds nothing', async () => {
    const first = await seedGazetteer(env.ctx.db, now());
    expect(first.created).toBeGreaterThan(400);
    const second = await seedGazetteer(env.ctx.db, now());
    expect(second.created).toBe(0);
    const [russia] = await listEntities(env.ctx.db, { q: 'Россия', limit: 5 });
    expect(russia?.name).toBe('Russia');
    expect(russia?.aliases.map((a) => a.alias)).toContain('Russian Federation');
    const [kremlin] = await listEntities(env.ctx.db, { q: 'kremlin', limit: 5 });
    expect(kremlin?.name).toBe('Russian presidency');
  });

  it('creates, updates, lists by name or alias, and merges with history', async () => {
    const a = await createEntity(
      env.ctx.db,
      { type: 'person', name: 'Ali Shamkhani', aliases: [{ alias: 'Али Шамхани', language: 'rus' }] },
      now(),
    );
    expect(a.slug).toBe('ali-shamkhani');
    const b = await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamhani' }, now());
    expect(
      (await listEntities(env.ctx.db, { q: 'ali sham', type: 'person', limit: 10 })).map((e) => e.id),
    ).toEqual([b.id, a.id]);
    const changed = await updateEntity(
      env.ctx.db,
      a.id,
      { description: 'Iranian official', wikidataQid: 'Q123' },
      now(),
    );
    expect(changed).toMatchObject({ description: 'Iranian official', wikidataQid: 'Q123' });

    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Ali Shamhani in Moscow',
        body: paragraphs('Text.'),
        sectionId: fx.sections.world,
        status: 'draft',
      },
      { now: now(), timeZone: 'UTC' },
    );
    await extract(story.id);
    const before = await storyEntities(env.ctx.db, story.id);
    expect(before.find((e) => e.entityId === b.id)).toBeDefined();

    const merged = await mergeEntities(env.ctx.db, b.id, a.id, now());
    expect(merged.aliases.map((x) => x.alias)).toEqual(
      expect.arrayContaining(['Ali Shamkhani', 'Ali Shamhani']),
    );
    expect((await getEntity(env.ctx.db, b.id)).mergedInto).toBe(a.id);
    expect((await listEntities(env.ctx.db, { q: 'ali sham', limit: 10 })).map((e) => e.id)).toEqual([a.id]);
    // The story's link moved to the survivor.
    expect(
      (await storyEntities(env.ctx.db, story.id)).find((e) => e.name === 'Ali Shamkhani')?.entityId,
    ).toBe(a.id);
    await expect(updateEntity(env.ctx.db, b.id, { name: 'X' }, now())).rejects.toMatchObject({ status: 409 });
  });

  it('queues a story on save, extracts off the save, and keeps decisions through re-extraction', async () => {
    const story: ArticleRow = await createArticle(
      env.ctx.db,
      {
        headline: 'Kremlin rejects UN report',
        body: paragraphs(
          'The Kremlin said the United Nations was wrong about Russia.',
          'Mr Kovalenko of Gazprom agreed.',
        ),
        sectionId: fx.sections.world,
        status: 'draft',
      },
      { now: now(), timeZone: 'UTC' },
    );
    const queued = await env.ctx.db
      .selectFrom('entity_extraction_queue')
      .select('article_id')
      .where('article_id', '=', story.id)
      .execute();
    expect(queued).toHaveLength(1);
    // Nothing yet: the save did not extract.
    expect(await storyEntities(env.ctx.db, story.id)).toEqual([]);
    await loadGazetteer(env.ctx.db);
    while ((await runExtractionQueue(env.ctx.db, now())) > 0);
    const found = await storyEntities(env.ctx.db, story.id);
    expect(found.map((e) => [e.name, e.type, e.state])).toEqual(
      expect.arrayContaining([
        ['Russian presidency', 'organisation', 'suggested'],
        ['United Nations', 'organisation', 'suggested'],
        ['Russia', 'place', 'suggested'],
      ]),
    );
    const un = found.find((e) => e.name === 'United Nations')!;
    const russia = found.find((e) => e.name === 'Russia')!;
    await decideSuggestion(env.ctx.db, story.id, un.id, { state: 'confirmed', by: 'Editor', now: now() });
    await decideSuggestion(env.ctx.db, story.id, russia.id, { state: 'rejected', by: 'Editor', now: now() });

    // A new save changes the text: re-extraction keeps both decisions; the rejection stays hidden.
    await updateArticle(
      env.ctx.db,
      story.id,
      {
        headline: 'Kremlin rejects UN report on Russia',
        body: paragraphs('The Kremlin said the United Nations was wrong about Russia and Russia alone.'),
        sectionId: fx.sections.world,
        status: 'draft',
      },
      { expectedVersion: story.version, by: 'Editor', now: now(), timeZone: 'UTC' },
    );
    while ((await runExtractionQueue(env.ctx.db, now())) > 0);
    const after = await storyEntities(env.ctx.db, story.id);
    expect(after.find((e) => e.name === 'United Nations')?.state).toBe('confirmed');
    expect(after.find((e) => e.name === 'Russia')).toBeUndefined();
    const all = await storyEntities(env.ctx.db, story.id, { rejected: true });
    expect(all.find((e) => e.name === 'Russia')).toMatchObject({ state: 'rejected', mentions: 3 });
  });

  it('confirms a new name into the registry, and links a suggestion to an existing entity', async () => {
    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Talks in Tehran',
        body: paragraphs(
          'Ali Shamkhani met envoys. Shamkhani said little.',
          'Sergei Kovalenko of Gazprom Neft listened.',
        ),
        sectionId: fx.sections.world,
        status: 'draft',
      },
      { now: now(), timeZone: 'UTC' },
    );
    await extract(story.id);
    const found = await storyEntities(env.ctx.db, story.id);
    // Ali Shamkhani is in the registry (the test above): a registry match, both mentions counted.
    expect(found.find((e) => e.name === 'Ali Shamkhani')).toMatchObject({ mentions: 2 });
    const kovalenko = found.find((e) => e.name === 'Sergei Kovalenko');
    expect(kovalenko).toMatchObject({ entityId: null, type: 'person', state: 'suggested' });
    const confirmed = await decideSuggestion(env.ctx.db, story.id, kovalenko!.id, {
      state: 'confirmed',
      by: 'Editor',
      now: now(),
    });
    expect(confirmed.entityId).not.toBeNull();
    expect((await getEntity(env.ctx.db, confirmed.entityId!)).name).toBe('Sergei Kovalenko');

    const gazprom = await createEntity(env.ctx.db, { type: 'organisation', name: 'Gazprom Neft' }, now());
    const unknown = found.find((e) => e.entityId === null && e.name !== 'Sergei Kovalenko');
    if (unknown) {
      const linked = await linkSuggestion(env.ctx.db, story.id, unknown.id, gazprom.id, {
        by: 'Editor',
        now: now(),
      });
      expect(linked).toMatchObject({ entityId: gazprom.id, name: 'Gazprom Neft', state: 'confirmed' });
    }
  });

  it('queues the whole archive for re-extraction', async () => {
    const n = await queueAllStories(env.ctx.db, now());
    const stories = await env.ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(n).toBe(Number(stories.n));
    const waiting = await env.ctx.db
      .selectFrom('entity_extraction_queue')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBe(n);
  });
});

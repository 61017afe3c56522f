import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/index.js';
import type { Entity } from './index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import { consistencyChecks, createEntity, editDistance, splitSentences } from './index.js';

describe('consistency helpers', () => {
  it('cuts sentences and measures spellings', () => {
    expect(splitSentences('Mr. Lavrov spoke. “He left,” she said. On 3 March 2026 it rained.')).toEqual([
      'Mr. Lavrov spoke.',
      '“He left,” she said.',
      'On 3 March 2026 it rained.',
    ]);
    expect(editDistance('shamkhani', 'shamkhany')).toBe(1);
    expect(editDistance('kyiv', 'kiev')).toBe(2);
    expect(editDistance('zelensky', 'zelenksy')).toBe(1);
    expect(editDistance('russia', 'australia', 2)).toBe(3);
  });
});

/** The checks before publishing the registry makes possible (docs/knowledge.md, "Consistency checks"). */
describe.each(testDialects())('consistency checks on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const now = () => env.ctx.now().toISOString();
  let lavrov: Entity;
  let shamkhani: Entity;
  let kyiv: Entity;
  let russia: Entity;

  /** A draft about the given entities (confirmed on it), and its consistency checks at `storyDate`. */
  const check = async (
    text: string[],
    about: Entity[],
    storyDate = '2026-03-10T12:00:00Z',
    headline = 'Talks',
  ) => {
    const story = await createArticle(
      env.ctx.db,
      { headline, body: paragraphs(...text), sectionId: fx.sections.world, status: 'draft' },
      { now: now(), timeZone: 'UTC' },
    );
    for (const e of about)
      await env.ctx.db
        .insertInto('article_entities')
        .values({
          article_id: story.id,
          key: `e:${e.id}`,
          entity_id: e.id,
          name: e.name,
          type: e.type,
          state: 'confirmed',
          mentions: 1,
          first_offset: 0,
          snippet: '',
          decided_by: 'test',
          decided_at: now(),
          updated_at: now(),
        })
        .execute();
    return consistencyChecks(
      env.ctx.db,
      { headline, body: JSON.parse(story.body) },
      { articleId: story.id, storyDate, timeZone: 'UTC' },
    );
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    lavrov = await createEntity(
      env.ctx.db,
      {
        type: 'person',
        name: 'Sergei Lavrov',
        title: 'Foreign Minister',
        aliases: [{ alias: 'Sergey Lavrov' }],
      },
      now(),
    );
    shamkhani = await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamkhani' }, now());
    kyiv = await createEntity(
      env.ctx.db,
      { type: 'place', name: 'Kyiv', aliases: [{ alias: 'Kiev' }] },
      now(),
    );
    russia = await createEntity(
      env.ctx.db,
      { type: 'place', name: 'Russia', aliases: [{ alias: 'Russian Federation' }] },
      now(),
    );
    // Another person the registry knows: her name is no misspelling of anyone's.
    await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamkhana' }, now());
  });
  afterAll(async () => {
    await env?.close();
  });

  it('finds a name spelled two ways: registry aliases, and a near miss of a confirmed name', async () => {
    const checks = await check(
      [
        'Ali Shamkhani arrived in Kyiv on Monday.',
        'Shamkhany told reporters that Kiev had agreed.',
        'Russian officials and the Russian Federation said nothing; Russia waited.',
      ],
      [shamkhani, kyiv, russia],
    );
    expect(checks.map((c) => [c.id, c.highlight, c.sentence])).toEqual(
      expect.arrayContaining([
        ['name-spelling', ['Kiev'], 'Shamkhany told reporters that Kiev had agreed.'],
        ['name-spelling', ['Shamkhany'], 'Shamkhany told reporters that Kiev had agreed.'],
      ]),
    );
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c.severity === 'warning')).toBe(true);
    expect(checks.find((c) => c.highlight?.[0] === 'Kiev')?.message).toBe(
      'Kyiv is spelled two ways: “Kyiv” and “Kiev”.',
    );
  });

  it('leaves alone a story that spells its names one way, and names the registry knows', async () => {
    expect(
      await check(
        [
          'Ali Shamkhani met Ali Shamkhana in Kyiv.',
          'Shamkhani said Russia and the Russian Federation agreed.',
        ],
        [shamkhani, kyiv, russia],
      ),
    ).toEqual([]);
  });

  it('compares a person’s title with the registry’s, and leaves former titles alone', async () => {
    const checks = await check(
      [
        'Prime Minister Sergei Lavrov spoke on Monday.',
        'Foreign Minister Lavrov later met reporters. Minister Lavrov smiled.',
        'Lavrov, the defence minister, declined to comment.',
        'Former Prime Minister Lavrov was not there.',
      ],
      [lavrov],
    );
    expect(checks.map((c) => [c.id, c.highlight])).toEqual([
      ['person-title', ['Prime Minister', 'Sergei Lavrov']],
      ['person-title', ['defence minister', 'Lavrov']],
    ]);
    expect(checks[0]?.message).toBe(
      'Sergei Lavrov is “Foreign Minister” in the registry; this sentence says “Prime Minister”.',
    );
  });

  it('finds dates that contradict the story’s date or themselves', async () => {
    const checks = await check(
      [
        'The vote took place last year, in 2024, and again on Monday, March 9.',
        'Talks resume on Tuesday, 10 March 2026. They began on Monday, 3 March.',
        'The treaty, signed in 2019, was agreed three years ago.',
        'Last year, in 2025, nothing happened. This year the 2015 accord lapses.',
      ],
      [],
    );
    expect(checks.map((c) => [c.id, c.highlight])).toEqual([
      ['date-contradiction', ['last year', '2024']],
      ['date-contradiction', ['Monday, 3 March']],
      ['date-contradiction', ['three years ago', '2019']],
    ]);
    expect(checks[1]?.message).toBe('March 3, 2026 is a Tuesday, not a Monday.');
    expect(checks[0]?.message).toContain('2025');
  });

  it('goes through the checks before publishing, with the sentence', async () => {
    // The admin API's checklist carries them: see src/admin/checks.test.ts.
    const checks = await check(
      ['Shamkhany spoke.'],
      [shamkhani],
      '2026-03-10T12:00:00Z',
      'Ali Shamkhani speaks',
    );
    expect(checks).toEqual([
      {
        id: 'name-spelling',
        severity: 'warning',
        field: 'body',
        message: '“Shamkhany” looks like another spelling of “Shamkhani” (Ali Shamkhani).',
        sentence: 'Shamkhany spoke.',
        highlight: ['Shamkhany'],
      },
    ]);
  });
});

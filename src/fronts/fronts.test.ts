import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViewCounter, rankingFingerprint } from '../audience/index.js';
import { MOST_READ, onContentChange } from '../cache/index.js';
import { editionTree, loadSectionTree, transitionArticle } from '../content/index.js';
import { listDefinition } from '../shared/fronts.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import {
  applyDueListChanges,
  createList,
  deleteList,
  type FrontWriter,
  reorderFront,
  resolveFront,
  resolveListBySlug,
  saveList,
} from './index.js';
import { assemble, effectiveDefinition, nextChangeAfter, type StoredList } from './model.js';

const T0 = '2026-12-06T12:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

function list(def: unknown, scheduled: { at: string; definition: unknown } | null = null): StoredList {
  return {
    id: 1,
    slug: 'l',
    front: 'home',
    position: 0,
    title: '',
    definition: listDefinition.parse(def),
    scheduled: scheduled
      ? { at: scheduled.at, definition: listDefinition.parse(scheduled.definition) }
      : null,
    version: 1,
    updatedAt: null,
    updatedBy: null,
  };
}

describe('front model (pure)', () => {
  const s = (id: number) => ({ id });
  it('puts slotted pins in their place, others first-free, the fill in the gaps', () => {
    const def = listDefinition.parse({
      source: { kind: 'latest' },
      limit: 5,
      pins: [{ articleId: 9, slot: 3 }, { articleId: 8 }],
    });
    const picks = new Map([9, 8].map((id) => [id, s(id)]));
    const [out] = assemble([{ def }], picks, [[1, 9, 2, 3, 4, 5].map(s)]);
    expect(out?.map((x) => x.id)).toEqual([8, 1, 9, 2, 3]);
  });

  it('never shows a story twice on a front, and a pick anywhere keeps it out of every fill', () => {
    const a = listDefinition.parse({ source: { kind: 'latest' }, limit: 2 });
    const b = listDefinition.parse({ source: { kind: 'latest' }, limit: 3, pins: [{ articleId: 1 }] });
    const picks = new Map([[1, s(1)]]);
    const out = assemble([{ def: a }, { def: b }], picks, [[1, 2, 3].map(s), [1, 2, 3, 4, 5].map(s)]);
    expect(out.map((l) => l.map((x) => x.id))).toEqual([
      [2, 3],
      [1, 4, 5],
    ]);
  });

  it('leaves out picks that are not public (not among the loaded picks) and closes up', () => {
    const def = listDefinition.parse({
      source: { kind: 'manual' },
      limit: 4,
      pins: [{ articleId: 7 }, { articleId: 6 }],
    });
    const [out] = assemble([{ def }], new Map([[6, s(6)]]), [[]]);
    expect(out?.map((x) => x.id)).toEqual([6]);
  });

  it('switches to the scheduled version at its time and drops expired pins', () => {
    const l = list(
      { source: { kind: 'latest' }, pins: [{ articleId: 1, expiresAt: at(1) }, { articleId: 2 }] },
      { at: at(6), definition: { source: { kind: 'manual' }, pins: [{ articleId: 3 }] } },
    );
    expect(effectiveDefinition(l, T0).pins.map((p) => p.articleId)).toEqual([1, 2]);
    expect(effectiveDefinition(l, at(2)).pins.map((p) => p.articleId)).toEqual([2]);
    expect(effectiveDefinition(l, at(6)).source.kind).toBe('manual');
    expect(nextChangeAfter(l, T0)).toBe(at(1));
    expect(nextChangeAfter(l, at(1))).toBe(at(6));
    expect(nextChangeAfter(l, at(6))).toBeNull();
  });
});

describe.each(testDialects())('curated fronts on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let by: FrontWriter;
  const stories: Record<string, number> = {};
  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    for (const [name, section, hours] of [
      ['r1', fx.sections.russia, 1],
      ['r2', fx.sections.russia, 2],
      ['w1', fx.sections.world, 3],
      ['s1', fx.sections.sports, 4],
      ['s2', fx.sections.sports, 5],
    ] as const) {
      stories[name] = (await fx.publish({ headline: `Story ${name}`, sectionId: section }, hours)).id;
    }
    by = { id: null, email: 'desk@example.com', label: 'test', now: env.ctx.now().toISOString() };
  });
  afterAll(() => env?.close());

  const now = () => env.ctx.now().toISOString();
  const ids = (l: { stories: { id: number }[] } | null | undefined) => l?.stories.map((s) => s.id);

  it('shows the automatic default on an uncurated home page', async () => {
    const tree = await loadSectionTree(env.ctx.db);
    const front = await resolveFront(env.ctx.db, tree, 'home', now());
    expect(front.curated).toBe(false);
    expect(ids(front.lists[0])).toEqual(['r1', 'r2', 'w1', 's1', 's2'].map((n) => stories[n]));
    // Every story is in the top list already, so the section rows are empty (no story twice).
    expect(front.lists.slice(1).every((l) => l.stories.length === 0)).toBe(true);
  });

  it('lays out a mixed list: a pin over a section fill, with tags of exactly what it shows', async () => {
    await createList(
      env.ctx.db,
      {
        slug: 'home-lead',
        front: 'home',
        title: 'Top',
        definition: {
          source: { kind: 'section', sectionId: fx.sections.news },
          pins: [{ articleId: stories.s2 as number, slot: 1 }],
          limit: 3,
          variant: 'lead',
        },
      },
      by,
    );
    await createList(
      env.ctx.db,
      {
        slug: 'home-sport',
        front: 'home',
        title: 'Sport',
        definition: { source: { kind: 'latest' }, limit: 5 },
      },
      by,
    );
    const tree = await loadSectionTree(env.ctx.db);
    const front = await resolveFront(env.ctx.db, tree, 'home', now());
    expect(front.curated).toBe(true);
    expect(front.lists.map((l) => l.slug)).toEqual(['home-lead', 'home-sport']);
    expect(ids(front.lists[0])).toEqual([stories.s2, stories.r1, stories.r2]);
    expect(ids(front.lists[1])).toEqual([stories.w1, stories.s1]);
    expect(front.tags).toEqual(
      expect.arrayContaining(['front:home', 'front-list:home-lead', 'front-list:home-sport']),
    );
    expect(front.lists[0]?.tags).toContain(`list:section:${fx.sections.news}`);
    const one = await resolveListBySlug(env.ctx.db, tree, 'home-sport', now());
    expect(ids(one)).toEqual([stories.w1, stories.s1]);
  });

  it('never shows an unpublished or deleted pick', async () => {
    const draft = await fx.publish({ headline: 'Soon gone', sectionId: fx.sections.sports }, 0.5);
    const current = await resolveListBySlug(
      env.ctx.db,
      await loadSectionTree(env.ctx.db),
      'home-lead',
      now(),
    );
    expect(current).not.toBeNull();
    await saveList(
      env.ctx.db,
      'home-lead',
      {
        version: 1,
        title: 'Top',
        definition: {
          source: { kind: 'manual' },
          pins: [{ articleId: draft.id }, { articleId: stories.r1 as number }],
        },
      },
      by,
    );
    await transitionArticle(
      env.ctx.db,
      draft.id,
      { action: 'unpublish', expectedVersion: draft.version },
      { by: 'test', timeZone: 'Europe/Prague', now: now() },
    );
    const tree = await loadSectionTree(env.ctx.db);
    expect(ids(await resolveListBySlug(env.ctx.db, tree, 'home-lead', now()))).toEqual([stories.r1]);
  });

  it('refuses a stale save with 409 and the list as it is, changing nothing', async () => {
    const save = (version: number, title: string) =>
      saveList(env.ctx.db, 'home-sport', { version, title, definition: { source: { kind: 'latest' } } }, by);
    const [a, b] = await Promise.allSettled([save(1, 'A'), save(1, 'B')]);
    const won = [a, b].filter((r) => r.status === 'fulfilled');
    const lost = [a, b].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .selectAll()
      .where('slug', '=', 'home-sport')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'front_list')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['front.list.create', 'front.list.save']),
    );
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    await expect(
      saveList(
        env.ctx.db,
        'home-sport',
        { version: 2, title: 'x', definition: { source: { kind: 'tag', tagId: 999999 } } },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'definition.source.tagId' });
    await expect(
      saveList(
        env.ctx.db,
        'home-sport',
        { version: 2, title: 'x', definition: { source: { kind: 'nope' } } } as never,
        by,
      ),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      saveList(
        env.ctx.db,
        'home-sport',
        {
          version: 2,
          title: 'x',
          definition: { source: { kind: 'latest' } },
          scheduled: { at: '2000-01-01T00:00:00Z', definition: { source: { kind: 'latest' } } },
        },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'scheduled.at' });
    await expect(
      createList(
        env.ctx.db,
        { slug: 'home-lead', front: 'home', definition: { source: { kind: 'latest' } } },
        by,
      ),
    ).rejects.toMatchObject({ status: 409 });
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .select('version')
      .where('slug', '=', 'home-sport')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
  });

  it('takes over a scheduled version and drops an expired pin at their times, announcing the list', async () => {
    const t = Date.parse(now());
    const in1h = new Date(t + 3_600_000).toISOString();
    const in2h = new Date(t + 7_200_000).toISOString();
    await saveList(
      env.ctx.db,
      'home-sport',
      {
        version: 2,
        title: 'Sport',
        definition: {
          source: { kind: 'section', sectionId: fx.sections.sports },
          pins: [{ articleId: stories.w1 as number, expiresAt: in1h }],
        },
        scheduled: {
          at: in2h,
          definition: { source: { kind: 'manual' }, pins: [{ articleId: stories.r2 as number }] },
        },
      },
      by,
    );
    const tree = await loadSectionTree(env.ctx.db);
    const asOf = async (iso: string) => ids(await resolveListBySlug(env.ctx.db, tree, 'home-sport', iso));
    expect(await asOf(now())).toEqual([stories.w1, stories.s1, stories.s2]);
    expect(await asOf(new Date(t + 5_400_000).toISOString())).toEqual([stories.s1, stories.s2]);
    expect(await asOf(new Date(t + 7_300_000).toISOString())).toEqual([stories.r2]);

    const heard: string[][] = [];
    const off = onContentChange((tags) => heard.push(tags));
    try {
      expect(await applyDueListChanges(env.ctx.db, now())).toBe(0);
      expect(await applyDueListChanges(env.ctx.db, new Date(t + 3_700_000).toISOString())).toBe(1);
      expect(heard).toContainEqual(['front-list:home-sport']);
      // Once applied it is not applied again; the next change waits for its own time.
      expect(await applyDueListChanges(env.ctx.db, new Date(t + 3_800_000).toISOString())).toBe(0);
      expect(await applyDueListChanges(env.ctx.db, new Date(t + 7_300_000).toISOString())).toBe(1);
    } finally {
      off();
    }
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .selectAll()
      .where('slug', '=', 'home-sport')
      .executeTakeFirstOrThrow();
    expect(row.scheduled).toBeNull();
    expect(JSON.parse(row.definition).source.kind).toBe('manual');
    expect(row.next_change_at).toBeNull();
  });

  it('fills a most-read list from the counted views, per window and section, and says so in its tags', async () => {
    const counter = createViewCounter();
    const t = env.ctx.now();
    for (const [name, views] of [
      ['s2', 5],
      ['s1', 3],
      ['r1', 2],
      ['w1', 1],
    ] as const) {
      for (let i = 0; i < views; i++) counter.record(stories[name] as number, t);
    }
    // Older views count for the week, not the hour.
    for (let i = 0; i < 9; i++) counter.record(stories.s1 as number, new Date(t.getTime() - 2 * 86_400_000));
    await counter.flush(env.ctx.db);
    const before = await rankingFingerprint(env.ctx.db, t);

    await createList(
      env.ctx.db,
      {
        slug: 'home-popular',
        front: 'home',
        title: 'Most read',
        definition: { source: { kind: 'most_read', window: 'hour' } },
      },
      by,
    );
    const tree = await loadSectionTree(env.ctx.db);
    expect(ids(await resolveListBySlug(env.ctx.db, tree, 'home-popular', now()))).toEqual(
      ['s2', 's1', 'r1', 'w1'].map((n) => stories[n]),
    );
    // A ranking: r1, which the lead list shows, is still the third most read, and the lists after
    // this one lose nothing to it.
    // An edition's front ranks its own stories only (src/editions): these are the default's.
    expect(ids(await resolveListBySlug(env.ctx.db, editionTree(tree, 1), 'home-popular', now()))).toEqual(
      ['s2', 's1', 'r1', 'w1'].map((n) => stories[n]),
    );
    expect(ids(await resolveListBySlug(env.ctx.db, editionTree(tree, 999), 'home-popular', now()))).toEqual(
      [],
    );
    const front = await resolveFront(env.ctx.db, tree, 'home', now());
    expect(front.tags).toContain(MOST_READ);
    expect(front.lists.find((l) => l.slug === 'home-lead')?.stories.map((s) => s.id)).toContain(stories.r1);

    await saveList(
      env.ctx.db,
      'home-popular',
      {
        version: 1,
        title: 'Most read',
        definition: { source: { kind: 'most_read', window: 'week', sectionId: fx.sections.sports } },
      },
      by,
    );
    expect(ids(await resolveListBySlug(env.ctx.db, tree, 'home-popular', now()))).toEqual(
      ['s1', 's2'].map((n) => stories[n]),
    );
    await expect(
      saveList(
        env.ctx.db,
        'home-popular',
        { version: 2, title: 'x', definition: { source: { kind: 'most_read', window: 'year' } } } as never,
        by,
      ),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      saveList(
        env.ctx.db,
        'home-popular',
        { version: 2, title: 'x', definition: { source: { kind: 'most_read', sectionId: 999999 } } },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'definition.source.sectionId' });

    // The ranking moves: what the most-read-refresh job compares before announcing MOST_READ.
    for (let i = 0; i < 9; i++) counter.record(stories.w1 as number, t);
    await counter.flush(env.ctx.db);
    expect(await rankingFingerprint(env.ctx.db, t)).not.toBe(before);
    await deleteList(env.ctx.db, 'home-popular', 2, by);
  });

  it('reorders and deletes lists; with none left the front is its default again', async () => {
    await reorderFront(env.ctx.db, 'home', { slugs: ['home-sport', 'home-lead'] }, by);
    const tree = await loadSectionTree(env.ctx.db);
    expect((await resolveFront(env.ctx.db, tree, 'home', now())).lists.map((l) => l.slug)).toEqual([
      'home-sport',
      'home-lead',
    ]);
    await expect(reorderFront(env.ctx.db, 'home', { slugs: ['home-sport'] }, by)).rejects.toMatchObject({
      status: 400,
    });
    for (const slug of ['home-sport', 'home-lead']) {
      const row = await env.ctx.db
        .selectFrom('front_lists')
        .select('version')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      await deleteList(env.ctx.db, slug, row.version, by);
    }
    expect((await resolveFront(env.ctx.db, tree, 'home', now())).curated).toBe(false);
  });
});

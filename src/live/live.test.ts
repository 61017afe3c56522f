import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onContentChange } from '../cache/index.js';
import { createArticle, createSection } from '../content/index.js';
import { DomainError } from '../errors.js';
import { doc } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import {
  coverageFor,
  deleteEntry,
  editEntry,
  endCoverage,
  entryById,
  entryHistory,
  listEntries,
  type LiveWriter,
  postEntry,
  startCoverage,
} from './index.js';

/** Live coverage on both databases: posting at once, versions, history, start and end. */
describe.each(testDialects())('live coverage on %s', (dialect) => {
  let env: TestEnv;
  let storyId: number;
  let clock = Date.parse('2026-12-06T10:00:00Z');
  const writer = (n: number): LiveWriter => {
    clock += 1000;
    return {
      id: null,
      email: `reporter${n}@example.com`,
      label: `reporter:${n}`,
      name: `Reporter ${n}`,
      now: new Date(clock).toISOString(),
    };
  };
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date(clock));
    const now = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'news', name: 'News' }, now);
    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Storm reaches the coast',
        body: doc('Winds rose overnight.'),
        sectionId: section.id,
        status: 'published',
      },
      { now, by: 'test', timeZone: 'Europe/Prague' },
    );
    storyId = story.id;
  });
  afterAll(() => env?.close());

  it('refuses entries until coverage starts, and announces start and posts by the live tag', async () => {
    expect(
      (await refused(postEntry(env.ctx.db, storyId, { body: doc('Too early') }, writer(1)))).status,
    ).toBe(409);
    const heard: string[][] = [];
    const stop = onContentChange((tags) => heard.push(tags));
    try {
      const coverage = await startCoverage(env.ctx.db, storyId, writer(1));
      expect(coverage.state).toBe('live');
      expect((await refused(startCoverage(env.ctx.db, storyId, writer(1)))).status).toBe(409);
      await postEntry(env.ctx.db, storyId, { body: doc('Rain on the harbour wall.') }, writer(1));
    } finally {
      stop();
    }
    // Starting and posting announce the live tag alone: lists and feeds showing the story stay.
    expect(heard).toEqual([[`live:${storyId}`], [`live:${storyId}`]]);
  });

  it('keeps every entry when several reporters post at once', async () => {
    const before = (await listEntries(env.ctx.db, storyId)).length;
    const posts = Array.from({ length: 24 }, (_, i) =>
      postEntry(env.ctx.db, storyId, { body: doc(`Update ${i}`) }, writer(i % 4)),
    );
    const made = await Promise.all(posts);
    expect(new Set(made.map((e) => e.id)).size).toBe(24);
    const after = await listEntries(env.ctx.db, storyId);
    expect(after.length).toBe(before + 24);
    // Newest first.
    const times = after.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('edits on the version they read, refusing a stale one with the current entry', async () => {
    const entry = await postEntry(
      env.ctx.db,
      storyId,
      { title: 'Power cut', body: doc('Lights out in the old town.') },
      writer(1),
    );
    const one = editEntry(
      env.ctx.db,
      storyId,
      entry.id,
      { version: 1, body: doc('Lights out in the old town and the port.') },
      writer(1),
    );
    const two = editEntry(env.ctx.db, storyId, entry.id, { version: 1, pinned: true }, writer(2));
    const results = await Promise.allSettled([one, two]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as DomainError).status).toBe(409);
    expect((lost.reason as DomainError).details).toMatchObject({ current: { id: entry.id, version: 2 } });

    const keyed = await editEntry(env.ctx.db, storyId, entry.id, { version: 2, keyPoint: true }, writer(1));
    expect(keyed).toMatchObject({ version: 3, keyPoint: true, title: 'Power cut' });
    const history = await entryHistory(env.ctx.db, entry.id);
    expect(history.map((h) => h.version)).toEqual([1, 2, 3]);
    expect(history[0]?.keyPoint).toBe(false);
  });

  it('deletes softly: gone from the timeline, kept with its history, no longer editable', async () => {
    const entry = await postEntry(
      env.ctx.db,
      storyId,
      { kind: 'quote', body: doc('"We are ready," the mayor said.') },
      writer(3),
    );
    expect((await refused(deleteEntry(env.ctx.db, storyId, entry.id, 7, writer(3)))).status).toBe(409);
    const gone = await deleteEntry(env.ctx.db, storyId, entry.id, 1, writer(3));
    expect(gone.deletedAt).not.toBeNull();
    expect((await listEntries(env.ctx.db, storyId)).some((e) => e.id === entry.id)).toBe(false);
    expect((await entryById(env.ctx.db, storyId, entry.id))?.deletedAt).toBe(gone.deletedAt);
    expect((await entryHistory(env.ctx.db, entry.id)).map((h) => h.deleted)).toEqual([false, true]);
    expect(
      (await refused(editEntry(env.ctx.db, storyId, entry.id, { version: 2, title: 'x' }, writer(3)))).status,
    ).toBe(409);
    expect(
      (await refused(editEntry(env.ctx.db, storyId, 999_999, { version: 1, title: 'x' }, writer(3)))).status,
    ).toBe(404);
  });

  it('refuses a body that is not a document', async () => {
    const err = await refused(
      postEntry(env.ctx.db, storyId, { body: { type: 'doc', content: [{ type: 'script' }] } }, writer(1)),
    );
    expect(err).toMatchObject({ status: 400, field: 'body' });
    expect(
      (await refused(postEntry(env.ctx.db, storyId, { body: doc('x'), kind: 'poll' as 'text' }, writer(1))))
        .status,
    ).toBe(400);
  });

  it('ends coverage: no more posts, entries kept, and it may start again', async () => {
    const count = (await listEntries(env.ctx.db, storyId)).length;
    const ended = await endCoverage(env.ctx.db, storyId, writer(1));
    expect(ended).toMatchObject({ state: 'ended' });
    expect(ended.endedAt).not.toBeNull();
    expect((await refused(endCoverage(env.ctx.db, storyId, writer(1)))).status).toBe(409);
    expect((await refused(postEntry(env.ctx.db, storyId, { body: doc('Late') }, writer(1)))).status).toBe(
      409,
    );
    expect((await listEntries(env.ctx.db, storyId)).length).toBe(count);
    await startCoverage(env.ctx.db, storyId, writer(1));
    expect((await coverageFor(env.ctx.db, storyId))?.endedAt).toBeNull();
  });
});

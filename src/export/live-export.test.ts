import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection } from '../content/index.js';
import { deleteEntry, type LiveWriter, postEntry, startCoverage } from '../live/index.js';
import { doc } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { exportStatic } from './export.js';

/** A static mirror of a live story: its timeline in the page, and a page per entry. */
describe('static export of a live story', () => {
  let env: TestEnv;
  const by: LiveWriter = { id: null, email: 'r@example.com', label: 'user:1', name: 'Ana Lopes', now: '' };

  beforeAll(async () => {
    env = await testEnv('sqlite');
    env.setNow(new Date('2026-12-06T10:00:00Z'));
  });
  afterAll(() => env?.close());

  it('writes the story with its entries, and each entry page but the deleted one', async () => {
    const now = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'world', name: 'World' }, now);
    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Harbour festival',
        body: doc('Boats parade.'),
        sectionId: section.id,
        status: 'published',
      },
      { now, by: 'test', timeZone: 'Europe/Prague' },
    );
    await startCoverage(env.ctx.db, story.id, { ...by, now });
    const kept = await postEntry(env.ctx.db, story.id, { body: doc('Fireworks at nine.') }, { ...by, now });
    const gone = await postEntry(env.ctx.db, story.id, { body: doc('Wrong boat named.') }, { ...by, now });
    await deleteEntry(env.ctx.db, story.id, gone.id, 1, { ...by, now });
    const out = path.join(env.dir, 'mirror');
    await exportStatic(env.ctx, env.app, out, {});
    const dir = path.join(out, (story.path as string).slice(1));
    const page = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(page).toContain('Fireworks at nine.');
    expect(page).not.toContain('Wrong boat named.');
    expect(page).toContain(`href="${story.path}/entry/${kept.id}/"`);
    const entry = fs.readFileSync(path.join(dir, 'entry', String(kept.id), 'index.html'), 'utf8');
    expect(entry).toContain('Fireworks at nine.');
    expect(fs.existsSync(path.join(dir, 'entry', String(gone.id)))).toBe(false);
  });
});

/**
 * The desk and the editor's save time in headless Chromium, with the browser in another zone
 * than the newsroom: "Recently published" is in publication order, shows publication times,
 * bylines and sections; "Saved at" is the newsroom's clock, its zone named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createArticle } from '../content/articles.js';
import { createSection } from '../content/index.js';
import {
  type Browser,
  ensureAdminBuilt,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  serveOnLoopback,
  signInThroughForm,
} from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';

const PASSWORD = 'correct horse battery staple';
const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe.skipIf(!runBrowserTests)('the desk and save times in the newsroom zone (Chromium)', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000', SITE_TIMEZONE: 'Europe/Prague' });
    const at = env.ctx.now().toISOString();
    const chief = await createUser(
      env.ctx.db,
      { email: 'chief@example.com', name: 'Chief', password: PASSWORD, role: 'editor' },
      at,
    );
    const city = (await createSection(env.ctx.db, { slug: 'city', name: 'City' }, at)).id;
    const author = await env.ctx.db
      .insertInto('authors')
      .values({
        slug: 'iva-novak',
        name: 'Iva Novak',
        bio: '',
        avatar_media_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Published early, late, middle, and edited afterwards in the opposite order.
    const stories = [
      ['Tram line reopens', '2026-11-01T08:00:00.000Z', '2026-11-09T08:00:00.000Z'],
      ['Bridge repairs finish', '2026-11-03T08:00:00.000Z', '2026-11-07T08:00:00.000Z'],
      ['Market moves indoors', '2026-11-02T08:00:00.000Z', '2026-11-08T08:00:00.000Z'],
    ] as const;
    for (const [headline, published, updated] of stories) {
      const row = await createArticle(
        env.ctx.db,
        { headline, body: doc('x'), sectionId: city, status: 'draft', authorIds: [author.id] },
        { by: 'user:1', createdBy: chief.id, timeZone: 'Europe/Prague', now: at },
      );
      await env.ctx.db
        .updateTable('articles')
        .set({ status: 'published', first_published_at: published, updated_at: updated })
        .where('id', '=', row.id)
        .execute();
    }
    base = await serveOnLoopback(env.app);
    // The browser lives in New York; the newsroom in Prague.
    browser = await launchBrowser(undefined, { timezoneId: 'America/New_York' });
    await signInThroughForm(browser.page, base, 'chief@example.com', PASSWORD);
  });

  reportAndClose(() => ({ browsers: { browser }, env }));

  it('lists recently published stories by publication time, with byline and section', async () => {
    const page = browser.page;
    await page.goto(`${base}/admin/`);
    const list = page.locator('section[aria-labelledby="desk-published"] li');
    await list.first().waitFor();
    expect(await list.locator('a').allTextContents()).toEqual([
      'Bridge repairs finish',
      'Market moves indoors',
      'Tram line reopens',
    ]);
    const first = list.first();
    expect(await first.getByTestId('story-byline').textContent()).toBe('Iva Novak · City');
    // 08:00 UTC is 09:00 in Prague; the time shown is the publication time, not the edit.
    expect(await first.locator('time').textContent()).toBe('published 3 Nov 2026, 09:00 (Europe/Prague)');
  });

  it('says when a story was saved in the newsroom zone, named', async () => {
    const page = browser.page;
    await page.getByRole('link', { name: 'Bridge repairs finish' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type(' More.');
    const state = page.getByTestId('save-state').filter({ hasText: /^Saved at/ });
    await state.waitFor();
    const text = (await state.textContent()) ?? '';
    const prague = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Prague',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // The minute may turn between the save and this line: accept the minute before too.
    const now = Date.now();
    const zoneName = (ms: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', timeZoneName: 'short' })
        .formatToParts(ms)
        .find((p) => p.type === 'timeZoneName')?.value;
    const expected = [now - 60_000, now].map((ms) => `Saved at ${prague.format(ms)} ${zoneName(ms)}`);
    expect(text).toMatch(/ CES?T$/);
    expect(expected).toContain(text.trim());
  });
});

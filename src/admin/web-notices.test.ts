/**
 * Corrections as a desk editor makes them, in headless Chromium: a correction added from the
 * editor's side panel is on the public page at once and on /corrections.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection } from '../content/index.js';
import { addTestUser } from '../test/admin.js';
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
import { paragraphs } from '../test/fixtures.js';

const PASSWORD = 'correct horse battery staple';
const CORRECTION = 'An earlier version misstated the fare as <b>€3</b>; it is €2.';

describe.skipIf(!runBrowserTests)('an editor corrects a live story', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  let story: { id: number; path: string | null };

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const section = await createSection(
      env.ctx.db,
      { slug: 'city', name: 'City' },
      env.ctx.now().toISOString(),
    );
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
    story = await createArticle(
      env.ctx.db,
      {
        headline: 'Tram fares frozen for another year',
        body: paragraphs('The council kept fares unchanged.'),
        sectionId: section.id,
        status: 'published',
      },
      { timeZone: env.ctx.config.site.timeZone, now: new Date(Date.now() - 3_600_000).toISOString() },
    );
    base = await serveOnLoopback(env.app);
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

  it('adds a correction in the side panel; readers see it on the page and on /corrections', async () => {
    const page = desk.page;
    await page.goto(`${base}/admin/stories/${story.id}`);
    const block = page.locator('section.notices');
    await block.getByRole('heading', { name: 'Corrections & updates' }).waitFor();
    await block.getByLabel('Kind').selectOption('correction');
    await block.getByLabel('Notice text').fill(CORRECTION);
    await block.getByRole('button', { name: 'Add notice' }).click();
    await block.locator('li', { hasText: CORRECTION }).waitFor({ timeout: 10_000 });

    const res = await page.goto(`${base}${story.path}`);
    expect(res?.status()).toBe(200);
    const box = page.locator('#notices');
    await box.getByRole('heading', { name: 'Corrections and updates' }).waitFor();
    expect(await box.locator('.notice-text').textContent()).toBe(CORRECTION);
    expect(await page.locator('article b').count()).toBe(0);
    expect(await page.locator('.story-corrected').textContent()).toContain('This story has been corrected');

    await page.goto(`${base}/corrections`);
    await page.getByRole('heading', { name: 'Corrections', exact: true }).waitFor();
    expect(await page.locator('.corrections .notice-text').first().textContent()).toBe(CORRECTION);
    await page.getByRole('link', { name: 'Tram fares frozen for another year' }).click();
    await page.waitForURL(`${base}${story.path}`);
  });
});

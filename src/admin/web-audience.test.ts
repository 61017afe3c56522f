/**
 * Most read and Imports, as an administrator uses them in headless Chromium: readers' views
 * (counted from the beacon) on the Most read screen and in a story's Readers panel; an import
 * run with its report on the Imports screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createArticle, createSection } from '../content/index.js';
import { importGhost, recordImport } from '../import/index.js';
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
const READER =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

describe.skipIf(!runBrowserTests)('Most read and Imports in the app', () => {
  let env: TestEnv;
  let base: string;
  let admin: Browser;
  let storyId: number;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const at = env.ctx.now().toISOString();
    const section = await createSection(env.ctx.db, { slug: 'city', name: 'City' }, at);
    await createUser(
      env.ctx.db,
      { email: 'admin@example.com', name: 'Admin', password: PASSWORD, role: 'admin' },
      at,
    );
    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Ferry timetable changes',
        body: paragraphs('Ferries run every half hour.'),
        sectionId: section.id,
        status: 'published',
      },
      { timeZone: env.ctx.config.site.timeZone, now: new Date(Date.now() - 3_600_000).toISOString() },
    );
    storyId = story.id;
    base = await serveOnLoopback(env.app);
    // Twelve readers open the story: the page carries the beacon, their browsers fetch it.
    const html = await (await fetch(`${base}${story.path}`)).text();
    const beacon = /<img class="beacon" src="([^"]+)"/.exec(html)?.[1];
    for (let i = 0; i < 12; i++) await fetch(`${base}${beacon}`, { headers: { 'user-agent': READER } });
    await env.ctx.views.flush(env.ctx.db);
    // One Ghost import on record.
    const file = new URL('../import/fixtures/ghost-site.json', import.meta.url).pathname;
    await recordImport(env.ctx.db, 'ghost', file, env.ctx.now, () =>
      importGhost({
        db: env.ctx.db,
        file,
        mediaDir: env.ctx.config.mediaDir,
        siteUrl: env.ctx.config.site.url,
        timeZone: env.ctx.config.site.timeZone,
        now: env.ctx.now,
      }),
    );
    admin = await launchBrowser();
    await signInThroughForm(admin.page, base, 'admin@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { admin }, env }));

  it("shows the site's readers and the most read stories, and a story's readers", async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Most read' }).click();
    await page.getByRole('heading', { name: 'Most read', level: 1 }).waitFor();
    const top = page.locator('ol.most-read li').first();
    await top.waitFor({ timeout: 10_000 });
    expect(await top.textContent()).toContain('Ferry timetable changes');
    expect(await top.textContent()).toContain('12 views');
    // The chart says its figures in words.
    await page.getByRole('img', { name: /Views per hour, last 48 hours: 12 in all/ }).waitFor();
    await page.getByLabel('Last 7 days').check();
    await page.locator('ol.most-read li').first().waitFor();

    await top.getByRole('link', { name: 'Ferry timetable changes' }).click();
    const readers = page.getByRole('region', { name: 'Readers' });
    await readers.waitFor({ timeout: 10_000 });
    await readers.getByText('12').first().waitFor();
    expect(page.url()).toContain(`/admin/stories/${storyId}`);
  });

  it('lists import runs and opens a report', async () => {
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    const row = page.getByRole('row', { name: /ghost-site\.json/ });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('8 posts, 1 pages');
    await row.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('heading', { name: /Report: ghost-site\.json/ }).waitFor();
    await page.getByText('visible to "paid" on Ghost: imported as a draft, not made public').waitFor();
    await page.getByRole('link', { name: 'Members briefing: tides' }).click();
    await page.getByRole('heading', { name: /Edit: Members briefing: tides/ }).waitFor({ timeout: 10_000 });
  });
});

/**
 * The front editor with several editions, in headless Chromium: an editor picks the Arabic
 * edition (shown right to left in the picker), curates its home, and its lists' headlines read
 * right to left; its readers get the curated home and the English home is untouched.
 */
import * as cheerio from 'cheerio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createArticle, createSection } from '../content/index.js';
import {
  type Browser,
  ensureAdminBuilt,
  launchBrowser,
  reportFailure,
  runBrowserTests,
  serveOnLoopback,
  signInThroughForm,
} from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { addEdition, paragraphs } from '../test/fixtures.js';

const PASSWORD = 'correct horse battery staple';

describe.skipIf(!runBrowserTests)("an editor curates an edition's home", () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  let arId: number;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const now = env.ctx.now().toISOString();
    const city = await createSection(env.ctx.db, { slug: 'city', name: 'City' }, now);
    const ar = await addEdition(env.ctx, {
      code: 'ar',
      language: 'ar',
      name: 'الأخبار',
      timeZone: 'Asia/Dubai',
      prefix: 'ar',
    });
    arId = ar.id;
    const economy = await createSection(
      env.ctx.db,
      { slug: 'economy', name: 'اقتصاد', editionId: ar.id },
      now,
    );
    await createUser(
      env.ctx.db,
      { email: 'desk@example.com', name: 'Desk Editor', password: PASSWORD, role: 'editor' },
      now,
    );
    for (const [i, [headline, sectionId]] of (
      [
        ['Harbour reopens', city.id],
        ['انتهاء إضراب الميناء', economy.id],
      ] as const
    ).entries()) {
      await createArticle(
        env.ctx.db,
        { headline, body: paragraphs(`${headline}.`), sectionId, status: 'published' },
        { timeZone: 'UTC', now: new Date(Date.now() - (i + 1) * 3_600_000).toISOString() },
      );
    }
    base = await serveOnLoopback(env.app);
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await reportFailure(desk.page, context.task.name);
  });
  afterAll(async () => {
    await desk?.close();
    await env?.close();
  });

  it('picks the edition, curates its home, and shows its headlines right to left', async () => {
    const page = desk.page;
    await page.goto(`${base}/admin`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fronts' }).click();
    const picker = page.getByLabel('Edition');
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toContainEqual('الأخبار · ar · right to left');
    await picker.selectOption(String(arId));
    await expect.poll(() => page.locator('main .row select').nth(1).inputValue()).toBe(`home@${arId}`);
    await page.getByRole('button', { name: 'Curate this front' }).click();
    await page.getByText('The front is curated now').waitFor({ timeout: 10_000 });
    const shown = page.locator('.front-list-editor .preview-stories').first();
    await expect.poll(() => shown.getAttribute('dir')).toBe('rtl');
    expect(await shown.getAttribute('lang')).toBe('ar');
    await expect.poll(() => shown.textContent()).toContain('انتهاء إضراب الميناء');
    const rows = await env.ctx.db.selectFrom('front_lists').select(['front', 'slug']).execute();
    expect(rows.map((r) => r.front)).toEqual(rows.map(() => `home@${arId}`));
    expect(rows.map((r) => r.slug)).toContain(`home-${arId}-top`);
    const $ = cheerio.load(await (await fetch(`${base}/ar`)).text());
    expect($(`[data-list=home-${arId}-top] .card-headline`).first().text()).toBe('انتهاء إضراب الميناء');
    const en = cheerio.load(await (await fetch(`${base}/`)).text());
    expect(en('main .card-headline').text()).not.toContain('انتهاء');
  }, 60_000);
});

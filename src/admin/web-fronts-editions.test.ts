/**
 * The front editor with several editions, in headless Chromium: an editor picks the Arabic
 * edition (shown right to left in the picker), curates its home, and its lists' headlines read
 * right to left; its readers get the curated home and the English home is untouched.
 */
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { doc, PASSWORD } from '../test/admin.js';
import {
  ARABIC_EDITION,
  type Browser,
  browserNewsroom,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

describe.skipIf(!runBrowserTests)("an editor curates an edition's home", () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  let arId: number;

  beforeAll(async () => {
    const newsroom = await browserNewsroom({
      section: { slug: 'city', name: 'City' },
      editions: [ARABIC_EDITION],
    });
    ({ env, base } = newsroom);
    const ar = newsroom.edition('ar');
    arId = ar.id;
    await newsroom.story('Harbour reopens', { body: doc('Harbour reopens.') });
    await newsroom.story('انتهاء إضراب الميناء', {
      body: doc('انتهاء إضراب الميناء.'),
      sectionId: ar.sectionId,
    });
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

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

/**
 * A breaking-news alert as a desk editor raises it, in headless Chromium: raised on the Breaking
 * news screen, it is in the page readers fetch at once (answered from the page cache's fast path,
 * no script needed), and gone once withdrawn.
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

const ALERT = 'Harbour bridge closed after <ship> collision';

describe.skipIf(!runBrowserTests)('an editor raises a breaking-news alert', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;

  beforeAll(async () => {
    const newsroom = await browserNewsroom({ section: { slug: 'city', name: 'City' } });
    ({ env, base } = newsroom);
    await newsroom.story('Ferry timetable changes', { body: doc('Ferries run every half hour.') });
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

  const home = async () => {
    const res = await fetch(`${base}/`);
    return { cache: res.headers.get('x-cache'), banner: cheerio.load(await res.text())('.alert-banner') };
  };

  it('raises an alert from the screen; the cached home page shows it, then not once withdrawn', async () => {
    await home(); // stored in the page cache
    expect((await home()).cache).toBe('HIT');
    const page = desk.page;
    await page.goto(`${base}/admin`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Breaking news' }).click();
    const form = page.getByRole('form', { name: 'Raise an alert' });
    await form.getByLabel('Alert text').fill(ALERT);
    await form.getByLabel('Level').selectOption('developing');
    await form.getByRole('button', { name: 'Raise alert' }).click();
    await page.getByRole('row', { name: /Harbour bridge closed/ }).waitFor({ timeout: 10_000 });

    const shown = await home();
    expect(shown.cache).toBe('HIT');
    expect(shown.banner.text()).toContain(ALERT);
    expect(shown.banner.text()).toContain('Developing');

    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText(/Withdrawn/).waitFor({ timeout: 10_000 });
    const after = await home();
    expect(after.cache).toBe('HIT');
    expect(after.banner).toHaveLength(0);
  });
});

describe.skipIf(!runBrowserTests)("an editor raises an alert for one edition's pages", () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;

  beforeAll(async () => {
    const newsroom = await browserNewsroom({
      editions: [ARABIC_EDITION],
    });
    ({ env, base } = newsroom);
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

  const banner = async (path: string) =>
    cheerio
      .load(await (await fetch(`${base}${path}`)).text())('.alert-banner')
      .text();

  it('picks the Arabic edition: its front shows the alert, the English home does not', async () => {
    const page = desk.page;
    await page.goto(`${base}/admin`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Breaking news' }).click();
    const form = page.getByRole('form', { name: 'Raise an alert' });
    const edition = form.getByLabel('Edition');
    expect(await edition.inputValue()).toBe(''); // every edition, unless the editor picks one
    expect(await edition.locator('option').allTextContents()).toEqual([
      'Every edition',
      expect.stringContaining(' · en'),
      'الأخبار · ar · right to left',
    ]);
    await form.getByLabel('Alert text').fill('انقطاع الكهرباء في بيروت');
    await edition.selectOption({ label: 'الأخبار · ar · right to left' });
    await form.getByRole('button', { name: 'Raise alert' }).click();
    await page.getByText('The alert is on the pages of الأخبار now.').waitFor({ timeout: 10_000 });
    const row = page.getByRole('row', { name: /انقطاع الكهرباء/ });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('الأخبار');

    const listed = (await (await fetch(`${base}/alerts.json`)).json()) as {
      alerts: { text: string; edition: string | null }[];
    };
    expect(listed.alerts).toEqual([
      expect.objectContaining({ text: 'انقطاع الكهرباء في بيروت', edition: 'ar' }),
    ]);
    expect(await banner('/ar')).toContain('انقطاع الكهرباء في بيروت');
    expect(await banner('/')).toBe('');
  });
});

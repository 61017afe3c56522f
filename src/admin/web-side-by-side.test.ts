/**
 * Translating side by side in headless Chromium: Translate makes an Arabic draft of an English
 * story, and the side-by-side pane shows the English source left to right beside the right-to-left
 * editor, while typing in the draft still saves; on a narrow screen the pane stacks above the
 * editor; axe-core finds no serious violation on that screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { doc, PASSWORD } from '../test/admin.js';
import {
  ARABIC_EDITION,
  axeViolations,
  type Browser,
  browserNewsroom,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  screenshot,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

describe.skipIf(!runBrowserTests)('translating side by side', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;
  let sourceId: number;

  beforeAll(async () => {
    // An Arabic edition with a section of its own: what Translate makes a draft in.
    const newsroom = await browserNewsroom({
      editions: [ARABIC_EDITION],
    });
    ({ env, base } = newsroom);
    sourceId = (
      await newsroom.story('Summit ends without a deal', {
        dek: 'Leaders leave Vilnius with talks to resume in spring.',
        body: doc('The summit ended on Tuesday.', 'Talks resume in March.'),
      })
    ).id;
    browser = await launchBrowser();
  });

  reportAndClose(() => ({ browsers: { browser }, env }));

  it('shows the English source ltr beside the Arabic draft, and the draft still saves', async () => {
    const page = browser.page;
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    await page.goto(`${base}/admin/stories/${sourceId}`);
    await page.locator('.ProseMirror').waitFor();
    await page.locator('.translate-menu > summary').click();
    await page.getByRole('button', { name: 'الأخبار' }).click();
    await page.waitForURL((url) => url.pathname !== `/admin/stories/${sourceId}`);
    const draftId = Number(new URL(page.url()).pathname.split('/').pop());
    const body = page.locator('.editor-body .ProseMirror');
    await body.waitFor();
    await page.waitForFunction(
      () =>
        getComputedStyle(document.querySelector('.editor-body .ProseMirror') as Element).direction === 'rtl',
    );

    // The translator starts rewriting, then opens the source beside it.
    await body.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' انتهت القمة');
    const toggle = page.getByRole('button', { name: 'Side by side' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const source = page.getByTestId('source-text');
    await source.getByText('Talks resume in March.').waitFor();
    expect(await page.getByRole('heading', { name: 'Source' }).count()).toBe(1);
    expect(await source.getAttribute('lang')).toBe('en');
    expect(await source.getAttribute('dir')).toBe('ltr');
    expect(await source.locator('.source-headline').textContent()).toBe('Summit ends without a deal');
    expect(await source.locator('.source-dek').textContent()).toBe(
      'Leaders leave Vilnius with talks to resume in spring.',
    );
    expect(await source.evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    expect(await body.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    // Beside each other: the source to the left of the editor.
    const [paneBox, bodyBox] = [await source.boundingBox(), await body.boundingBox()];
    expect(paneBox && bodyBox && paneBox.x + paneBox.width <= bodyBox.x).toBe(true);
    await screenshot(page, 'side-by-side');
    expect(await axeViolations(page, '.editor-screen')).toEqual([]);

    // The edit typed before opening the pane (and one after) reaches the server.
    await body.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' اليوم');
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('source-text').count()).toBe(0);
    const saved = async () =>
      (
        await env.ctx.db
          .selectFrom('articles')
          .select('body')
          .where('id', '=', draftId)
          .executeTakeFirstOrThrow()
      ).body;
    await expect.poll(saved, { timeout: 10_000 }).toContain('انتهت القمة اليوم');
  });

  it('stacks the source above the editor on a narrow screen', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 700, height: 900 });
    await page.getByRole('button', { name: 'Side by side' }).click();
    const source = page.getByTestId('source-text');
    await source.getByText('The summit ended on Tuesday.').waitFor();
    const [paneBox, bodyBox] = [
      await page.locator('#source-pane').boundingBox(),
      await page.locator('.editor-body .ProseMirror').boundingBox(),
    ];
    expect(paneBox && bodyBox && paneBox.y + paneBox.height <= bodyBox.y).toBe(true);
    expect(await axeViolations(page, '.editor-screen')).toEqual([]);
  });
});

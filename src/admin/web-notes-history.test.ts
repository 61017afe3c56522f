/**
 * Notes and readable history in headless Chromium, two people in two browsers: a contributor
 * submits with a note, the editor sees it on the desk and returns the story with a reason, the
 * contributor reads the reason in the thread; the history names people and fields and says
 * "Restored from version N" after a restore.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { addTestUser } from '../test/admin.js';
import {
  type Browser,
  ensureAdminBuilt,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  screenshot,
  serveOnLoopback,
  signInThroughForm,
} from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';

const PASSWORD = 'correct horse battery staple';
const HEADLINE = 'Night buses return to the old town';
const NOTE = 'Quotes checked with the mayor’s office.';
const REASON = 'We need a second source for the timetable.';

describe.skipIf(!runBrowserTests)('notes between writer and editor, history a person can read', () => {
  let env: TestEnv;
  let base: string;
  let writer: Browser; // a contributor
  let desk: Browser; // an editor
  let storyId: number;

  const saved = (page: Page) =>
    page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved at/ })
      .waitFor({ timeout: 15_000 });

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    await createSection(env.ctx.db, { slug: 'city', name: 'City' }, env.ctx.now().toISOString());
    await addTestUser(env.ctx, { email: 'ana@example.com', name: 'Ana Lopes', role: 'contributor' });
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
    base = await serveOnLoopback(env.app);
    [writer, desk] = await Promise.all([launchBrowser(), launchBrowser()]);
    await Promise.all([
      signInThroughForm(writer.page, base, 'ana@example.com', PASSWORD),
      signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD),
    ]);
  });

  reportAndClose(() => ({ browsers: { contributor: writer, editor: desk }, env }));

  it('a contributor submits with a note; the editor sees it on the desk and returns with a reason', async () => {
    const page = writer.page;
    await page.getByRole('link', { name: 'New story' }).click();
    await page.getByLabel('Headline').fill(HEADLINE);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    storyId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Buses run every half hour after midnight.');
    await saved(page);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByLabel('Note to the editor (optional)').fill(NOTE);
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.locator('.workflow .status', { hasText: 'In review' }).waitFor();
    await page.getByTestId('note-thread').getByText(NOTE).waitFor();

    const d = desk.page;
    await d.goto(`${base}/admin`);
    const review = d.locator('section[aria-labelledby="desk-review"]');
    const row = review.locator('li', { hasText: HEADLINE });
    await row.getByTestId('latest-note').getByText(NOTE).waitFor();
    expect(await row.getByTestId('latest-note').textContent()).toContain('Ana Lopes');
    await screenshot(d, 'desk-latest-note');
    await row.getByRole('link', { name: HEADLINE }).click();
    await d.getByRole('button', { name: 'Return to draft' }).click();
    // No reason, no return: the button waits for one.
    expect(await d.getByRole('button', { name: 'Send back to draft' }).isDisabled()).toBe(true);
    await d.getByLabel('Why is it going back? (required)').fill(REASON);
    await d.getByRole('button', { name: 'Send back to draft' }).click();
    await d.locator('.workflow .status', { hasText: 'Draft' }).waitFor();

    await page.reload();
    const thread = page.getByTestId('note-thread');
    await thread.getByText(REASON).waitFor();
    expect(await thread.locator('li').last().textContent()).toContain('Desk Editor');
    expect(await thread.locator('li').last().textContent()).toContain('returned to draft');
    await screenshot(page, 'note-thread');
  });

  it('the history shows names, human field names and "Restored from version N"', async () => {
    const page = writer.page;
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.getByLabel('Headline').fill(`${HEADLINE}, and trams`);
    await saved(page);
    await page.getByText('History').click();
    const rows = page.locator('.revisions li');
    await rows.first().getByText('Ana Lopes · ', { exact: false }).waitFor();
    await rows
      .first()
      .filter({ hasText: /Headline/ })
      .waitFor();
    const texts = await rows.allTextContents();
    expect(texts.some((t) => t.includes('Desk Editor · Returned to draft · State'))).toBe(true);
    expect(texts.some((t) => t.includes('Ana Lopes · Submitted for review'))).toBe(true);
    const oldest = (await rows.count()) - 1;
    const oldestVersion = /v(\d+)/.exec(texts[oldest] ?? '')?.[1];
    expect(oldestVersion).toBeDefined();
    page.once('dialog', (dlg) => void dlg.accept());
    await rows.nth(oldest).getByRole('button', { name: 'Restore' }).click();
    await page.locator('.revisions li').first().getByText(`Restored from version ${oldestVersion}`).waitFor();
    expect(await page.locator('.revisions li').first().textContent()).toMatch(
      new RegExp(`^Ana Lopes · Restored from version ${oldestVersion} · Headline`),
    );
    await screenshot(page, 'readable-history');
  });
});

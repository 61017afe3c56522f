/**
 * A live story in headless Chromium: the editor types into a published story, the autosave is
 * acknowledged, and readers still see the published version (page, feed, Content API) until
 * Update is pressed; then all three change at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, doc, PASSWORD } from '../test/admin.js';
import {
  type Browser,
  browserNewsroom,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

describe.skipIf(!runBrowserTests)('a live story: edits wait for Update', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  let story: { id: number; path: string };
  let theirs: { id: number; path: string };
  let writer: Browser; // a contributor

  const read = (url: string) => env.app.inject({ method: 'GET', url, headers: { host: 'localhost:3000' } });
  async function publicFaces() {
    return {
      page: (await read(story.path)).body,
      feed: (await read('/feeds/all/rss-full.xml')).body,
      api: (await read(`/api/content/v1/articles/${story.id}`)).body,
    };
  }

  beforeAll(async () => {
    const newsroom = await browserNewsroom();
    ({ env, base } = newsroom);
    story = await newsroom.story('Kremlin replaces five ministers', {
      body: doc('The cabinet changed on Monday.'),
    });
    const stringer = await addTestUser(env.ctx, {
      email: 'stringer@example.com',
      name: 'Stringer',
      role: 'contributor',
    });
    theirs = await newsroom.story('Harbour reopens', {
      body: doc('Boats are back.'),
      createdBy: stringer.id,
    });
    [desk, writer] = await Promise.all([launchBrowser(), launchBrowser()]);
    await Promise.all([
      signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD),
      signInThroughForm(writer.page, base, 'stringer@example.com', PASSWORD),
    ]);
  });

  reportAndClose(() => ({ browsers: { editor: desk, contributor: writer }, env }));

  it('keeps typed changes off the site until Update, then shows them everywhere', async () => {
    const page = desk.page;
    const before = await publicFaces();
    expect(before.page).toContain('The cabinet changed on Monday.');
    await page.goto(`${base}/admin/stories/${story.id}`);
    const band = page.getByTestId('live-story');
    await band.getByText('Live — readers see the published version.').waitFor();
    await band.getByText('No unpublished changes.').waitFor();

    // Type, and wait for the server to acknowledge the autosave (no fixed sleep).
    const acknowledged = page.waitForResponse(
      (r) => r.url().endsWith(`/api/admin/articles/${story.id}/autosave`) && r.status() === 200,
      { timeout: 15_000 },
    );
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Two more resigned today.');
    await acknowledged;
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved at/ })
      .waitFor({ timeout: 15_000 });

    // Saved, and readers see exactly what they saw before.
    expect(await publicFaces()).toEqual(before);
    await band.locator('summary', { hasText: 'Unpublished changes' }).waitFor();
    expect(await band.getByTestId('live-diff').locator('ins').allTextContents()).toEqual([
      expect.stringContaining('Two more resigned today.'),
    ]);

    // Update, with a correction readers see: the page, the feed and the Content API all change.
    await band.locator('summary', { hasText: 'Tell readers what changed' }).click();
    await band.getByLabel('Notice').selectOption('correction');
    await band.getByLabel('Text readers see with the story').fill('An earlier version named four ministers.');
    page.once('dialog', (d) => void d.accept());
    const updated = page.waitForResponse(
      (r) => r.url().endsWith(`/api/admin/articles/${story.id}/transitions`) && r.status() === 200,
    );
    await band.getByRole('button', { name: 'Update', exact: true }).click();
    // The checklist names what a desk would look at (no lead image, no byline…); the editor
    // goes past its warnings with one click (the checks themselves: web-checks.test.ts).
    const checklist = page.getByRole('dialog', { name: 'Before you update' });
    await checklist.getByText('No lead image').waitFor({ timeout: 10_000 });
    await checklist.getByRole('button', { name: 'Update anyway' }).click();
    await updated;
    await band.getByText('No unpublished changes.').waitFor({ timeout: 5_000 });
    const after = await publicFaces();
    expect(after.page).toContain('Two more resigned today.');
    expect(after.feed).toContain('Two more resigned today.');
    expect(after.api).toContain('Two more resigned today.');
    expect(after.page).toContain('An earlier version named four ministers.');
    expect((await read('/corrections')).body).toContain('An earlier version named four ministers.');
    expect((await read(story.path)).statusCode).toBe(200);
  });

  it('discards changes after a confirmation, and the editor shows the published text again', async () => {
    const page = desk.page;
    await page.goto(`${base}/admin/stories/${story.id}`);
    const band = page.getByTestId('live-story');
    await band.getByText('No unpublished changes.').waitFor();
    const acknowledged = page.waitForResponse(
      (r) => r.url().endsWith(`/api/admin/articles/${story.id}/autosave`) && r.status() === 200,
      { timeout: 15_000 },
    );
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' A rumour.');
    await acknowledged;
    await band.getByRole('button', { name: 'Discard changes' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await band.getByRole('button', { name: 'Discard changes' }).click();
    await band.getByText('No unpublished changes.').waitFor({ timeout: 5_000 });
    expect(await page.locator('.ProseMirror').textContent()).not.toContain('A rumour.');
    expect((await read(story.path)).body).not.toContain('A rumour.');
  });

  it('a contributor submits changes to a live story; only the editor can Update', async () => {
    const page = writer.page;
    await page.goto(`${base}/admin/stories/${theirs.id}`);
    const band = page.getByTestId('live-story');
    await band.getByText('Live — readers see the published version.').waitFor();
    const acknowledged = page.waitForResponse(
      (r) => r.url().endsWith(`/api/admin/articles/${theirs.id}/autosave`) && r.status() === 200,
      { timeout: 15_000 },
    );
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' The ferry runs hourly.');
    await acknowledged;
    await band.getByRole('button', { name: 'Submit changes for review' }).click();
    await band.getByText('submitted for review').waitFor({ timeout: 5_000 });
    expect(await band.getByRole('button', { name: 'Update', exact: true }).count()).toBe(0);
    expect((await read(theirs.path)).body).not.toContain('The ferry runs hourly.');

    const desk2 = desk.page;
    await desk2.goto(`${base}/admin/stories/${theirs.id}`);
    const deskBand = desk2.getByTestId('live-story');
    await deskBand.getByText('submitted for review').waitFor();
    desk2.once('dialog', (d) => void d.accept());
    await deskBand.getByRole('button', { name: 'Update', exact: true }).click();
    await desk2
      .getByRole('dialog', { name: 'Before you update' })
      .getByRole('button', { name: 'Update anyway' })
      .click();
    await deskBand.getByText('No unpublished changes.').waitFor({ timeout: 5_000 });
    expect((await read(theirs.path)).body).toContain('The ferry runs hourly.');
  });
});

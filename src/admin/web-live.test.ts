/**
 * Live coverage in headless Chromium: a reader's page gets new entries without reloading (server-
 * sent events), the same page reads in full with JavaScript off, and the editor's Live panel
 * starts coverage and posts an entry that readers then see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LiveWriter, postEntry, startCoverage } from '../live/index.js';
import { addMediaFile } from '../media/index.js';
import { doc, PASSWORD } from '../test/admin.js';
import {
  axeViolations,
  type Browser,
  browserNewsroom,
  CHROMIUM,
  launchBrowser,
  ROOT,
  reportAndClose,
  runBrowserTests,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

describe.skipIf(!runBrowserTests)('live coverage in the browser', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  let reader: Browser;
  let live: { id: number; path: string };
  let quiet: { id: number; path: string };
  let photo: number;
  const by = (): LiveWriter => ({
    id: null,
    email: 'field@example.com',
    label: 'user:0',
    name: 'Field Reporter',
    now: env.ctx.now().toISOString(),
  });

  beforeAll(async () => {
    const newsroom = await browserNewsroom();
    ({ env, base } = newsroom);
    const { story } = newsroom;
    const now = env.ctx.now().toISOString();
    live = await story('Marathon day in the city');
    quiet = await story('Bridge reopening ceremony');
    await startCoverage(env.ctx.db, live.id, by());
    await postEntry(
      env.ctx.db,
      live.id,
      { body: doc('Runners gather at the start line.'), keyPoint: true },
      by(),
    );
    photo = (
      await addMediaFile(
        env.ctx.db,
        env.ctx.config.mediaDir,
        path.join(ROOT, 'src/demo/images/storm.jpg'),
        now,
        {
          alt: 'Storm clouds over the bridge',
        },
      )
    ).id;
    [desk, reader] = await Promise.all([launchBrowser(), launchBrowser()]);
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });

  reportAndClose(() => ({ browsers: { editor: desk, reader }, env }));

  it('shows a new entry to a reader without a reload', async () => {
    const page = reader.page;
    await page.goto(`${base}${live.path}`);
    await page.locator('#live-badge').waitFor();
    expect(await page.locator('#live-key-points').textContent()).toContain(
      'Runners gather at the start line.',
    );
    // A mark that a reload would wipe.
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    // Wait until the stream is open (its first event sets the status or nothing: ask the hub).
    const hub = (env.app as unknown as { liveHub: { connected: number } }).liveHub;
    await expect.poll(() => hub.connected, { timeout: 10_000 }).toBeGreaterThan(0);
    const entry = await postEntry(
      env.ctx.db,
      live.id,
      { title: 'Leaders pass halfway', body: doc('The front group is at 21 km.') },
      by(),
    );
    const shown = page.locator(`#entry-${entry.id}`);
    await shown.waitFor({ timeout: 5_000 });
    expect(await shown.textContent()).toContain('The front group is at 21 km.');
    expect(await page.locator('#live-status').textContent()).toBe('1 new update');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // Newest first: the new entry is above the earlier one.
    const order = await page.locator('#live-timeline > article').evaluateAll((els) => els.map((e) => e.id));
    expect(order[0]).toBe(`entry-${entry.id}`);
    expect(await axeViolations(page, 'main')).toEqual([]);
  });

  it('reads in full without JavaScript, entry permalinks included', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-chromium-nojs-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled: false,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${base}${live.path}`);
      const timeline = await page.locator('#live-timeline').textContent();
      expect(timeline).toContain('Runners gather at the start line.');
      expect(timeline).toContain('The front group is at 21 km.');
      expect(await page.locator('#live-key-points').textContent()).toContain('Key points');
      await page.locator('#live-timeline a.live-permalink').first().click();
      await page.waitForURL(/\/entry\/\d+$/);
      expect(await page.locator('h1').textContent()).toBe('Marathon day in the city');
      expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toMatch(
        /^Leaders pass halfway \|/,
      );
    } finally {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('starts coverage and posts an entry from the Live panel', async () => {
    const page = desk.page;
    await page.goto(`${base}/admin/stories/${quiet.id}`);
    const panel = page.locator('section.live-panel');
    await panel.getByRole('button', { name: 'Start live coverage' }).click();
    await panel.getByRole('button', { name: 'End live coverage' }).waitFor();
    await panel.getByLabel('Update', { exact: true }).fill('Ribbon cut at noon.');
    await panel.getByLabel('Key point').check();
    await panel.getByRole('button', { name: 'Post update' }).click();
    await panel.locator('.live-entry-item', { hasText: 'Ribbon cut at noon.' }).waitFor();
    expect(await panel.locator('.live-entry-item').first().textContent()).toContain('Key point');
    expect(await axeViolations(page, 'section.live-panel')).toEqual([]);

    const readerPage = reader.page;
    await readerPage.goto(`${base}${quiet.path}`);
    expect(await readerPage.locator('#live-timeline').textContent()).toContain('Ribbon cut at noon.');
    expect(await readerPage.locator('#live-key-points').textContent()).toContain('Ribbon cut at noon.');

    // Pin it from the panel: the reader's page shows it pinned without a reload.
    const hub = (env.app as unknown as { liveHub: { connected: number } }).liveHub;
    await expect.poll(() => hub.connected, { timeout: 10_000 }).toBeGreaterThan(0);
    await panel
      .locator('.live-entry-item', { hasText: 'Ribbon cut at noon.' })
      .getByRole('button', { name: 'Pin' })
      .click();
    await readerPage.locator('#live-pinned', { hasText: 'Ribbon cut at noon.' }).waitFor({ timeout: 5_000 });

    // An image from the media library: the reader's page gets the picture without a reload.
    await panel.getByLabel('Kind').selectOption('image');
    await panel.getByRole('button', { name: 'Choose from the library' }).click();
    await page.getByRole('button', { name: new RegExp(`^Choose image ${photo}:`) }).click();
    expect(await panel.getByLabel('Image number (media library)').inputValue()).toBe(String(photo));
    await panel.getByLabel('Text (optional)').fill('The mayor crosses first.');
    await panel.getByRole('button', { name: 'Post update' }).click();
    const pictured = readerPage.locator('#live-timeline article', { hasText: 'The mayor crosses first.' });
    await pictured.waitFor({ timeout: 5_000 });
    expect(await pictured.locator('img').getAttribute('alt')).toBe('Storm clouds over the bridge');
  });

  it('falls back to polling when the stream is refused (503) or EventSource is missing', async () => {
    for (const how of ['503', 'no EventSource'] as const) {
      const page = await reader.context.newPage();
      try {
        if (how === '503')
          await page.route('**/live/*/events*', (r) => r.fulfill({ status: 503, body: 'full' }));
        else
          await page.addInitScript(() => {
            delete (window as unknown as { EventSource?: unknown }).EventSource;
          });
        await page.clock.install();
        const polled = page.waitForResponse((r) => r.url().includes(`/live/${live.id}/entries.json`));
        await page.goto(`${base}${live.path}`);
        await polled; // the first poll, at once
        const entry = await postEntry(env.ctx.db, live.id, { body: doc(`Polled update (${how}).`) }, by());
        const next = page.waitForResponse((r) => r.url().includes(`/live/${live.id}/entries.json`));
        await page.clock.runFor(16_000); // the next poll is 15 s later
        await next;
        await page.locator(`#entry-${entry.id}`).waitFor({ timeout: 5_000 });
      } finally {
        await page.close();
      }
    }
  });
});

/**
 * The newsroom app end to end in headless Chromium, with two people in two browsers: a
 * contributor writes and submits, an editor publishes; both edit one story at once and the
 * conflict screen loses nothing; revisions compared word by word; private previews of drafts.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { validateDocument } from '../shared/document/index.js';
import { renderText } from '../shared/document/text.js';
import { addTestUser, signIn } from '../test/admin.js';
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
const HEADLINE = 'Tram fares frozen for another year';

describe.skipIf(!runBrowserTests)(
  'two people, two browsers: write, review, publish, conflict, preview',
  () => {
    let env: TestEnv;
    let base: string;
    let writer: Browser; // a contributor
    let desk: Browser; // an editor
    let storyId: number;
    let cookie: string;

    /** The API as the editor (for checking what the server holds). */
    const get = async (url: string) => {
      const res = await env.app.inject({ method: 'GET', url: `/api/admin${url}`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const bodyText = async (id: number) => renderText(validateDocument((await get(`/articles/${id}`)).body));
    const saved = (page: Page) =>
      page
        .getByTestId('save-state')
        .filter({ hasText: /^Saved at/ })
        .waitFor({ timeout: 15_000 });
    async function typeAtEnd(page: Page, text: string) {
      await page.locator('.ProseMirror').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(text);
    }

    beforeAll(async () => {
      ensureAdminBuilt();
      env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
      await createSection(env.ctx.db, { slug: 'city', name: 'City' }, env.ctx.now().toISOString());
      await addTestUser(env.ctx, { email: 'stringer@example.com', name: 'Stringer', role: 'contributor' });
      await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
      base = await serveOnLoopback(env.app);
      ({ cookie } = await signIn(env.app, 'desk@example.com', PASSWORD));
      [writer, desk] = await Promise.all([launchBrowser(), launchBrowser()]);
      await Promise.all([
        signInThroughForm(writer.page, base, 'stringer@example.com', PASSWORD),
        signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD),
      ]);
    });

    reportAndClose(() => ({ browsers: { contributor: writer, editor: desk }, env }));

    it('a contributor writes bold text and a link, finds them after a reload, and submits', async () => {
      const page = writer.page;
      await page.getByRole('link', { name: 'New story' }).click();
      await page.getByLabel('Headline').fill(HEADLINE);
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.waitForURL(/\/admin\/stories\/\d+$/);
      storyId = Number(/(\d+)$/.exec(page.url())?.[1]);
      await typeAtEnd(page, 'The council kept fares ');
      await page.keyboard.press('Control+B');
      await page.keyboard.type('unchanged');
      await page.keyboard.press('Control+B');
      await page.keyboard.type(' in the new timetable');
      // Select "new timetable" and link it (Ctrl+K opens the link dialog).
      for (let i = 0; i < 'new timetable'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Control+K');
      const link = page.getByRole('dialog', { name: 'Link' });
      await link.getByLabel('Address').fill('https://example.org/timetable');
      await link.getByRole('button', { name: 'Apply' }).click();
      await page.locator('.ProseMirror a', { hasText: 'new timetable' }).waitFor();
      await saved(page);
      await page.reload();
      await page.locator('.ProseMirror strong', { hasText: 'unchanged' }).waitFor();
      expect(await page.locator('.ProseMirror a').getAttribute('href')).toBe('https://example.org/timetable');
      expect(await bodyText(storyId)).toBe('The council kept fares unchanged in the new timetable');
      expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Submit for review' }).click();
      await page.getByRole('button', { name: 'Send for review' }).click(); // the note is optional
      await page.locator('.workflow .status', { hasText: 'In review' }).waitFor();
    });

    it('an editor in another browser finds it waiting, publishes it, and it is on the public page', async () => {
      const page = desk.page;
      await page.reload();
      await page.getByRole('heading', { name: 'Desk' }).waitFor();
      await page.getByRole('link', { name: HEADLINE }).first().click();
      await page.getByRole('button', { name: 'Publish now' }).click();
      // The contributor's copy has no picture or byline: the checklist warns, the editor publishes anyway.
      const checklist = page.getByRole('dialog', { name: 'Before you publish' });
      await checklist.getByText(/No lead image/).waitFor();
      await checklist.getByRole('button', { name: 'Publish anyway' }).click();
      await page.getByRole('link', { name: 'View on the site' }).waitFor();
      const story = await get(`/articles/${storyId}`);
      expect(story.status).toBe('published');
      const res = await page.goto(`${base}${story.path}`);
      expect(res?.status()).toBe(200);
      await page.getByRole('heading', { name: HEADLINE }).waitFor();
      expect(await page.locator('article strong, main strong').first().textContent()).toBe('unchanged');
      expect(await page.getByRole('link', { name: 'new timetable' }).getAttribute('href')).toBe(
        'https://example.org/timetable',
      );
    });

    it('two people typing in one story at once: one gets the conflict screen, nothing is lost', async () => {
      // A fresh draft by the contributor, which both may edit.
      await writer.page.goto(`${base}/admin/stories/new`);
      await writer.page.getByLabel('Headline').fill('Bridge closure extended');
      await writer.page.getByRole('button', { name: 'Create draft' }).click();
      await writer.page.waitForURL(/\/admin\/stories\/\d+$/);
      storyId = Number(/(\d+)$/.exec(writer.page.url())?.[1]);
      await desk.page.goto(`${base}/admin/stories/${storyId}`);
      await desk.page.locator('.ProseMirror').waitFor();
      await Promise.all([
        typeAtEnd(writer.page, 'Sentence from the reporter.'),
        typeAtEnd(desk.page, 'Sentence from the editor.'),
      ]);
      const dialogs = [writer.page, desk.page].map((p) =>
        p
          .getByRole('alertdialog')
          .waitFor({ timeout: 20_000 })
          .then(() => p),
      );
      const loser = await Promise.race(dialogs);
      const winner = loser === writer.page ? desk.page : writer.page;
      const mine = loser === writer.page ? 'Sentence from the reporter.' : 'Sentence from the editor.';
      const theirs = loser === writer.page ? 'Sentence from the editor.' : 'Sentence from the reporter.';
      await saved(winner);
      const dialog = loser.getByRole('alertdialog');
      expect(await dialog.locator('.version').nth(0).textContent()).toContain(theirs);
      expect(await dialog.locator('.version').nth(1).textContent()).toContain(mine);
      expect(await winner.getByRole('alertdialog').count()).toBe(0);
      expect(await bodyText(storyId)).toBe(theirs); // nothing overwritten while the question is open
      await dialog.getByRole('button', { name: 'Keep mine' }).click();
      await saved(loser);
      expect(await bodyText(storyId)).toBe(mine);
      // Theirs is still in the history.
      const { revisions } = await get(`/articles/${storyId}/revisions`);
      const texts = await Promise.all(
        revisions.map(async (r: { id: number }) =>
          JSON.stringify((await get(`/articles/${storyId}/revisions/${r.id}`)).snapshot.body),
        ),
      );
      expect(texts.join()).toContain(theirs);
    });

    it('compares two revisions side by side, with the inserted words marked', async () => {
      const page = desk.page;
      await page.goto(`${base}/admin/stories/${storyId}`);
      await typeAtEnd(page, ' Extra words for the diff.');
      await saved(page);
      await page.getByText('History').click();
      const rows = page.locator('.revisions li');
      await rows.nth(1).waitFor();
      await rows.first().getByRole('checkbox').check();
      await rows.last().getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Compare selected' }).click();
      const diff = page.getByRole('dialog', { name: 'Compare revisions' });
      await diff.locator('ins', { hasText: 'Extra words for the diff.' }).waitFor();
      await screenshot(page, 'revision-diff');
      await diff.getByRole('button', { name: 'Close' }).click();
      await diff.waitFor({ state: 'hidden' });
    });

    it('previews a draft at a private link in a new tab, and refuses a forged link', async () => {
      const page = writer.page;
      await page.goto(`${base}/admin/stories/${storyId}`);
      await page.locator('.ProseMirror').waitFor();
      const [tab] = await Promise.all([
        writer.context.waitForEvent('page'),
        page.getByRole('button', { name: 'Preview' }).click(),
      ]);
      await tab.waitForURL(/\/preview\/\d+\.\d+\.[\w-]+$/);
      await tab.getByRole('heading', { name: 'Bridge closure extended' }).waitFor();
      expect((await get(`/articles/${storyId}`)).status).toBe('draft');
      const res = await tab.reload();
      expect(res?.headers()['cache-control']).toBe('private, no-store');
      const forged = tab.url().replace(/\.[\w-]+$/, `.${'A'.repeat(43)}`);
      const refused = await tab.goto(forged);
      expect(refused?.status()).toBe(403);
      await tab.getByRole('heading', { name: 'This preview link is not valid' }).waitFor();
      await tab.close();
    });
  },
);

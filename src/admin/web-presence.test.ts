/**
 * Who is editing, in headless Chromium with two people in two browsers: the second to open a
 * story is warned about the first, an editor takes it over and the writer is told, a save by
 * one shows as a "newer version" notice in the other, and leaving takes one off the other's list.
 * Every wait is on an element, bounded; the heartbeat runs every 5 s, so 15 s is three beats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { addTestUser, signIn } from '../test/admin.js';
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

const PASSWORD = 'correct horse battery staple';
const BEATS = { timeout: 15_000 };

describe.skipIf(!runBrowserTests)('two people, one story: presence, take-over, newer version', () => {
  let env: TestEnv;
  let base: string;
  let writer: Browser; // an author, who owns the story
  let desk: Browser; // an editor
  let storyId: number;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const section = await createSection(
      env.ctx.db,
      { slug: 'city', name: 'City' },
      env.ctx.now().toISOString(),
    );
    await addTestUser(env.ctx, { email: 'ana@example.com', name: 'Ana Novak', role: 'author' });
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
    const ana = await signIn(env.app, 'ana@example.com', PASSWORD);
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf, origin: 'http://localhost:3000' },
      payload: {
        headline: 'Bridge closed for repairs',
        sectionId: section.id,
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First line.' }] }],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    storyId = created.json().id;
    base = await serveOnLoopback(env.app);
    [writer, desk] = await Promise.all([launchBrowser(), launchBrowser()]);
    await Promise.all([
      signInThroughForm(writer.page, base, 'ana@example.com', PASSWORD),
      signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD),
    ]);
  });

  reportAndClose(() => ({ browsers: { author: writer, editor: desk }, env }));

  it('warns the second person to open a story about the first, and shows each the other', async () => {
    await writer.page.goto(`${base}/admin/stories/${storyId}`);
    await writer.page.locator('.ProseMirror', { hasText: 'First line.' }).waitFor();
    // Ana's first heartbeat is in before the editor opens the story.
    await expect
      .poll(() => env.ctx.db.selectFrom('editing_sessions').selectAll().execute(), BEATS)
      .toHaveLength(1);

    await desk.page.goto(`${base}/admin/stories/${storyId}`);
    const warning = desk.page.getByTestId('someone-editing');
    await warning.waitFor(BEATS);
    expect(await warning.textContent()).toContain('Ana Novak is editing this story');
    expect(await warning.textContent()).toContain('you can still edit');
    await desk.page.locator('.presence-name', { hasText: 'Ana Novak' }).waitFor();

    // Ana sees the editor at her next heartbeat, without a warning: she was first.
    await writer.page.locator('.presence-name', { hasText: 'Desk Editor' }).waitFor(BEATS);
    expect(await writer.page.getByTestId('someone-editing').count()).toBe(0);
    // Authors may not take a story over; editors may.
    expect(await writer.page.getByRole('button', { name: 'Take over' }).count()).toBe(0);
  });

  it('an editor takes the story over and the writer is told within a heartbeat', async () => {
    await desk.page.getByRole('button', { name: 'Take over' }).click();
    await desk.page.getByText('You took over from Ana Novak.').waitFor();
    const banner = writer.page.getByTestId('taken-over');
    await banner.waitFor(BEATS);
    expect(await banner.textContent()).toContain('Desk Editor took over this story');
    expect(await banner.textContent()).toContain('You can still edit');
    // The editor's warning gives way: Ana's tab is the one taken over.
    await desk.page.getByTestId('someone-editing').waitFor({ state: 'detached', ...BEATS });
  });

  it('a save by one shows in the other as a newer version within seconds, and Reload brings it in', async () => {
    const page = desk.page;
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Traffic diverted.');
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved at/ })
      .waitFor(BEATS);

    const notice = writer.page.getByTestId('newer-version');
    await notice.waitFor(BEATS);
    expect(await notice.textContent()).toMatch(/Desk Editor saved a newer version \d+ s ago/);
    // The editor's own save is not news to the editor.
    expect(await page.getByTestId('newer-version').count()).toBe(0);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await writer.page.locator('.ProseMirror', { hasText: 'Traffic diverted.' }).waitFor();
    await notice.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('leaving the story takes one off the other list', async () => {
    await desk.page.goto(`${base}/admin`);
    await writer.page
      .locator('.presence-name', { hasText: 'Desk Editor' })
      .waitFor({ state: 'detached', ...BEATS });
    const editor = await signIn(env.app, 'desk@example.com', PASSWORD);
    const rows = await env.ctx.db.selectFrom('editing_sessions').selectAll().execute();
    expect(rows.map((r) => r.user_id)).not.toContain(editor.userId);
    // And the API agrees with the page: nobody else but Ana.
    const beat = await env.app.inject({
      method: 'POST',
      url: `/api/admin/articles/${storyId}/presence`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: 'http://localhost:3000' },
      payload: { tabId: 'api-check-tab' },
    });
    expect(beat.json().others.map((o: { user: { name: string } }) => o.user.name)).toEqual(['Ana Novak']);
  });
});

/**
 * The account screen in headless Chromium: personal API tokens are made with the current
 * password, and "Sign out everywhere" says it revokes them, and does.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTestUser } from '../test/admin.js';
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

describe.skipIf(!runBrowserTests)('the account screen in headless Chromium', () => {
  let env: TestEnv;
  let base: string;
  let chromium: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    await addTestUser(env.ctx, { email: 'kim@example.com', name: 'Kim', role: 'author' });
    base = await serveOnLoopback(env.app);
    chromium = await launchBrowser();
    page = chromium.page;
    await signInThroughForm(page, base, 'kim@example.com', PASSWORD);
  });

  reportAndClose(() => ({ browsers: { chromium }, env }));

  it('creates a token with the current password; sign out everywhere revokes it', async () => {
    await page.goto(`${base}/admin/account`);
    const form = page.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Name').fill('nightly export');
    await form.getByLabel('Expires after').selectOption({ label: '30 days' });
    await form.getByLabel('Your password, to confirm').fill('not the password at all');
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('is not your current password').waitFor();
    await form.getByLabel('Your password, to confirm').fill(PASSWORD);
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByLabel('Your new token').inputValue();
    expect(secret).toMatch(/^mh_/);
    await page
      .getByRole('row', { name: /nightly export/ })
      .getByText(/^expires /)
      .waitFor();
    const bearer = () =>
      env.app.inject({
        method: 'GET',
        url: '/api/admin/session',
        headers: { authorization: `Bearer ${secret}` },
      });
    expect((await bearer()).statusCode).toBe(200);

    await page.getByText('revokes all your API tokens').first().waitFor();
    page.once('dialog', (d) => {
      expect(d.message()).toMatch(/API tokens are revoked/);
      void d.accept();
    });
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await bearer()).statusCode).toBe(401);
  });
});

/**
 * The newsroom web app (/admin): how the server serves it, and the app itself driven in real
 * headless Chromium against the real server — sign in, write, autosave, reload, offline, 409,
 * paste. The app is built first when web/admin/dist is missing or older than its sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createSection } from '../content/index.js';
import { validateDocument } from '../shared/document/index.js';
import { renderText } from '../shared/document/text.js';
import { addTestUser, signIn } from '../test/admin.js';
import {
  apiAs,
  type Browser,
  ensureAdminBuilt,
  launchBrowser,
  reportFailure,
  runBrowserTests,
  screenshot,
  serveOnLoopback,
} from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { ADMIN_CSP, adminAppRoutes } from './web.js';

const SITE_URL = 'http://localhost:3000';
const EMAIL = 'desk@example.com';
const PASSWORD = 'correct horse battery staple';

describe('serving the newsroom app at /admin', () => {
  let env: TestEnv;
  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL });
  });
  afterAll(() => env?.close());

  it('answers every client route with index.html: strict CSP, never cached, settings in meta tags', async () => {
    for (const url of ['/admin', '/admin/', '/admin/stories/12', '/admin/stories?status=draft']) {
      const res = await env.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
      expect(res.body).toContain('<div id="root">');
      expect(res.body).toContain('<meta name="masthead:time-zone" content="Europe/Prague">');
      // No inline script: every <script> has a src on this site.
      for (const tag of res.body.match(/<script\b[^>]*>/g) ?? [])
        expect(tag).toMatch(/src="\/admin\/assets\//);
    }
    expect(ADMIN_CSP).toContain("script-src 'self'");
    expect(ADMIN_CSP).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves hashed assets for a year and refuses what is not there', async () => {
    const html = (await env.app.inject({ method: 'GET', url: '/admin' })).body;
    const js = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    const res = await env.app.inject({ method: 'GET', url: js as string });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of [
      '/admin/assets/nope-123.js',
      '/admin/assets/..%2f..%2fpackage.json',
      '/admin/assets/sub/dir.js',
    ]) {
      expect((await env.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('answers 503 with a message, not a crash, when the app is not built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-noadmin-'));
    const app = Fastify();
    adminAppRoutes(app, env.ctx, { dir: empty });
    try {
      for (const url of ['/admin', '/admin/stories/1', '/admin/assets/index-abc.js']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(503);
        expect(res.body).toContain('npm run build');
      }
    } finally {
      await app.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!runBrowserTests)('the newsroom app in headless Chromium', () => {
  let env: TestEnv;
  let base: string;
  let chromium: Browser;
  let browser: BrowserContext;
  let page: Page;
  let storyId: number;
  let cookie: string;
  let csrf: string;

  /** The API as a second editor would use it (its own session). */
  const apiCall = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    apiAs(env.app, () => ({ cookie, csrf }), SITE_URL)(method, url, payload);
  const bodyText = async () =>
    renderText(validateDocument((await apiCall('GET', `/articles/${storyId}`)).body));

  async function waitForState(re: RegExp, timeout = 15_000) {
    await page
      .waitForFunction(
        ([source, flags]) =>
          new RegExp(source as string, flags as string).test(
            document.querySelector('[data-testid="save-state"]')?.textContent ?? '',
          ),
        [re.source, re.flags],
        { timeout },
      )
      .catch(async (err: Error) => {
        const shown = await page.getByTestId('save-state').textContent();
        throw new Error(
          `save state never matched ${re}; it shows "${shown}" (${err.message.split('\n')[0]})`,
        );
      });
  }
  const shoot = (name: string) => screenshot(page, name);
  async function typeAtEnd(text: string) {
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text);
  }

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL });
    await createUser(
      env.ctx.db,
      { email: EMAIL, name: 'Desk Editor', password: PASSWORD, role: 'editor' },
      env.ctx.now().toISOString(),
    );
    await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString());
    base = await serveOnLoopback(env.app);
    ({ cookie, csrf } = await signIn(env.app, EMAIL, PASSWORD));
    chromium = await launchBrowser();
    browser = chromium.context;
    page = chromium.page;
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await reportFailure(page, context.task.name);
  });

  afterAll(async () => {
    await chromium?.close();
    await env?.close();
  });

  it('signs in and shows the desk', async () => {
    await page.goto(`${base}/admin`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Desk' }).waitFor();
    await page.getByRole('heading', { name: 'My drafts' }).waitFor();
  });

  it('creates a story, autosaves what is typed, and finds it again after a reload', async () => {
    await page.getByRole('link', { name: 'New story' }).click();
    await page.getByLabel('Headline').fill('Council approves the new bridge');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    storyId = Number(/(\d+)$/.exec(page.url())?.[1]);
    await typeAtEnd('The vote was 31 to 12.');
    await waitForState(/^Saved at \d\d:\d\d [A-Z]{3,5}$/);
    expect(await bodyText()).toContain('The vote was 31 to 12.');
    const { version } = await apiCall('GET', `/articles/${storyId}`);
    await page.reload();
    await page.locator('.ProseMirror', { hasText: 'The vote was 31 to 12.' }).waitFor();
    // Opening a story is not an edit: nothing is saved (which would bump the version).
    await page.waitForTimeout(2500);
    expect((await apiCall('GET', `/articles/${storyId}`)).version).toBe(version);
    expect(await page.getByLabel('Slug').inputValue()).toBe('council-approves-the-new-bridge');
  });

  it('keeps text typed offline on the device and saves it once the connection is back', async () => {
    await browser.setOffline(true);
    await typeAtEnd(' Typed on the train.');
    await waitForState(/Offline — changes kept on this device/);
    const kept = await page.evaluate((id) => localStorage.getItem(`masthead:draft:${id}`), storyId);
    expect(kept).toContain('Typed on the train.');
    expect(await bodyText()).not.toContain('Typed on the train.');
    // The tab dies while offline; a new one opens the story once the connection is back.
    await page.close();
    await browser.setOffline(false);
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.locator('.ProseMirror', { hasText: 'Typed on the train.' }).waitFor();
    // Usually the new tab restores the copy and saves it ("Saved at …"). If the closing tab's
    // last retry reached the server first, the copy equals the server's story and is dropped
    // ("All changes saved"). Either way the words must be on the server and the copy gone.
    await waitForState(/^(Saved at|All changes saved)/);
    await expect.poll(bodyText, { timeout: 15_000 }).toContain('The vote was 31 to 12. Typed on the train.');
    await expect
      .poll(() => page.evaluate((id) => localStorage.getItem(`masthead:draft:${id}`), storyId))
      .toBeNull();
  });

  it('shows both versions on a conflict and keeps mine when I choose it', async () => {
    const current = await apiCall('GET', `/articles/${storyId}`);
    await apiCall('PUT', `/articles/${storyId}`, {
      headline: current.headline,
      sectionId: current.sectionId,
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rewritten by the night desk.' }] }],
      },
      version: current.version,
    });
    await typeAtEnd(' My last sentence.');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.locator('.version').nth(0).textContent()).toContain('Rewritten by the night desk.');
    expect(await dialog.locator('.version').nth(1).textContent()).toContain('My last sentence.');
    // Nothing was overwritten while the question is open.
    expect(await bodyText()).toBe('Rewritten by the night desk.');
    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await waitForState(/^Saved at/);
    expect(await bodyText()).toContain('Typed on the train. My last sentence.');
    await expect(page.getByRole('alertdialog').count()).resolves.toBe(0);
  });

  it('on a conflict, "use theirs" loads their version and parks mine on the device', async () => {
    const current = await apiCall('GET', `/articles/${storyId}`);
    await apiCall('PUT', `/articles/${storyId}`, {
      headline: current.headline,
      sectionId: current.sectionId,
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Their final cut.' }] }],
      },
      version: current.version,
    });
    await typeAtEnd(' A sentence they never saw.');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Use theirs' }).click();
    await page.locator('.ProseMirror', { hasText: 'Their final cut.' }).waitFor();
    expect(await page.locator('.ProseMirror').textContent()).not.toContain('A sentence they never saw.');
    const parked = await page.evaluate(
      (id) =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith(`masthead:kept:${id}:`))
          .map((k) => localStorage.getItem(k))
          .join(''),
      storyId,
    );
    expect(parked).toContain('A sentence they never saw.');
    expect(await bodyText()).toBe('Their final cut.');
  });

  it('keeps typing while the server is unreachable and saves once it answers again', async () => {
    await page.route('**/api/admin/**', (route) => route.abort('connectionrefused'));
    await typeAtEnd(' Written during the outage.');
    await waitForState(/Cannot reach the server — changes kept on this device/);
    await page.unroute('**/api/admin/**');
    await waitForState(/^Saved at/, 20_000);
    expect(await bodyText()).toBe('Their final cut. Written during the outage.');
  });

  it('cleans HTML pasted from Word or a web page into the body schema', async () => {
    const html = [
      '<html><head><style>p{color:red}</style></head><body><!--StartFragment-->',
      '<h1 style="color:red">Pasted title</h1>',
      '<p class="MsoNormal"><span style="font-family:Calibri;font-size:11pt"><b>Bold words</b> and ',
      '<i>italic</i> with <a href="https://example.org/report" target="_blank" rel="noopener" class="x">a link</a>',
      ' and <a href="javascript:alert(1)">a bad link</a></span><o:p></o:p></p>',
      '<script>window.__pasted = 1</script>',
      '<table><tr><td>Cell one</td><td>Cell two</td></tr></table>',
      '<ul><li>Item <u>under</u> <s>struck</s> <code>code</code></li></ul>',
      '<img src="https://tracker.example/pixel.png"><h6>Small heading</h6><pre><code>let x = 1</code></pre>',
      '<!--EndFragment--></body></html>',
    ].join('');
    // Pasted into an empty paragraph, as a reporter pastes a new section of text.
    await typeAtEnd('\n');
    await page.evaluate((h) => {
      const dt = new DataTransfer();
      dt.setData('text/html', h);
      dt.setData('text/plain', 'fallback');
      const target = document.querySelector('.ProseMirror') as HTMLElement;
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, html);
    await page.locator('.ProseMirror', { hasText: 'Cell two' }).waitFor();
    await waitForState(/^Saved at/);
    await shoot('editor');
    const body = validateDocument((await apiCall('GET', `/articles/${storyId}`)).body);
    const json = JSON.stringify(body);
    expect(body.content).toContainEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Pasted title' }],
    });
    expect(json).toContain('{"type":"text","text":"Bold words","marks":[{"type":"bold"}]}');
    // target="_blank" is kept as the link's "new tab"; rel, class and the bad link are not.
    expect(json).toContain(
      '"marks":[{"type":"link","attrs":{"href":"https://example.org/report","newTab":true}}]',
    );
    expect(json).not.toMatch(/javascript|noopener|tracker|__pasted|"code"/);
    expect(json).toContain('{"type":"text","text":"under","marks":[{"type":"underline"}]}');
    expect(json).toContain('{"type":"text","text":"struck","marks":[{"type":"strike"}]}');
    // A table stays a table (editor/paste.ts); the image is named in a notice, not dropped silently.
    expect(body.content).toContainEqual({
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [{ type: 'text', text: 'Cell one' }] },
            { type: 'tableCell', content: [{ type: 'text', text: 'Cell two' }] },
          ],
        },
      ],
    });
    await page.getByRole('status').filter({ hasText: '1 image was not pasted' }).waitFor();
    const text = renderText(body);
    for (const words of [
      'a bad link',
      'Cell one',
      'Cell two',
      'Small heading',
      'let x = 1',
      'under struck code',
    ])
      expect(text).toContain(words);
    expect(await page.evaluate(() => (window as { __pasted?: number }).__pasted)).toBeUndefined();
  });

  it('restores an older revision from the history', async () => {
    await page.getByText('History').click();
    const rows = page.locator('.revisions li');
    await rows.first().waitFor();
    page.once('dialog', (d) => void d.accept());
    // The oldest revision: the story as created, before any text.
    await rows.last().getByRole('button', { name: 'Restore' }).click();
    await page.waitForFunction(
      () => !document.querySelector('.ProseMirror')?.textContent?.includes('Cell two'),
    );
    expect(await bodyText()).toBe('');
    // Restoring is a new save: the pasted text stays in the history.
    expect((await apiCall('GET', `/articles/${storyId}/revisions`)).revisions[0].changed).toContain('body');
  });

  it('saves the side panel: dek, tags (created on save), dateline, and the slug following the headline', async () => {
    await page.getByLabel('Headline').fill('Council approves the new river bridge');
    expect(await page.getByLabel('Slug').inputValue()).toBe('council-approves-the-new-river-bridge');
    await page.getByLabel('Dek (summary)').fill('A 31 to 12 vote ends a decade of argument.');
    await page.getByLabel('Tags', { exact: true }).fill('Transport');
    await page.getByLabel('Tags', { exact: true }).press('Enter');
    await page.getByLabel('Dateline').fill('PRAGUE');
    await waitForState(/^Saved at/);
    const story = await apiCall('GET', `/articles/${storyId}`);
    expect(story).toMatchObject({
      headline: 'Council approves the new river bridge',
      slug: 'council-approves-the-new-river-bridge',
      dek: 'A 31 to 12 vote ends a decade of argument.',
      tags: ['Transport'],
      dateline: 'PRAGUE',
    });
  });

  it('schedules in the newsroom time zone, unschedules, and publishes to the site', async () => {
    const year = new Date().getUTCFullYear() + 1;
    await page.getByRole('button', { name: 'Schedule…' }).click();
    // 18:00 in Prague in January is 17:00 UTC, whatever the browser's own zone.
    await page.getByLabel('Publish at (Europe/Prague)').fill(`${year}-01-15T18:00`);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    // The checklist first: no lead image or byline yet, warnings an editor may schedule past.
    const checklist = page.getByRole('dialog', { name: 'Before you schedule' });
    await checklist.getByText(/No lead image/).waitFor();
    await checklist.getByRole('button', { name: 'Schedule anyway' }).click();
    await page.getByText(`goes live 15 Jan ${year}, 18:00 (Europe/Prague)`).waitFor();
    expect((await apiCall('GET', `/articles/${storyId}`)).publishAt).toBe(`${year}-01-15T17:00:00.000Z`);
    await page.getByRole('button', { name: 'Unschedule' }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page
      .getByRole('dialog', { name: 'Before you publish' })
      .getByRole('button', { name: 'Publish anyway' })
      .click();
    await page.getByRole('link', { name: 'View on the site' }).waitFor();
    const story = await apiCall('GET', `/articles/${storyId}`);
    expect(story.status).toBe('published');
    expect((await env.app.inject({ method: 'GET', url: story.path })).statusCode).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk' }).click();
    await page.getByRole('link', { name: 'Council approves the new river bridge' }).first().waitFor();
    await shoot('desk');
  });

  it('lists stories with search and filters', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stories' }).click();
    const list = page.locator('.story-list');
    await list.getByText('Council approves the new river bridge').waitFor();
    await page.getByLabel('Search').fill('no such words');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No stories match.').waitFor();
    await page.getByLabel('Search').fill('river');
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Tag').fill('transport');
    await page.getByRole('button', { name: 'Apply' }).click();
    await list.getByText('Council approves the new river bridge').waitFor();
    await page.getByLabel('Status').selectOption('draft');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No stories match.').waitFor();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
  });

  it('offers a contributor no publish button, only submit', async () => {
    await addTestUser(env.ctx, { email: 'stringer@example.com', name: 'Stringer', role: 'contributor' });
    await page.getByLabel('Email').fill('stringer@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/); // the address asked for before signing in
    await page
      .getByText('Not found')
      .or(page.getByText(`article ${storyId} not found`))
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'New story' }).click();
    await page.getByLabel('Headline').fill('Notes from the county fair');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('button', { name: 'Submit for review' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Schedule…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('button', { name: 'Send for review' }).click(); // the note is optional
    await page.locator('.workflow .status', { hasText: 'In review' }).waitFor();
  });

  it('changes the own password, which signs out; the new one works', async () => {
    await page.getByRole('link', { name: /Stringer/ }).click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password (at least 12 characters)').fill('a much longer new secret');
    await page.getByLabel('New password again').fill('a much longer new secret');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
    await page.getByLabel('Email').fill('stringer@example.com');
    await page.getByLabel('Password').fill('a much longer new secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Desk' }).waitFor();
  });
});

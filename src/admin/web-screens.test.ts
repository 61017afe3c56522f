/**
 * The newsroom app's list and management screens in headless Chromium: the stories list with
 * its filters in the address and bulk actions, sections, tags, authors, users and mirror health —
 * each shown only to the roles the policy allows.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/articles.js';
import { createSection } from '../content/index.js';
import { createEdition } from '../editions/index.js';
import { addTestUser, completeStoryFields } from '../test/admin.js';
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
const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

describe.skipIf(!runBrowserTests)('the stories list and management screens in headless Chromium', () => {
  let env: TestEnv;
  let base: string;
  let chromium: Browser;
  let page: Page;
  let sections: { news: number; sport: number };

  const apiGet = async (url: string) => {
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/admin/session',
      payload: { email: 'chief@example.com', password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    return (await env.app.inject({ method: 'GET', url: `/api/admin${url}`, headers: { cookie } })).json();
  };
  /** Accepts the next confirm() the app asks. */
  const accept = () => page.once('dialog', (d) => void d.accept());

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const chief = await addTestUser(env.ctx, { email: 'chief@example.com', name: 'Chief', role: 'admin' });
    sections = {
      news: (
        await createSection(
          env.ctx.db,
          { slug: 'news', name: 'News', position: 0 },
          env.ctx.now().toISOString(),
        )
      ).id,
      sport: (
        await createSection(
          env.ctx.db,
          { slug: 'sport', name: 'Sport', position: 1 },
          env.ctx.now().toISOString(),
        )
      ).id,
    };
    // 30 council drafts (two pages of 25) and a few sport stories, oldest first.
    const opts = (i: number) => ({
      by: 'user:1',
      createdBy: chief.id,
      timeZone: 'Europe/Prague',
      now: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    });
    for (let i = 1; i <= 30; i++) {
      await createArticle(
        env.ctx.db,
        {
          headline: `Council minute ${i}`,
          body: doc('x'),
          sectionId: sections.news,
          status: 'draft',
          tags: ['Council'],
        },
        opts(i),
      );
    }
    // Complete stories (picture, dek, byline), so the checks before publishing let a bulk publish through.
    const complete = await completeStoryFields(env.ctx, chief.id);
    for (const [i, headline] of ['Derby ends level', 'Cup run over', 'New coach named'].entries()) {
      await createArticle(
        env.ctx.db,
        {
          headline,
          body: doc('x'),
          sectionId: sections.sport,
          status: 'draft',
          tags: ['Football', 'Sport'],
          ...complete,
        },
        opts(40 + i),
      );
    }
    base = await serveOnLoopback(env.app);
    chromium = await launchBrowser();
    page = chromium.page;
    await signInThroughForm(page, base, 'chief@example.com', PASSWORD);
  });

  reportAndClose(() => ({ browsers: { chromium }, env }));

  it('keeps filters, sort and page in the address: reload and back keep them', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stories' }).click();
    await page.getByLabel('Status').selectOption('draft');
    await page.getByLabel('Tag').fill('council');
    await page.getByLabel('Sort').selectOption('created-asc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=draft/);
    const list = page.locator('.story-list li');
    // The unfiltered list is two pages long too: wait for the filtered rows, not the pager.
    await list.first().getByRole('link', { name: 'Council minute 1', exact: true }).waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    expect(await list.count()).toBe(5);
    await page.reload();
    await page.getByText('Page 2 of 2').waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('draft');
    expect(await page.getByLabel('Tag').inputValue()).toBe('council');
    expect(await page.getByLabel('Sort').inputValue()).toBe('created-asc');
    expect(await list.first().locator('a').textContent()).toBe('Council minute 26');
    await page.goBack();
    await page.getByText('Page 1 of 2').waitFor();
    expect(new URL(page.url()).searchParams.get('tag')).toBe('council');
    await screenshot(page, 'stories');
  });

  it('searches body text with several words, best match first, and suggests tags as you type', async () => {
    const at = env.ctx.now().toISOString();
    await createArticle(
      env.ctx.db,
      {
        headline: 'Floodlights for the east stand',
        body: doc('The groundsman says the floodlight pylons arrive by barge in March.'),
        sectionId: sections.news,
        status: 'draft',
        tags: ['Stadium works'],
      },
      { by: 'user:1', createdBy: 1, timeZone: 'Europe/Prague', now: at },
    );
    await page.goto(`${base}/admin/stories`);
    // Words only in the body, in another order than written.
    await page.getByLabel('Search').fill('barge pylons');
    expect(await page.getByLabel('Sort').inputValue()).toBe('relevance');
    await page.getByRole('button', { name: 'Apply' }).click();
    const list = page.locator('.story-list li');
    await list.first().getByRole('link', { name: 'Floodlights for the east stand' }).waitFor();
    expect(await list.count()).toBe(1);
    expect(await list.first().getByTestId('story-snippet').locator('mark').allTextContents()).toEqual(
      expect.arrayContaining(['barge', 'pylons']),
    );
    // The tag field suggests the tags that start with what is typed.
    await page.getByLabel('Tag').fill('stad');
    await expect
      .poll(() =>
        page
          .getByTestId('tag-suggestions')
          .locator('option')
          .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)),
      )
      .toEqual(['Stadium works']);
    await page.getByLabel('Tag').fill('Stadium works');
    await page.getByLabel('Status').selectOption('draft');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/tag=Stadium/);
    await list.first().getByRole('link', { name: 'Floodlights for the east stand' }).waitFor();
    // A filter that excludes it leaves nothing.
    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No stories match.').waitFor();
    // Reload keeps the words and the search's order.
    await page.reload();
    expect(await page.getByLabel('Search').inputValue()).toBe('barge pylons');
    expect(await page.getByLabel('Sort').inputValue()).toBe('relevance');
  });

  it('publishes several stories at once and names each story that failed', async () => {
    await page.goto(`${base}/admin/stories?section=${sections.sport}`);
    await page.getByText('3 stories').waitFor();
    await page.getByRole('checkbox', { name: 'Select “Derby ends level”' }).check();
    await page.getByRole('checkbox', { name: 'Select “Cup run over”' }).check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    accept();
    await bar.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Publish: 2 published.').waitFor();
    expect((await apiGet(`/articles?status=published`)).articles).toHaveLength(2);
    // Submitting all three: the two published ones cannot go to review, and say so by name.
    await page.getByLabel('Select all on this page').check();
    await bar.getByRole('button', { name: 'Submit for review' }).click();
    const result = page.locator('.bulk-result');
    await result.getByText('Submit for review: 1 submitted, 2 failed.').waitFor();
    expect(await result.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Derby ends level: /),
      expect.stringMatching(/^Cup run over: /),
    ]);
  });

  it('deletes in bulk and restores from the deleted stories', async () => {
    await page.getByRole('checkbox', { name: 'Select “New coach named”' }).check();
    accept();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Delete: 1 deleted.').waitFor();
    await page.getByText('2 stories').waitFor();
    await page.getByLabel('Deleted stories (restorable)').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Deleted stories' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select “New coach named”' }).check();
    await page
      .getByRole('toolbar', { name: 'Bulk actions' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await page.getByText('Restore: 1 restored.').waitFor();
    expect((await apiGet(`/articles?sectionId=${sections.sport}`)).articles).toHaveLength(3);
  });

  it('edits the section tree: add, nest, rename, reorder', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sections' }).click();
    const add = page.getByRole('form', { name: 'Add a section' });
    await add.getByLabel('Name').fill('Culture');
    expect(await add.getByLabel('Slug').inputValue()).toBe('culture');
    await add.getByRole('button', { name: 'Add section' }).click();
    await page.getByText('Added “Culture”.').waitFor();
    await add.getByLabel('Name').fill('Music');
    await add.getByLabel('Parent').selectOption({ label: 'Culture' });
    await add.getByRole('button', { name: 'Add section' }).click();
    await page.locator('code', { hasText: '/culture/music' }).waitFor();
    await page.getByRole('button', { name: 'Edit Sport' }).click();
    const edit = page.getByRole('form', { name: 'Edit Sport' });
    await edit.getByLabel('Name').fill('Sports');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved “Sports”.').waitFor();
    await page.getByRole('button', { name: 'Move Culture up' }).click();
    await page.getByText('Moved “Culture”.').waitFor();
    const roots = (await apiGet('/sections')).sections as { name: string; children: { name: string }[] }[];
    expect(roots.map((s) => s.name)).toEqual(['News', 'Culture', 'Sports']);
    expect(roots[1]?.children.map((s) => s.name)).toEqual(['Music']);
    await screenshot(page, 'sections');
    // A small phone: the tree fits without sideways scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('renames and merges tags, with their story counts', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
    const row = (name: string) =>
      page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await row('Council').getByRole('cell', { name: '30', exact: true }).waitFor();
    await page.getByLabel('New name for Council').fill('City council');
    await row('Council').getByRole('button', { name: 'Rename' }).click();
    await page.getByText('Renamed “Council” to “City council”.').waitFor();
    await page.getByLabel('Merge Sport into').selectOption({ label: 'Football' });
    accept();
    await row('Sport').getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Merged “Sport” into “Football”.').waitFor();
    const { tags } = await apiGet('/tags?counts=true');
    expect(tags.map((t: { name: string; stories: number }) => [t.name, t.stories])).toEqual([
      ['City council', 30],
      ['Football', 3],
      ['Stadium works', 1],
    ]);
  });

  it('adds a byline and edits its biography', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Authors' }).click();
    const add = page.getByRole('form', { name: 'Add an author' });
    await add.getByLabel('Name').fill('Jana Nováková');
    expect(await add.getByLabel(/^Slug/).inputValue()).toBe('jana-novakova');
    await add.getByRole('button', { name: 'Add author' }).click();
    await page.getByText('Added “Jana Nováková”.').waitFor();
    await page.getByRole('button', { name: 'Edit Jana Nováková' }).click();
    const edit = page.getByRole('form', { name: 'Edit Jana Nováková' });
    await edit.getByLabel('Biography').fill('Covers the city council.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Covers the city council.').waitFor();
    // Beside the chief's own byline, which the sport stories carry (see beforeAll).
    const authors = (await apiGet('/authors')).authors.filter((a: { name: string }) => a.name !== 'Chief');
    expect(authors).toEqual([
      expect.objectContaining({
        name: 'Jana Nováková',
        slug: 'jana-novakova',
        bio: 'Covers the city council.',
      }),
    ]);
  });

  it('creates a user, changes their role, deactivates them; an editor sees no Users screen', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const add = page.getByRole('form', { name: 'Add a user' });
    await add.getByLabel('Name').fill('Night Editor');
    await add.getByLabel('Email').fill('night@example.com');
    await add.getByLabel('Role').selectOption('contributor');
    await add.getByLabel('First password (at least 12 characters)').fill(PASSWORD);
    await add.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Created night@example.com (contributor).').waitFor();
    // Owners are not offered to an admin, and the admin cannot change themselves.
    expect(await add.getByLabel('Role').locator('option').allTextContents()).not.toContain('owner');
    expect(await page.getByLabel('Role of Chief').isDisabled()).toBe(true);
    accept();
    await page.getByLabel('Role of Night Editor').selectOption('editor');
    await page.getByText('Night Editor is now editor.').waitFor();
    accept();
    await page.getByRole('button', { name: 'Deactivate Night Editor' }).click();
    await page.getByText('Night Editor is deactivated.').waitFor();
    await screenshot(page, 'users');
    await page.getByRole('button', { name: 'Reactivate Night Editor' }).click();
    await page.getByText('Night Editor is active again.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await signInThroughForm(page, base, 'night@example.com', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sections' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.goto(`${base}/admin/users`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
  });

  it('shows mirror health and checks it on demand; an editor sees no Mirrors screen', async () => {
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
    // Whoever the last test left signed in, start this one signed out.
    await chromium.context.clearCookies();
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tags' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Mirrors' }).count()).toBe(0);
    await page.goto(`${base}/admin/mirrors`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();

    await chromium.context.clearCookies();
    await signInThroughForm(page, base, 'chief@example.com', PASSWORD);
    await nav.getByRole('link', { name: 'Mirrors' }).click();
    await page.getByRole('heading', { name: 'Mirrors' }).waitFor();
    await page.getByText('The servers check every 15 minutes.').waitFor();
    const primary = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'http://localhost:3000 (primary)' }) });
    // Cells after the address: status, latency, last success, checked, detail.
    const checked = primary.getByRole('cell').nth(3);
    expect(await checked.textContent()).toBe('never checked');
    expect(await primary.getByRole('cell').first().textContent()).toMatch(/unknown$/);

    await page.getByRole('button', { name: 'Check now' }).click();
    // Nothing listens on the test site's address, so the check is refused at once; any answer shows.
    const said = page.getByRole('status').filter({ hasText: /^Checked \d+ address(es)?: / });
    await said.waitFor();
    expect(await said.textContent()).toMatch(/\d+ (reachable|stale|unreachable)/);
    expect(await primary.getByRole('cell').first().textContent()).toMatch(/(reachable|stale|unreachable)$/);
    await checked.locator('time').waitFor();
    expect(await page.getByRole('button', { name: 'Check now' }).isEnabled()).toBe(true);
    await screenshot(page, 'mirrors');
    // A small phone: the table scrolls inside its own box, not the page.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The table's scrolling box is the next stop after the button, so the keyboard can scroll it.
    await page.getByRole('button', { name: 'Check now' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Mirror status (scrolls sideways)',
    );
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('adds an alternate address and an app link, shown at once in the public footer', async () => {
    await chromium.context.clearCookies();
    await signInThroughForm(page, base, 'chief@example.com', PASSWORD);
    await page.goto(`${base}/admin/mirrors`);
    const form = page.getByRole('form', { name: 'Addresses and apps' });
    await form.getByText("The server's defaults are in effect").waitFor();
    const box = form.getByLabel('Alternate addresses, one per line');
    // A mistake on the second line is named by its line, and nothing is saved.
    await box.fill('https://mirror-two.example.org\nhttps://bad.example.org/news');
    await form.getByRole('button', { name: 'Save addresses' }).click();
    await form
      .getByRole('alert')
      .getByText(/^Address on line 2: .*must not have a path/)
      .waitFor();
    expect((await apiGet('/addresses')).source).toBe('environment');
    expect(await box.inputValue()).toContain('bad.example.org');
    // Unsaved: a link elsewhere in the app asks first, and staying keeps the text.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stories' }).click();
    expect(await asked).toMatch(/not saved/);
    expect(new URL(page.url()).pathname).toBe('/admin/mirrors');
    expect(await box.inputValue()).toContain('bad.example.org');

    await box.fill(
      'https://mirror-two.example.org\n\nhttp://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion',
    );
    await form.getByRole('button', { name: 'Add an app link' }).click();
    await form.getByLabel('App 1 label').fill('TV channel');
    await form.getByLabel('App 1 address').fill('https://tv.example.com/app');
    await form.getByRole('button', { name: 'Save addresses' }).click();
    await form
      .getByRole('status')
      .getByText(/^Saved: 2 alternate addresses and 1 app link/)
      .waitFor();
    await form.getByText("The newsroom's list is in effect").waitFor();
    // The health table lists the new addresses.
    await page.getByRole('rowheader', { name: 'https://mirror-two.example.org' }).waitFor();
    await screenshot(page, 'mirrors-addresses');
    // On a small phone the form stacks and nothing sticks out of the page.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The public site, as a reader sees it, on the new address too.
    const reader = await chromium.context.newPage();
    try {
      await reader.goto(`${base}/`);
      const footer = reader.locator('footer');
      await footer.getByRole('link', { name: 'mirror-two.example.org' }).waitFor();
      expect(await footer.getByRole('link', { name: 'TV channel' }).getAttribute('href')).toBe(
        'https://tv.example.com/app',
      );
      expect(await footer.textContent()).toContain('(Tor)');
      const served = await env.app.inject({
        method: 'GET',
        url: '/',
        headers: { host: 'mirror-two.example.org' },
      });
      expect(served.statusCode).toBe(200);
    } finally {
      await reader.close();
    }

    // Back to the defaults: the footer loses them.
    accept();
    await form.getByRole('button', { name: "Use the server's defaults" }).click();
    await form.getByRole('status').getByText("Back to the server's default addresses and apps.").waitFor();
    const home = await env.app.inject({ method: 'GET', url: '/' });
    expect(home.body).not.toContain('mirror-two.example.org');
  });

  it('gives an address to one edition by writing its code after it, and that address serves the edition', async () => {
    await createEdition(
      env.ctx.db,
      env.ctx.config.site,
      { code: 'es', language: 'es', name: 'Noticias', timeZone: 'Europe/Madrid', prefix: 'es' },
      env.ctx.now().toISOString(),
    );
    await page.goto(`${base}/admin/mirrors`);
    const form = page.getByRole('form', { name: 'Addresses and apps' });
    const box = form.getByLabel('Alternate addresses, one per line');
    await form.getByText('An address that is one edition').waitFor();
    // An unknown code is named by its line, and nothing is saved.
    await box.fill('https://mirror-three.example.org\nhttps://es-mirror.example.net xx');
    await form.getByRole('button', { name: 'Save addresses' }).click();
    await form
      .getByRole('alert')
      .getByText(/^Address on line 2: "xx" is not an edition's code/)
      .waitFor();
    await box.fill('https://mirror-three.example.org\nhttps://es-mirror.example.net es');
    await form.getByRole('button', { name: 'Save addresses' }).click();
    await form
      .getByRole('status')
      .getByText(/^Saved: 2 alternate addresses/)
      .waitFor();
    const saved = await apiGet('/addresses');
    expect(Object.keys(saved.editions)).toEqual(['https://es-mirror.example.net']);
    // Read back as written.
    await page.reload();
    await form.getByText("The newsroom's list is in effect").waitFor();
    expect(await box.inputValue()).toBe('https://mirror-three.example.org\nhttps://es-mirror.example.net es');
    const served = await env.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: 'es-mirror.example.net' },
    });
    expect(served.body).toContain('<html lang="es"');
  });
});

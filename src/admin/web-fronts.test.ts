/**
 * The front editor in headless Chromium: a desk editor curates the home page (search and pin,
 * drag and keyboard reordering, a preview of the list before saving), saves it and readers get
 * it at once; a list someone else saved meanwhile is refused with a clear message and their
 * version a click away; the whole front previews as of a later time.
 */
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createArticle, createSection } from '../content/index.js';
import { saveList } from '../fronts/index.js';
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
import { paragraphs } from '../test/fixtures.js';

const PASSWORD = 'correct horse battery staple';
const HEADLINES = ['Alpha harbour reopens', 'Bravo council votes', 'Charlie festival returns'];

describe.skipIf(!runBrowserTests)('an editor curates the home page', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const section = await createSection(
      env.ctx.db,
      { slug: 'city', name: 'City' },
      env.ctx.now().toISOString(),
    );
    await createUser(
      env.ctx.db,
      { email: 'desk@example.com', name: 'Desk Editor', password: PASSWORD, role: 'editor' },
      env.ctx.now().toISOString(),
    );
    for (const [i, headline] of HEADLINES.entries()) {
      const a = await createArticle(
        env.ctx.db,
        { headline, body: paragraphs(`${headline}.`), sectionId: section.id, status: 'published' },
        {
          timeZone: env.ctx.config.site.timeZone,
          now: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        },
      );
      ids[headline] = a.id;
    }
    base = await serveOnLoopback(env.app);
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

  const lead = async () => {
    const $ = cheerio.load(await (await fetch(`${base}/`)).text());
    return $('[data-list=home-top] .card-headline')
      .map((_, h) => $(h).text())
      .get();
  };

  it('pins, reorders by drag and by keyboard, previews, saves; readers see it at once', async () => {
    expect((await lead())[0]).toBe(HEADLINES[0]);
    const page = desk.page;
    await page.goto(`${base}/admin`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fronts' }).click();
    await page.getByRole('button', { name: 'Curate this front' }).click();
    const list = page.getByRole('region', { name: /home-top/ });
    await list.getByRole('button', { name: 'Save now' }).waitFor({ timeout: 10_000 });
    for (const word of ['Charlie', 'Bravo']) {
      await list.getByLabel('Find a story to pin').fill(word);
      await list.getByRole('button', { name: new RegExp(`^Pin ${word}`) }).click();
    }
    const pins = list.locator('.pins .pin-name');
    await expect.poll(() => pins.allTextContents(), { timeout: 5000 }).toEqual([HEADLINES[2], HEADLINES[1]]);
    // Keyboard: the move buttons. At the top its "up" is disabled: the focus goes to its "down".
    await list.getByRole('button', { name: `Move ${HEADLINES[1]} up` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => pins.allTextContents()).toEqual([HEADLINES[1], HEADLINES[2]]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`Move ${HEADLINES[1]} down`);
    // Drag: Charlie back above Bravo.
    await list.locator('.pins .pin-name').nth(1).dragTo(list.locator('.pins .pin-name').nth(0));
    await expect.poll(() => pins.allTextContents()).toEqual([HEADLINES[2], HEADLINES[1]]);
    // What it will show, before saving: the picks, then the fill.
    const preview = list.locator('.list-preview li');
    await expect
      .poll(() => preview.allTextContents(), { timeout: 5000 })
      .toEqual([`${HEADLINES[2]} City`, `${HEADLINES[1]} City`, `${HEADLINES[0]} City`]);
    expect((await lead())[0]).toBe(HEADLINES[0]); // nothing saved yet
    await list.getByRole('button', { name: 'Save now' }).click();
    await list.getByText(/Saved “/).waitFor({ timeout: 10_000 });
    expect(await lead()).toEqual([HEADLINES[2], HEADLINES[1], HEADLINES[0]]);
  });

  it('says clearly when someone else saved the list meanwhile, and loads their version', async () => {
    const page = desk.page;
    const list = page.getByRole('region', { name: /home-top/ });
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .select('version')
      .where('slug', '=', 'home-top')
      .executeTakeFirstOrThrow();
    // Someone else saves: only Alpha pinned.
    await saveList(
      env.ctx.db,
      'home-top',
      {
        version: row.version,
        title: '',
        definition: {
          source: { kind: 'latest' },
          pins: [{ articleId: ids[HEADLINES[0] as string] as number }],
          limit: 7,
          variant: 'lead',
        },
      },
      { id: null, email: 'other@example.com', label: 'other', now: env.ctx.now().toISOString() },
    );
    await list.getByRole('button', { name: `Unpin ${HEADLINES[1]}` }).click();
    await list.getByRole('button', { name: 'Save now' }).click();
    await list
      .getByText(/Someone else saved this list while you were editing it/)
      .waitFor({ timeout: 10_000 });
    await list.getByRole('button', { name: 'Load their version' }).click();
    await expect.poll(() => list.locator('.pins .pin-name').allTextContents()).toEqual([HEADLINES[0]]);
    expect((await lead())[0]).toBe(HEADLINES[0]);
  });

  it('previews the whole front as of a later time', async () => {
    const page = desk.page;
    const section = page.getByRole('region', { name: 'Preview the front' });
    await section.getByLabel('As of').fill('2099-01-01T18:00');
    await section.getByRole('button', { name: 'Preview' }).click();
    await section.getByText(/As readers will see it at/).waitFor({ timeout: 10_000 });
    const shown = await section.locator('.preview-stories li').allTextContents();
    expect(shown[0]).toBe(`${HEADLINES[0]} City`);
  });
});

/**
 * Writing in the newsroom app, in headless Chromium: paste from Word and Google Docs (samples
 * in web/admin/src/editor/fixtures) and a pasted image uploaded, tables from the toolbar to the public page, the link
 * dialog with a search of our own stories, the embed dialog, word count, headline and dek first
 * in tab order, the toolbar as one tab stop, the phone layout, and axe-core over the editor.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Doc, validateDocument } from '../shared/document/index.js';
import { completeStoryFields, doc, PASSWORD } from '../test/admin.js';
import {
  axeViolations,
  type Browser,
  browserNewsroom,
  launchBrowser,
  ROOT,
  reportAndClose,
  runBrowserTests,
  screenshot,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

const SITE_URL = 'http://localhost:3000';
const sample = (name: string) =>
  fs.readFileSync(path.join(ROOT, 'web/admin/src/editor/fixtures', `${name}.clipboard-html`), 'utf8');
/** An 8 × 8 red PNG, as a page or a document on the clipboard may carry it inline. */
const PNG_8X8 =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4ISeHFTEMLQkAkL9BAbKfPiIAAAAASUVORK5CYII=';

/** Pastes clipboard HTML into the body as a browser does (a paste event with its DataTransfer). */
async function paste(page: Page, html: string) {
  await page.evaluate((h) => {
    const dt = new DataTransfer();
    dt.setData('text/html', h);
    dt.setData('text/plain', 'fallback');
    const target = document.querySelector('.ProseMirror') as HTMLElement;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, html);
}

describe.skipIf(!runBrowserTests)('writing a story in the newsroom app', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;
  let page: Page;
  let editorId: number;
  let storyId: number;
  let tramPath: string;

  const stored = async (id = storyId): Promise<Doc> =>
    validateDocument(
      JSON.parse(
        (
          await env.ctx.db
            .selectFrom('articles')
            .select('body')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).body,
      ),
    );
  const waitSaved = () =>
    page.waitForFunction(() =>
      /^Saved at/.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? ''),
    );
  /** Empties the body (select all, delete) and waits for the save. */
  async function clearBody() {
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
  }
  let newsroom: Awaited<ReturnType<typeof browserNewsroom>>;
  const story = async (
    headline: string,
    body: Doc | ReturnType<typeof doc>,
    status: 'draft' | 'published' = 'draft',
  ) => newsroom.story(headline, { body, status, ...(await completeStoryFields(env.ctx, editorId)) });

  beforeAll(async () => {
    newsroom = await browserNewsroom({ section: { slug: 'city', name: 'City' } });
    ({ env, base, editorId } = newsroom);
    tramPath = (await story('Tram depot to close in spring', doc('The depot closes.'), 'published')).path!;
    storyId = (await story('Flood gates approved', { type: 'doc', content: [] })).id;
    browser = await launchBrowser();
    page = browser.page;
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.locator('.ProseMirror').waitFor();
  });

  reportAndClose(() => ({ browsers: { browser }, env }));

  it('puts headline and dek first in tab order, and the toolbar is one tab stop before the body', async () => {
    const order = await page.evaluate(() => {
      const tabbable = Array.from(
        document.querySelectorAll<HTMLElement>(
          'main a[href], main button, main input, main textarea, main select, main [tabindex], main [contenteditable="true"]',
        ),
      ).filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0);
      const at = (test: (e: HTMLElement) => boolean) => tabbable.findIndex(test);
      return {
        headline: at((e) => e.getAttribute('placeholder') === 'Headline'),
        dek: at((e) => e.getAttribute('placeholder') === 'Dek (summary)'),
        toolbar: tabbable.filter((e) => e.closest('[role="toolbar"][aria-label="Formatting"]')).length,
        body: at((e) => e.classList.contains('ProseMirror')),
        publish: at((e) => e.textContent === 'Publish now'),
      };
    });
    expect(order.headline).toBe(0);
    expect(order.dek).toBe(1);
    expect(order.toolbar).toBe(1);
    expect(order.body).toBeGreaterThan(order.dek);
    expect(order.publish).toBeGreaterThan(order.body);

    // Tab into the toolbar, arrows within it, Tab once more is the body.
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Italic');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Redo');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);
    // Alt+F10 goes back to the toolbar, at the button last used (Tab moves between table cells).
    await page.keyboard.press('Alt+F10');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Redo');
    // Names contain what the buttons show (speech users say what they see).
    for (const b of await toolbar.getByRole('button').all()) {
      const shown = ((await b.textContent()) ?? '').toLowerCase();
      const name = ((await b.getAttribute('aria-label')) ?? shown).toLowerCase();
      expect(name, shown).toContain(shown);
    }
  });

  it('shows a placeholder in the empty body, then counts words and reading time', async () => {
    await page.locator('.ProseMirror p.is-empty[data-placeholder]').waitFor();
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('The council met on Monday night.');
    await page.getByTestId('word-count').filter({ hasText: '6 words · 1 min read' }).waitFor();
    expect(await page.locator('.ProseMirror p.is-empty').count()).toBe(0);
    // "Saved at 07:50 CET": the newsroom's zone, named.
    await waitSaved();
    expect(await page.getByTestId('save-state').textContent()).toMatch(
      /^Saved at \d\d:\d\d (CET|CEST|GMT[+-]\d+)$/,
    );
  });

  it('pastes from Word: bullets become a nested list, numbers a numbered list, and a notice names what was left', async () => {
    await clearBody();
    await paste(page, sample('word'));
    await page.locator('.ProseMirror ul > li ul > li', { hasText: 'Two on the east bank' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: '2 images and 1 embedded video were not pasted' })
      .waitFor();
    expect(await page.locator('.ProseMirror ol > li').count()).toBe(2);
    expect(await page.locator('.ProseMirror').textContent()).not.toContain('·');
    expect(await page.locator('.ProseMirror table th').count()).toBe(0);
    expect(await page.locator('.ProseMirror table td').count()).toBe(4);
    await waitSaved();
    const body = await stored();
    // ProseMirror keeps an empty paragraph after a final table, for the cursor.
    expect(body.content.filter((b) => b.type !== 'paragraph' || b.content).map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'orderedList',
      'paragraph',
      'table',
    ]);
    expect(JSON.stringify(body)).toContain('{"type":"text","text":"2","marks":[{"type":"subscript"}]}');
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('pastes from Google Docs without making everything bold', async () => {
    await clearBody();
    await paste(page, sample('gdocs'));
    await page.locator('.ProseMirror ul > li ul > li', { hasText: 'East bank first' }).waitFor();
    expect(await page.locator('.ProseMirror strong').allTextContents()).toEqual([
      'seven to two',
      'Ward',
      'Turnout',
    ]);
    expect(await page.locator('.ProseMirror s').allTextContents()).toEqual([', not three']);
    await page.getByRole('status').filter({ hasText: '1 image was not pasted' }).waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('uploads a pasted image through the media library and says what it could not paste', async () => {
    await clearBody();
    await paste(
      page,
      '<p>Before the vote.</p>' +
        `<p><img src="data:image/png;base64,${PNG_8X8}" alt="The council chamber"></p>` +
        '<p>After the vote.<img src="file:///C:/Temp/msohtmlclip1/01/clip_image001.png"></p>',
    );
    await page.getByRole('status').filter({ hasText: '1 image uploaded; 1 image was not pasted' }).waitFor();
    const figure = page.locator('.ProseMirror figure[data-media-id]');
    await figure.waitFor();
    await waitSaved();
    const body = await stored();
    expect(body.content.map((b) => b.type)).toEqual(['paragraph', 'image', 'paragraph']);
    const image = body.content[1];
    if (image?.type !== 'image') throw new Error('no image');
    expect(image.attrs.alt).toBe('The council chamber');
    expect(await figure.getAttribute('data-media-id')).toBe(String(image.attrs.mediaId));
    const media = await env.ctx.db
      .selectFrom('media')
      .select(['mime_type', 'original_name', 'width'])
      .where('id', '=', image.attrs.mediaId)
      .executeTakeFirstOrThrow();
    expect(media).toEqual({ mime_type: 'image/png', original_name: 'pasted-image-1.png', width: 8 });
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('inserts a table, edits it, and readers see it on the public page', async () => {
    await clearBody();
    await page.keyboard.type('Turnout by ward:');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Table' }).click();
    await page.locator('.ProseMirror table th').first().waitFor();
    // Header row typed, Tab moves cell to cell as in a spreadsheet.
    for (const text of ['Ward', 'Turnout', 'Change', 'North', '61%', '+4', 'South', '48%', '-2'])
      await page.keyboard.type(text).then(() => page.keyboard.press('Tab'));
    const tools = page.getByRole('group', { name: 'Table' });
    await tools.getByLabel('Caption (what the table shows)').fill('Turnout by ward, 2026');
    await page.locator('.ProseMirror table td', { hasText: '+4' }).click();
    await tools.getByRole('button', { name: 'Remove column' }).click();
    expect(await axeViolations(page, 'main')).toEqual([]);
    await waitSaved();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'editor-table');
    const body = await stored();
    const table = body.content.find((b) => b.type === 'table');
    expect(table).toMatchObject({ attrs: { caption: 'Turnout by ward, 2026', headerRow: true } });
    expect(table?.type === 'table' && table.content.map((r) => r.content.length)).toEqual([2, 2, 2, 2]);

    const published = await story('Turnout rises', body, 'published');
    await page.goto(`${base}${published.path}`);
    await page.locator('.body-table table caption', { hasText: 'Turnout by ward, 2026' }).waitFor();
    expect(await page.locator('.body-table thead th[scope="col"]').allTextContents()).toEqual([
      'Ward',
      'Turnout',
    ]);
    expect(await page.locator('.body-table tbody td').first().textContent()).toBe('North');
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.locator('.ProseMirror table').waitFor();
  });

  it('pastes several paragraphs into a table cell as lines of that cell', async () => {
    // The empty last row (Tab in the last cell added it).
    const cell = page.locator('.ProseMirror table tr').last().locator('td').first();
    await cell.click();
    await paste(page, '<p>East ward</p><p>West ward</p>');
    await cell.locator('br').waitFor({ state: 'attached' });
    // One line each: the text, and one break between.
    expect(await cell.textContent()).toBe('East wardWest ward');
    expect(await cell.locator('br:not(.ProseMirror-trailingBreak)').count()).toBe(1);
    expect(await page.locator('.ProseMirror table').count()).toBe(1);
  });

  it('links with the app’s own dialog: search our stories, open in a new tab', async () => {
    await clearBody();
    await page.keyboard.type('See the depot story');
    await page.keyboard.press('Shift+Home');
    let prompted = false;
    page.once('dialog', (d) => {
      prompted = true;
      void d.dismiss();
    });
    await page.keyboard.press('ControlOrMeta+K');
    const dialog = page.getByRole('dialog', { name: 'Link' });
    await dialog.getByLabel('Or find one of our stories').fill('depot');
    await dialog.getByRole('button', { name: 'Tram depot to close in spring' }).click();
    expect(await dialog.getByLabel('Address').inputValue()).toBe(`${SITE_URL}${tramPath}`);
    await dialog.getByLabel('Open in a new tab').check();
    expect(await axeViolations(page, '.link-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ProseMirror a[target="_blank"]', { hasText: 'See the depot story' }).waitFor();
    await waitSaved();
    expect(JSON.stringify(await stored())).toContain(
      JSON.stringify({ type: 'link', attrs: { href: `${SITE_URL}${tramPath}`, newTab: true } }),
    );
    expect(prompted).toBe(false);
    // A bad address is refused in the dialog, with the reason.
    await page.keyboard.press('ControlOrMeta+K');
    await dialog.getByLabel('Address').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'full address' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('embeds with the app’s own dialog: a YouTube video goes in, an address off the allow-list is refused', async () => {
    await clearBody();
    await page.keyboard.type('Watch the vote:');
    await page.keyboard.press('Enter');
    let prompted = false;
    page.once('dialog', (d) => {
      prompted = true;
      void d.dismiss();
    });
    const embedButton = page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button', { name: 'Embed' });
    await embedButton.click();
    const dialog = page.getByRole('dialog', { name: 'Embed' });
    const address = dialog.getByLabel('Address of the video, post or track');
    await address.waitFor();
    expect(await axeViolations(page, '.embed-dialog')).toEqual([]);
    // Refused in place, naming the providers we accept.
    await address.fill('https://example.org/video/1');
    await dialog.getByRole('button', { name: 'Embed' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'YouTube, Vimeo, Spotify, X, Instagram or SoundCloud' })
      .waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page, '.embed-dialog')).toEqual([]);
    await address.fill('https://youtu.be/dQw4w9WgXcQ');
    await dialog.getByRole('button', { name: 'Embed' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ProseMirror [data-embed-provider="youtube"]').waitFor();
    await waitSaved();
    const embed = (await stored()).content.find((b) => b.type === 'embed');
    expect(embed).toMatchObject({ attrs: { provider: 'youtube' } });
    expect(JSON.stringify(embed)).toContain('dQw4w9WgXcQ');
    expect(prompted).toBe(false);
    // Escape cancels: nothing inserted, focus back in the body.
    await embedButton.click();
    await address.fill('https://vimeo.com/76979871');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    expect(await page.locator('.ProseMirror [data-embed-provider]').count()).toBe(1);
  });

  it('finds no serious or critical axe-core violations in the editor', async () => {
    expect(await axeViolations(page, 'main')).toEqual([]);
  });

  it('on a phone: headline and first paragraph on the first screen, one toolbar row with More, publish one tap away', async () => {
    const long = doc(
      ...Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of a long story about the river.`),
    );
    const id = (await story('Council approves the flood gates after a long night', long)).id;
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      const p = phone.page;
      await signInThroughForm(p, base, 'desk@example.com', PASSWORD);
      await p.goto(`${base}/admin/stories/${id}`);
      await p.locator('.ProseMirror p').first().waitFor();
      const box = async (selector: string) => (await p.locator(selector).first().boundingBox())!;
      const headline = await box('textarea[placeholder="Headline"]');
      const first = await box('.ProseMirror p');
      expect(headline.y).toBeGreaterThanOrEqual(0);
      expect(first.y + first.height).toBeLessThanOrEqual(844);
      const toolbar = p.getByRole('toolbar', { name: 'Formatting' });
      expect((await toolbar.boundingBox())!.height).toBeLessThan(60);
      await toolbar.getByRole('button', { name: 'More' }).click();
      await p.getByRole('menuitemcheckbox', { name: 'Underline' }).waitFor();
      await p.keyboard.press('Escape');
      await screenshot(p, 'editor-phone');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await p.getByRole('link', { name: 'Publish…' }).click();
      const publish = p.getByRole('button', { name: 'Publish now' });
      const at = (await publish.boundingBox())!;
      expect(at.y).toBeGreaterThanOrEqual(0);
      expect(at.y + at.height).toBeLessThanOrEqual(844);
      expect(await axeViolations(p, 'main')).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

const shoot = (page: Page, name: string) => screenshot(page, name);

/**
 * The media library in real headless Chromium against the real server: upload several files
 * with a progress bar each (one refused), describe an image and set its focal point, then place
 * it in a story from the editor's picker and find it on the published page.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createSection } from '../content/index.js';
import { signIn } from '../test/admin.js';
import {
  apiAs,
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

const SITE_URL = 'http://localhost:3000';
const EMAIL = 'photo-desk@example.com';
const PASSWORD = 'correct horse battery staple';

/** A picture with a bright square off-centre, so focal points and crops are visible in screenshots. */
async function picture(width: number, height: number, format: 'jpeg' | 'png', hue: number) {
  const square = await sharp({
    create: {
      width: Math.round(width / 4),
      height: Math.round(height / 4),
      channels: 3,
      background: '#f4c430',
    },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: hue, b: 140 } } })
    .composite([{ input: square, left: Math.round(width / 8), top: Math.round(height / 2) }])
    [format]()
    .toBuffer();
}

describe.skipIf(!runBrowserTests)('the media library in headless Chromium', () => {
  let env: TestEnv;
  let base: string;
  let chromium: Browser;
  let cookie: string;
  let csrf: string;

  const page = () => chromium.page;
  /** The API as a second editor would use it (its own session). */
  const apiCall = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    apiAs(env.app, () => ({ cookie, csrf }), SITE_URL)(method, url, payload);
  const library = async () =>
    (await apiCall('GET', '/media')).media as {
      id: number;
      width: number;
      alt: string;
      caption: string;
      focalX: number;
      focalY: number;
    }[];

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL });
    await createUser(
      env.ctx.db,
      { email: EMAIL, name: 'Photo Desk', password: PASSWORD, role: 'editor' },
      env.ctx.now().toISOString(),
    );
    await createSection(env.ctx.db, { slug: 'news', name: 'News' }, env.ctx.now().toISOString());
    base = await serveOnLoopback(env.app);
    ({ cookie, csrf } = await signIn(env.app, EMAIL, PASSWORD));
    chromium = await launchBrowser();
  });

  reportAndClose(() => ({ browsers: { chromium }, env }));

  it('uploads several files with a progress bar each, names the refused one, and shows the rest', async () => {
    const p = page();
    await signInThroughForm(p, base, EMAIL, PASSWORD);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Media' }).click();
    await p.getByRole('heading', { name: 'Media', level: 1 }).waitFor();
    await p.getByText('No images match.').waitFor();
    await p.getByLabel('Choose images…').setInputFiles([
      { name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: await picture(1200, 800, 'jpeg', 90) },
      { name: 'market.png', mimeType: 'image/png', buffer: await picture(900, 600, 'png', 40) },
      {
        name: 'notes.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'),
      },
    ]);
    const uploads = p.getByRole('list', { name: 'Uploads' });
    await uploads.locator('li[data-state="done"]').nth(1).waitFor();
    await uploads.locator('li[data-state="error"]').waitFor();
    const bars = await uploads
      .locator('li[data-state="done"] progress')
      .evaluateAll((els) => els.map((e) => (e as HTMLProgressElement).value));
    expect(bars).toEqual([1, 1]);
    expect(
      await uploads.locator('li[data-state="done"] progress').first().getAttribute('aria-label'),
    ).toMatch(/^Upload of (harbour\.jpg|market\.png)$/);
    expect(await uploads.getByRole('alert').textContent()).toContain('notes.svg: SVG is not accepted');
    await expect(p.locator('.media-grid li').count()).resolves.toBe(2);
    expect((await library()).length).toBe(2);
  });

  it('saves alt text, caption, credit and a focal point set by clicking and by typing', async () => {
    const p = page();
    const harbour = (await library()).find((m) => m.width === 1200)!;
    const tile = p.getByRole('button', { name: new RegExp(`^Edit image ${harbour.id}:`) });
    await tile.click();
    const panel = p.getByRole('complementary', { name: 'Image details' });
    await panel.getByRole('heading', { name: `Image ${harbour.id}` }).waitFor();
    await panel.getByLabel('Alt text').fill('Fishing boats moored at the harbour wall');
    await panel.getByLabel('Caption').fill('Harbour at dawn');
    await panel.getByLabel('Credit').fill('Jana Veselá');
    const image = panel.locator('img.focal-image');
    await image.waitFor();
    await p.waitForFunction(() => (document.querySelector('img.focal-image') as HTMLImageElement)?.complete);
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: box.width * 0.25, y: box.height * 0.6 } });
    expect(Number(await panel.getByLabel('Across (%)').inputValue())).toBeCloseTo(25, -1);
    // The keyboard way: the number field.
    await panel.getByLabel('Down (%)').fill('70');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Saved', { exact: true }).waitFor();
    const saved = (await apiCall('GET', `/media/${harbour.id}`)) as typeof harbour & { credit: string };
    expect(saved).toMatchObject({
      alt: 'Fishing boats moored at the harbour wall',
      caption: 'Harbour at dawn',
      credit: 'Jana Veselá',
      focalY: 0.7,
    });
    expect(saved.focalX).toBeGreaterThan(0.2);
    expect(saved.focalX).toBeLessThan(0.3);
    // The marker sits where the point is.
    const marker = await panel.locator('.focal-marker').evaluate((el) => (el as HTMLElement).style.top);
    expect(marker).toBe('70%');
    await p.evaluate(() => window.scrollTo(0, 0));
    await screenshot(p, 'media');

    // Search finds it by its new caption.
    await p.getByLabel('Search images').fill('dawn');
    await p.getByRole('button', { name: 'Search', exact: true }).click();
    await p.waitForFunction(() => document.querySelectorAll('.media-grid li').length === 1);
  });

  it('works at 375 px wide without sideways scrolling', async () => {
    const p = page();
    await p.setViewportSize({ width: 375, height: 800 });
    await p.goto(`${base}/admin/media`);
    await p.locator('.media-grid li').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await p.locator('.media-grid button').first().click();
    await p.getByRole('complementary', { name: 'Image details' }).getByLabel('Alt text').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await p.setViewportSize({ width: 1280, height: 900 });
  });

  it('inserts a library image into a story from the picker and shows it on the published page', async () => {
    const p = page();
    const sectionId = (await apiCall('GET', '/sections')).sections[0].id;
    const story = await apiCall('POST', '/articles', {
      headline: 'Boats return to the harbour after the storm',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The fleet is back.' }] }],
      },
      sectionId,
    });
    const harbour = (await library()).find((m) => m.caption === 'Harbour at dawn')!;
    await p.goto(`${base}/admin/stories/${story.id}`);
    await p.locator('.ProseMirror', { hasText: 'The fleet is back.' }).click();
    await p.keyboard.press('Control+End');
    await p.getByRole('button', { name: 'Image', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Insert an image' });
    await dialog.getByLabel('Search images').fill('harbour');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await dialog.getByRole('button', { name: new RegExp(`^Choose image ${harbour.id}:`) }).click();
    await dialog.waitFor({ state: 'hidden' });
    const figure = p.locator(`.ProseMirror figure[data-media-id="${harbour.id}"]`);
    await figure.waitFor();
    expect(await figure.locator('figcaption').textContent()).toContain('Harbour at dawn');
    // The story's own caption, in the selected image's fields.
    await figure.click();
    const attrs = p.locator('.image-attrs');
    await attrs.getByLabel('Caption').fill('The first boats came in at six.');
    await p.waitForFunction(
      () => /^Saved at/.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    const saved = await apiCall('GET', `/articles/${story.id}`);
    expect(saved.body.content).toContainEqual({
      type: 'image',
      attrs: expect.objectContaining({
        mediaId: harbour.id,
        caption: 'The first boats came in at six.',
        credit: 'Jana Veselá',
      }),
    });

    await p.getByRole('button', { name: 'Publish now' }).click();
    // No lead image or byline yet: the desk publishes past the checklist's warnings.
    await p
      .getByRole('dialog', { name: 'Before you publish' })
      .getByRole('button', { name: 'Publish anyway' })
      .click();
    await p.getByRole('link', { name: 'View on the site' }).waitFor();
    const published = await apiCall('GET', `/articles/${story.id}`);
    const html = (await env.app.inject({ method: 'GET', url: published.path })).body;
    const fig = /<figure class="body-image">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    expect(fig).toContain(`<source type="image/avif" srcset="/media/${harbour.id}/320.avif 320w`);
    expect(fig).toContain('alt="Fishing boats moored at the harbour wall"');
    expect(fig).toContain('style="object-position: ');
    expect(fig).toContain(
      '<figcaption>The first boats came in at six. <span class="credit">Jana Veselá</span>',
    );
  });

  it('shows where images are used, finds them by file name, deletes an unused one and takes a used one down', async () => {
    const p = page();
    const harbour = (await library()).find((m) => m.caption === 'Harbour at dawn')!;
    await p.goto(`${base}/admin/media`);
    const tile = (id: number) =>
      p
        .locator('.media-grid li')
        .filter({ has: p.getByRole('button', { name: new RegExp(`^Edit image ${id}:`) }) });
    await tile(harbour.id).getByTestId('media-usage').getByText('used in 1 story').waitFor();
    // Several words, one from the file name.
    await p.getByLabel('Search images').fill('market png');
    await p.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => p.locator('.media-grid li').count()).toBe(1);
    await p.locator('.media-grid li').getByTestId('media-usage').getByText('not used').waitFor();
    await p.locator('.media-grid button').first().click();
    const panel = p.getByRole('complementary', { name: 'Image details' });
    expect(await panel.getByTestId('original-name').textContent()).toBe('market.png');
    expect(await panel.getByRole('button', { name: 'Take down' }).count()).toBe(0);
    let question = '';
    p.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await panel.getByRole('button', { name: 'Delete image' }).click();
    await p.getByText('No images match.').waitFor();
    expect(question).toMatch(/^Delete image \d+\? No story uses it/);
    expect((await library()).map((m) => m.id)).toEqual([harbour.id]);

    // The used one: its panel lists the story; taking it down asks with the story named.
    await p.getByLabel('Search images').fill('');
    await p.getByRole('button', { name: 'Search', exact: true }).click();
    await tile(harbour.id).getByRole('button').click();
    await panel
      .getByTestId('media-uses')
      .getByRole('link', { name: 'Boats return to the harbour after the storm' })
      .waitFor();
    expect(await panel.getByRole('button', { name: 'Delete image' }).count()).toBe(0);
    await screenshot(p, 'media-used-in');
    p.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await panel.getByRole('button', { name: 'Take down' }).click();
    await panel.getByTestId('taken-down').waitFor();
    expect(question).toContain('• Boats return to the harbour after the storm');
    await tile(harbour.id).getByText('taken down · used in 1 story').waitFor();
    const story = (await apiCall('GET', '/articles?q=boats')).articles[0];
    const html = (await env.app.inject({ method: 'GET', url: story.path })).body;
    expect(html).toContain('Boats return to the harbour after the storm');
    expect(html).not.toContain(`/media/${harbour.id}/`);
    expect((await env.app.inject({ method: 'GET', url: `/media/${harbour.id}/640.jpg` })).statusCode).toBe(
      410,
    );
    // Put back.
    p.once('dialog', (d) => void d.accept());
    await panel.getByRole('button', { name: 'Put back' }).click();
    await panel.getByRole('button', { name: 'Take down' }).waitFor();
    expect((await env.app.inject({ method: 'GET', url: `/media/${harbour.id}/640.jpg` })).statusCode).toBe(
      200,
    );
  });

  it("saves the caption and credit typed on a story's lead image back to the library", async () => {
    const p = page();
    const harbour = (await library()).find((m) => m.caption === 'Harbour at dawn')!;
    const sectionId = (await apiCall('GET', '/sections')).sections[0].id;
    const story = await apiCall('POST', '/articles', {
      headline: 'Night ferry resumes',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'It sails at ten.' }] }],
      },
      sectionId,
      leadMediaId: harbour.id,
    });
    await p.goto(`${base}/admin/stories/${story.id}`);
    await p.getByText('Lead image', { exact: true }).click();
    await p.getByLabel('Caption', { exact: true }).fill('The harbour before the night ferry');
    await p.getByLabel('Credit', { exact: true }).fill('Petr Malý');
    await p.getByRole('button', { name: 'Save caption and credit to the library' }).click();
    await p.getByText('Saved to the library', { exact: false }).waitFor();
    const item = (await apiCall('GET', `/media/${harbour.id}`)) as { caption: string; credit: string };
    expect(item).toMatchObject({ caption: 'The harbour before the night ferry', credit: 'Petr Malý' });
  });
});

/**
 * The demo's Arabic edition in headless Chromium: an article page is laid out right to left
 * (the layout mirrors: the story's text starts at the right), and axe-core finds no serious or
 * critical violation on it or on the Spanish front. `MASTHEAD_SCREENSHOTS=docs/images` keeps
 * pictures of both for the docs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { addTestUser, PASSWORD } from '../test/admin.js';
import {
  type Browser,
  ensureAdminBuilt,
  launchBrowser,
  ROOT,
  reportAndClose,
  runBrowserTests,
  serveOnLoopback,
  signInThroughForm,
} from '../test/browser.js';
import { type TestEnv, testEnv } from '../test/context.js';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = (await page.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'target-size': { enabled: true } },
    });
    return r.violations;
  })) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`));
}

async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.MASTHEAD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(ROOT, dir, `${name}.png`) });
}

describe.skipIf(!runBrowserTests)('editions in Chromium', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    await seedDemoIfEmpty(env.ctx);
    base = await serveOnLoopback(env.app);
    browser = await launchBrowser();
  }, 120_000);
  reportAndClose(() => ({ browsers: { browser }, env }));

  it('lays an Arabic story out right to left, with no serious accessibility violation', async () => {
    const story = await env.ctx.db
      .selectFrom('articles')
      .select('path')
      .where('slug', '=', 'night-train-prague-ljubljana')
      .executeTakeFirstOrThrow();
    const page = browser.page;
    await page.goto(`${base}${story.path}`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    // Mirrored: the headline's text ends at the left, its start hugs the right edge of the column.
    const box = await page.locator('h1.headline').boundingBox();
    const direction = await page.locator('.story-body').evaluate((e) => getComputedStyle(e).direction);
    expect(direction).toBe('rtl');
    // The headline's first line starts at the right edge of its box.
    const align = await page.locator('h1.headline').evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return {
        right: e.getBoundingClientRect().right,
        firstLineRight: range.getClientRects()[0]?.right ?? 0,
      };
    });
    expect(Math.abs(align.right - align.firstLineRight)).toBeLessThan(4);
    expect(box).not.toBeNull();
    // The switcher offers the English original and the Spanish translation.
    expect(
      await page
        .locator('.language-switcher a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('hreflang'))),
    ).toEqual(['en', 'es']);
    await keepScreenshot(page, 'editions-rtl-article');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the Spanish front in Spanish, with no serious accessibility violation', async () => {
    const page = browser.page;
    await page.goto(`${base}/es`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByRole('link', { name: 'Saltar al contenido' }).count()).toBe(1);
    await keepScreenshot(page, 'editions-spanish-front');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('edits an Arabic story right to left in the newsroom app, its hints in the app’s language', async () => {
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' });
    const story = await env.ctx.db
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', 'night-train-prague-ljubljana')
      .executeTakeFirstOrThrow();
    const page = browser.page;
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    await page.goto(`${base}/admin/stories/${story.id}`);
    const body = page.locator('.ProseMirror');
    await body.waitFor();
    // The editions arrive after the story: wait for the direction to follow.
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.ProseMirror') as Element).direction === 'rtl',
    );
    expect(await page.locator('.headline-input').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.headline-input').getAttribute('lang')).toBe('ar');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });
});

/**
 * Shared plumbing for the newsroom app's browser tests: build the app when its sources are newer
 * than the bundle, and launch Debian's Chromium the one way these machines allow (a fresh
 * profile folder, no network beyond loopback).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { ADMIN_APP_DIR } from '../admin/web.js';
import { createArticle, createSection } from '../content/index.js';
import type { EditionInput } from '../editions/index.js';
import type { Doc } from '../shared/document/index.js';
import { addTestUser, doc } from './admin.js';
import { type TestEnv, testEnv } from './context.js';
import { addEdition } from './fixtures.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

/** Browser suites run where Chromium is installed, and must run under CI=true. */
export const hasChromium = fs.existsSync(CHROMIUM);
export const runBrowserTests = hasChromium || process.env.CI === 'true';
if (!hasChromium && process.env.CI !== 'true') {
  console.info(
    `Browser tests of the newsroom app skipped: ${CHROMIUM} is missing (apt-get install chromium).`,
  );
}

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Builds web/admin unless dist/index.html is newer than every source the bundle is made of. */
export function ensureAdminBuilt(): void {
  const built = path.join(ADMIN_APP_DIR, 'index.html');
  // The app imports server code only through src/shared (src/shared/shared.test.ts checks).
  const sources = ['web/admin/src', 'web/admin/index.html', 'web/admin/vite.config.ts', 'src/shared'].map(
    (p) => path.join(ROOT, p),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/admin/vite.config.ts'],
    { cwd: ROOT, stdio: 'pipe' },
  );
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with its own empty profile; close() removes the profile. */
/** `timezoneId`: the browser's own zone (tests of times shown in the newsroom's zone instead). */
export async function launchBrowser(
  viewport = { width: 1280, height: 900 },
  opts: { timezoneId?: string } = {},
): Promise<Browser> {
  if (!hasChromium) throw new Error(`CI=true but ${CHROMIUM} is missing: CI must install Debian's chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** README pictures: `MASTHEAD_SCREENSHOTS=docs/images npm test -- <browser test file>`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.MASTHEAD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(ROOT, dir, `admin-${name}.png`) });
}

/** A failed step leaves a screenshot and the page's text behind, for the log and for humans. */
export async function reportFailure(page: Page, testName: string): Promise<void> {
  if (page.isClosed()) return;
  const file = path.join(os.tmpdir(), `masthead-admin-${testName.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  // biome-ignore lint/performance/useDomNodeTextContent: the text as a person sees the page
  const text = await page.evaluate(() => document.body.innerText).catch(() => '');
  console.error(`Failed at ${page.url()} (screenshot ${file}):\n${text.slice(0, 2000)}`);
}

/**
 * The two hooks every browser suite needs. When a test fails, each browser leaves its report
 * (above), named after the person using it when the suite has several; at the end the browsers
 * close, then the environment, as far as `beforeAll` got in opening them. `parts` is called when
 * a hook runs, so it sees what `beforeAll` has assigned since the suite was declared.
 */
export function reportAndClose(
  parts: () => { browsers: Record<string, Browser | undefined>; env: { close(): Promise<void> } | undefined },
): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const browsers = Object.entries(parts().browsers);
    for (const [who, browser] of browsers) {
      if (!browser) continue;
      await reportFailure(
        browser.page,
        browsers.length > 1 ? `${context.task.name} (${who})` : context.task.name,
      );
    }
  });
  afterAll(async () => {
    const { browsers, env } = parts();
    for (const browser of Object.values(browsers)) await browser?.close();
    await env?.close();
  });
}

/** Listens on a loopback port for the browser; returns the base URL. */
export async function serveOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

/**
 * The newsroom API as a second person uses it beside the browser: their own session, requests
 * from the site's origin. Anything but 2xx throws with the server's answer.
 */
export function apiAs(app: FastifyInstance, session: () => { cookie: string; csrf: string }, origin: string) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const { cookie, csrf } = session();
    const res = await app.inject({
      method,
      url: `/api/admin${url}`,
      headers: { cookie, origin, 'x-csrf-token': csrf },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
}

/** Signs in through the form and waits for the desk. */
export async function signInThroughForm(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Desk' }).waitFor();
}

/** An edition for browserNewsroom, with a section of its own when its tests file stories in it. */
export type BrowserEdition = EditionInput & { section?: { slug: string; name: string } };

/** The Arabic edition (right to left, at /ar) the editions' browser tests add, with its section. */
export const ARABIC_EDITION: BrowserEdition = {
  code: 'ar',
  language: 'ar',
  name: 'الأخبار',
  timeZone: 'Asia/Beirut',
  prefix: 'ar',
  section: { slug: 'world', name: 'العالم' },
};

/**
 * The newsroom most browser tests start from: a SQLite test newsroom whose site is
 * http://localhost:3000, one section, an editor (desk@example.com, the test PASSWORD) and the
 * app listening on loopback at `base`. `story()` adds a story in that section (by the editor,
 * published, unless told otherwise; `sectionId` files it elsewhere) and gives its id and public
 * path. `editions` are made beside the site's own, each with its own section if given;
 * `edition(code)` gives one's id and section id.
 */
export async function browserNewsroom({
  section = { slug: 'world', name: 'World' },
  editions = [],
}: {
  section?: { slug: string; name: string };
  editions?: BrowserEdition[];
} = {}) {
  ensureAdminBuilt();
  const env: TestEnv = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
  const sectionId = (await createSection(env.ctx.db, section, env.ctx.now().toISOString())).id;
  const editorId = (
    await addTestUser(env.ctx, { email: 'desk@example.com', name: 'Desk Editor', role: 'editor' })
  ).id;
  const made = new Map<string, { id: number; sectionId?: number }>();
  for (const { section: own, ...input } of editions) {
    const { id, code } = await addEdition(env.ctx, input);
    const at = env.ctx.now().toISOString();
    made.set(code, {
      id,
      sectionId: own && (await createSection(env.ctx.db, { ...own, editionId: id }, at)).id,
    });
  }
  /** An edition made above, by code: its id and its section's. */
  const edition = (code: string) => {
    const found = made.get(code);
    if (!found) throw new Error(`browserNewsroom made no edition ${code}`);
    return found;
  };
  const story = async (
    headline: string,
    {
      body = doc('What we know so far.'),
      status = 'published',
      createdBy = editorId,
      ...fields
    }: {
      body?: Doc | ReturnType<typeof doc>;
      status?: 'draft' | 'published';
      createdBy?: number;
      [field: string]: unknown;
    } = {},
  ) => {
    const row = await createArticle(
      env.ctx.db,
      { headline, body: body as Doc, sectionId, ...fields, status },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone, createdBy },
    );
    return { id: row.id, path: row.path as string };
  };
  const base = await serveOnLoopback(env.app);
  return { env, base, sectionId, editorId, edition, story };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Serious and critical axe-core violations (WCAG 2.0–2.2 A/AA and best practice) inside
 * `selector`, as "rule: target" lines, for a test that checks one part of a screen.
 * (web-a11y.test.ts runs axe over whole screens with its own, stricter settings.)
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // The pages' CSP refuses inline scripts; the DevTools protocol's evaluate is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run(
      { include: [sel] },
      {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
      },
    )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }, selector);
}

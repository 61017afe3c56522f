/**
 * The ingest desk as an editor uses it, in headless Chromium: wire copy that arrived is on the
 * Wire screen, filtered by text and source, previewed (agency markup shown as text, never run),
 * used into a section (the app opens the new draft), the quarantine lists what was refused and
 * why, and an agency kill of the item shows on the desk against the story.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createSection } from '../content/index.js';
import { addSource, receive, sourceBySlug } from '../ingest/index.js';
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
const fixture = (name: string) => fs.readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url));
const ninjs = (name: string, patch: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(fixture(name).toString('utf8')), ...patch }));

describe.skipIf(!runBrowserTests)('an editor works the wire', () => {
  let env: TestEnv;
  let base: string;
  let desk: Browser;

  async function arrive(bytes: Buffer, slug: string) {
    const source = await sourceBySlug(env.ctx.db, slug);
    if (!source) throw new Error(slug);
    return receive(env.ctx.db, { source, bytes, via: 'push', now: env.ctx.now().toISOString() });
  }

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    const now = env.ctx.now().toISOString();
    await createSection(env.ctx.db, { slug: 'world', name: 'World' }, now);
    await createUser(
      env.ctx.db,
      { email: 'desk@example.com', name: 'Desk Editor', password: PASSWORD, role: 'editor' },
      now,
    );
    await addSource(env.ctx.db, { slug: 'agx', name: 'Agency Example' }, { id: null, label: 'cli' }, now);
    await addSource(env.ctx.db, { slug: 'tna', name: 'The News Agency' }, { id: null, label: 'cli' }, now);
    await arrive(fixture('newsml.xml'), 'agx');
    await arrive(
      ninjs('ninjs3.json', { headlines: [{ value: 'Markup <img src=x onerror=alert(1)> stays text' }] }),
      'agx',
    );
    await arrive(fixture('ninjs1.json'), 'tna');
    await arrive(Buffer.from('<newsItem guid="x"><itemMeta></newsItem>'), 'agx');
    base = await serveOnLoopback(env.app);
    desk = await launchBrowser();
    await signInThroughForm(desk.page, base, 'desk@example.com', PASSWORD);
  });
  reportAndClose(() => ({ browsers: { desk }, env }));

  it('filters, previews, uses an item, and sees the agency kill it', async () => {
    const page = desk.page;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${base}/admin`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wire' }).click();
    const list = page.getByRole('list', { name: 'Wire items, newest first' });
    await list.getByText('Rail workers strike & trains stop across the country').waitFor({ timeout: 10_000 });
    // Agency markup in a headline is text on the screen, not an element.
    await list.getByText('Markup <img src=x onerror=alert(1)> stays text').waitFor();
    expect(await page.locator('.ingest-list img').count()).toBe(0);

    const filter = page.getByRole('form', { name: 'Filter the wire' });
    await filter.getByLabel('Source').selectOption('tna');
    await list.getByText('Rail workers strike').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await list.getByRole('listitem').count()).toBe(1);
    await filter.getByLabel('Source').selectOption('');
    await filter.getByLabel('Text').fill('union leader');
    await filter.getByRole('button', { name: 'Filter' }).click();
    await list.getByText('Assembly rejects the budget').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await list.getByRole('listitem').count()).toBe(1);

    await list.getByText('Rail workers strike').click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview
      .getByText('Not for use in Germany. — Copyright 2026 Agency Example')
      .waitFor({ timeout: 10_000 });
    await preview.getByText('MADRID — Rail workers walked out at midnight.').waitFor();
    const use = preview.getByRole('form', { name: 'Use this item' });
    await use.getByLabel('Section').selectOption({ label: 'World' });
    await use.getByRole('button', { name: 'Use' }).click();
    await page.waitForURL(/\/admin\/stories\/\d+$/, { timeout: 10_000 });
    const articleId = Number(page.url().split('/').pop());
    await page.getByText('Wire desk · Agency Example').first().waitFor({ timeout: 10_000 });
    const fromWire = page.getByRole('region', { name: 'From the wire' });
    await fromWire.getByText('Rights: Not for use in Germany. — Copyright 2026 Agency Example').waitFor();
    const story = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', articleId)
      .executeTakeFirstOrThrow();
    expect(story).toMatchObject({
      status: 'draft',
      headline: 'Rail workers strike & trains stop across the country',
    });

    // The agency kills the item: the Wire screen names the story.
    const xml = fixture('newsml.xml')
      .toString('utf8')
      .replace('version="3"', 'version="4"')
      .replace('stat:usable', 'stat:canceled');
    expect((await arrive(Buffer.from(xml), 'agx'))[0]?.flagged).toEqual([articleId]);
    await page.goto(`${base}/admin/ingest`);
    const updates = page.getByRole('region', { name: 'Agency updates' });
    await updates.getByText('KILL').waitFor({ timeout: 10_000 });
    await updates
      .getByRole('link', { name: 'Rail workers strike & trains stop across the country' })
      .waitFor();

    // The story's editor says so too.
    await page.goto(`${base}/admin/stories/${articleId}`);
    await page
      .getByRole('region', { name: 'From the wire' })
      .getByRole('alert')
      .getByText(/KILLED by Agency Example/)
      .waitFor({ timeout: 10_000 });
    await page.goto(`${base}/admin/ingest`);
    await page.getByRole('tab', { name: 'Quarantine' }).click();
    await page.getByRole('row', { name: /invalid XML/ }).waitFor({ timeout: 10_000 });
    expect(dialogs).toEqual([]);
  });
});

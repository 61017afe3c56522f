/**
 * The checklist before publishing in headless Chromium: a warning shows in the dialog and an
 * editor publishes anyway with one click; a writer cannot; an error blocks everyone; a complete
 * story goes straight out with a short note.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { createArticle, createSection } from '../content/index.js';
import { createEntity } from '../knowledge/index.js';
import { completeStoryFields, doc } from '../test/admin.js';
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

describe.skipIf(!runBrowserTests)('the checklist before publishing', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;
  let sectionId: number;
  let editorId: number;
  let authorId: number;

  const statusOf = async (id: number) =>
    (await env.ctx.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;
  /** A draft owned by `owner`: complete (byline, dek, credited lead image) with `patch` over it. */
  const draft = async (owner: number, headline: string, patch: Record<string, unknown> = {}) =>
    (
      await createArticle(
        env.ctx.db,
        {
          headline,
          body: doc('The council met on Monday.'),
          sectionId,
          ...(await completeStoryFields(env.ctx, owner)),
          ...patch,
          status: 'draft',
        },
        { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone, createdBy: owner },
      )
    ).id;

  beforeAll(async () => {
    ensureAdminBuilt();
    env = await testEnv('sqlite', { SITE_URL: 'http://localhost:3000' });
    sectionId = (await createSection(env.ctx.db, { slug: 'city', name: 'City' }, env.ctx.now().toISOString()))
      .id;
    for (const [email, name, role] of [
      ['desk@example.com', 'Desk Editor', 'editor'],
      ['writer@example.com', 'Staff Writer', 'author'],
    ] as const) {
      const user = await createUser(
        env.ctx.db,
        { email, name, password: PASSWORD, role },
        env.ctx.now().toISOString(),
      );
      if (role === 'editor') editorId = user.id;
      else authorId = user.id;
    }
    base = await serveOnLoopback(env.app);
    browser = await launchBrowser();
  });

  reportAndClose(() => ({ browsers: { browser }, env }));

  it('an editor sees the missing lead image as a warning and publishes anyway', async () => {
    const page = browser.page;
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    const id = await draft(editorId, 'Tram depot to close', { leadMediaId: null });
    await page.goto(`${base}/admin/stories/${id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Before you publish' });
    await dialog.getByText(/No lead image/).waitFor();
    expect(await dialog.locator('li.check-warning').count()).toBe(1);
    expect(await dialog.locator('li.check-error').count()).toBe(0);
    await screenshot(page, 'checklist-warning');
    expect(await statusOf(id)).toBe('draft');
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    await page.locator('.workflow .status', { hasText: 'Published' }).waitFor();
    expect(await statusOf(id)).toBe('published');
  });

  it('a story with an error cannot be published, not even by an editor', async () => {
    const page = browser.page;
    // A link to an address on this site that answers 404, and a lead image with no credit.
    const broken = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'the timetable',
              marks: [{ type: 'link', attrs: { href: 'http://localhost:3000/city/no-such-page' } }],
            },
          ],
        },
      ],
    };
    const id = await draft(editorId, 'Fares frozen', { body: broken });
    await page.goto(`${base}/admin/stories/${id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Before you publish' });
    await dialog.locator('li.check-error', { hasText: 'no-such-page' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Publish anyway' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'checklist-error');
    await dialog.getByRole('button', { name: 'Go back and fix' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await statusOf(id)).toBe('draft');
  });

  it('a complete story goes straight out with a short note', async () => {
    const page = browser.page;
    const id = await draft(editorId, 'Bridge reopens');
    await page.goto(`${base}/admin/stories/${id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByRole('status').filter({ hasText: 'All checks passed' }).waitFor();
    await page.locator('.workflow .status', { hasText: 'Published' }).waitFor();
    expect(await statusOf(id)).toBe('published');
  });

  it('a writer sees the warnings but may not publish past them', async () => {
    const page = browser.page;
    await page.context().clearCookies();
    await signInThroughForm(page, base, 'writer@example.com', PASSWORD);
    const id = await draft(authorId, 'Library hours cut', { dek: '' });
    await page.goto(`${base}/admin/stories/${id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Before you publish' });
    await dialog.getByText(/dek/).waitFor();
    await dialog.getByText(/An editor may publish past these warnings/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Publish anyway' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await statusOf(id)).toBe('draft');
  });

  it('shows a consistency warning with its sentence and the word at fault marked', async () => {
    const page = browser.page;
    await page.context().clearCookies();
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    const at = env.ctx.now().toISOString();
    const person = await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamkhani' }, at);
    const id = await draft(editorId, 'Envoy visits', {
      body: doc('Ali Shamkhani arrived on Monday.', 'Shamkhany said the talks went well.'),
    });
    await env.ctx.db
      .insertInto('article_entities')
      .values({
        article_id: id,
        key: `e:${person.id}`,
        entity_id: person.id,
        name: person.name,
        type: 'person',
        state: 'confirmed',
        mentions: 2,
        first_offset: 0,
        snippet: '',
        decided_by: 'test',
        decided_at: at,
        updated_at: at,
      })
      .execute();
    await page.goto(`${base}/admin/stories/${id}`);
    await page.getByRole('button', { name: 'Publish now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Before you publish' });
    const warning = dialog.locator('li.check-warning', { hasText: 'another spelling of' });
    await warning.waitFor();
    expect(await warning.locator('q.check-sentence').textContent()).toBe(
      'Shamkhany said the talks went well.',
    );
    expect(await warning.locator('q.check-sentence mark').textContent()).toBe('Shamkhany');
    await screenshot(page, 'checklist-consistency');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});

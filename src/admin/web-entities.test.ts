/**
 * The editor's panel of people, organisations and places in headless Chromium: a suggestion is
 * shown as "name — type — N mentions"; confirm, reject (and the rejection survives the next
 * extraction), link to an entity of the registry found by searching, take a decision back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEntity, extractStory, runExtractionQueue } from '../knowledge/index.js';
import { doc, PASSWORD } from '../test/admin.js';
import {
  type Browser,
  browserNewsroom,
  launchBrowser,
  reportAndClose,
  runBrowserTests,
  screenshot,
  signInThroughForm,
} from '../test/browser.js';
import type { TestEnv } from '../test/context.js';

describe.skipIf(!runBrowserTests)('the editor’s entity suggestions', () => {
  let env: TestEnv;
  let base: string;
  let browser: Browser;
  let storyId: number;
  let alliance: number;

  const links = async () =>
    Object.fromEntries(
      (
        await env.ctx.db
          .selectFrom('article_entities')
          .select(['name', 'state'])
          .where('article_id', '=', storyId)
          .execute()
      ).map((r) => [r.name, r.state]),
    );

  beforeAll(async () => {
    const newsroom = await browserNewsroom();
    ({ env, base } = newsroom);
    const now = env.ctx.now().toISOString();
    await createEntity(env.ctx.db, { type: 'place', name: 'Vilnius' }, now);
    // The registry knows the alliance by its full name only: the editor links "NATO" to it.
    alliance = (
      await createEntity(
        env.ctx.db,
        { type: 'organisation', name: 'North Atlantic Treaty Organization', description: 'The alliance' },
        now,
      )
    ).id;
    storyId = (
      await newsroom.story('Ali Shamkhani meets envoys in Vilnius', {
        body: doc(
          'Ali Shamkhani met envoys from NATO on Monday.',
          'Shamkhani said the talks were useful. Shamkhani left on Tuesday.',
          'Officials said Shamkhani would return.',
        ),
        status: 'draft',
      })
    ).id;
    await runExtractionQueue(env.ctx.db, now);
    browser = await launchBrowser();
  });

  reportAndClose(() => ({ browsers: { browser }, env }));

  it('shows suggestions with their type and mentions; confirm and reject stick', async () => {
    const page = browser.page;
    await signInThroughForm(page, base, 'desk@example.com', PASSWORD);
    await page.goto(`${base}/admin/stories/${storyId}`);
    const suggested = page.getByRole('list', { name: 'Suggested entities' });
    await suggested.getByText('Ali Shamkhani — person — 5 mentions').waitFor();
    await suggested.getByText('Vilnius — place — 1 mention').waitFor();
    await screenshot(page, 'entities-suggested');

    await page.getByRole('button', { name: 'Confirm Ali Shamkhani' }).click();
    await page
      .getByRole('list', { name: 'Confirmed entities' })
      .getByText('Ali Shamkhani — person — 5 mentions')
      .waitFor();
    await page.getByRole('button', { name: 'Reject Vilnius' }).click();
    await page.getByText('Rejected (1)').waitFor();
    expect(await links()).toMatchObject({ 'Ali Shamkhani': 'confirmed', Vilnius: 'rejected' });

    // The next extraction keeps both decisions; the page shows them as before.
    await extractStory(env.ctx.db, storyId, env.ctx.now().toISOString());
    await page.reload();
    await page.getByText('Rejected (1)').waitFor();
    expect(await suggested.getByText(/^Vilnius/).count()).toBe(0);
    expect(await links()).toMatchObject({ 'Ali Shamkhani': 'confirmed', Vilnius: 'rejected' });
  });

  it('links a suggestion to an entity found in the registry, and takes a rejection back', async () => {
    const page = browser.page;
    await page.goto(`${base}/admin/stories/${storyId}`);
    await page.getByRole('button', { name: 'Link NATO to an entity of the registry' }).click();
    const search = page.getByLabel('Find in the registry');
    await search.fill('north atl');
    await page
      .getByRole('button', { name: 'Link to North Atlantic Treaty Organization (organisation)' })
      .click();
    await page
      .getByRole('list', { name: 'Confirmed entities' })
      .getByText('North Atlantic Treaty Organization — organisation — 1 mention')
      .waitFor();
    const linked = await env.ctx.db
      .selectFrom('article_entities')
      .select(['entity_id', 'state'])
      .where('article_id', '=', storyId)
      .where('entity_id', '=', alliance)
      .executeTakeFirstOrThrow();
    expect(linked.state).toBe('confirmed');
    // "NATO" is now one of the alliance's names.
    const aliases = await env.ctx.db
      .selectFrom('entity_aliases')
      .select('alias')
      .where('entity_id', '=', alliance)
      .execute();
    expect(aliases.map((a) => a.alias)).toContain('NATO');

    await page.getByText('Rejected (1)').click();
    await page.getByRole('button', { name: 'Suggest Vilnius again' }).click();
    await page
      .getByRole('list', { name: 'Suggested entities' })
      .getByText('Vilnius — place — 1 mention')
      .waitFor();
    expect((await links()).Vilnius).toBe('suggested');
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../db/index.js';
import { exportStatic } from '../export/export.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

/** A body table reaches every face: the page, feeds, the Content API, ninjs, search, the export. */
const cell = (text: string, marks?: unknown[]) => ({
  type: 'tableCell',
  content: [marks ? { type: 'text', text, marks } : { type: 'text', text }],
});
const body = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'The results by ward.' }] },
    {
      type: 'table',
      attrs: { caption: 'Turnout by ward', headerRow: true },
      content: [
        { type: 'tableRow', content: [cell('Ward'), cell('Turnout')] },
        { type: 'tableRow', content: [cell('Zizkovside'), cell('61%', [{ type: 'bold' }])] },
      ],
    },
  ],
};

function expectTable(html: string, where: string) {
  const $ = cheerio.load(html, null, false);
  expect($('.body-table table caption').text(), where).toBe('Turnout by ward');
  expect($('thead th[scope="col"]').length, where).toBe(2);
  expect($('tbody td').first().text(), where).toBe('Zizkovside');
  expect($('tbody td strong').text(), where).toBe('61%');
}

describe.each(testDialects())('a body table on every face on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let story: ArticleRow;
  const get = (url: string) => env.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    story = await fx.publish({ headline: 'Turnout rises', slug: 'turnout', body: body as never, dek: '' });
  });
  afterAll(() => env?.close());

  it('is on the article page, in a scrolling region', async () => {
    const res = await get(story.path!);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    expectTable($('.story-body').html() ?? '', 'page');
    expect($('.body-table').attr('tabindex')).toBe('0');
  });

  it('is in the full-content feeds and the Content API (HTML, text, ninjs)', async () => {
    const rss = await get('/feeds/all/rss-full.xml');
    expect(rss.body).toContain('<caption>Turnout by ward</caption>');
    const api = await get(`/api/content/v1/articles/${story.id}`);
    expect(api.statusCode, api.body).toBe(200);
    const a = api.json().data;
    expectTable(a.bodyHtml, 'api');
    expect(a.bodyText).toContain('Zizkovside | 61%');
    expect(a.bodyDocument.content[1]).toMatchObject({ type: 'table', attrs: { headerRow: true } });
    const ninjs = (await get(`/api/content/v1/articles/${story.id}?format=ninjs`)).json();
    const html = JSON.stringify(ninjs);
    expect(html).toContain('<caption>Turnout by ward</caption>');
    expect(html).toContain('<th scope=\\"col\\">Ward</th>');
  });

  it('is found by the words in its cells', async () => {
    const res = await get('/search?q=Zizkovside');
    expect(res.statusCode).toBe(200);
    expect(cheerio.load(res.body)('main').text()).toContain('Turnout rises');
  });

  it('is in the static export', async () => {
    const out = path.join(env.dir, 'mirror');
    await exportStatic(env.ctx, env.app, out, {});
    const page = await readFile(path.join(out, story.path!, 'index.html'), 'utf8');
    expectTable(cheerio.load(page)('.story-body').html() ?? '', 'export');
  });
});

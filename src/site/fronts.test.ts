/**
 * Pages from curated fronts: the home page and a section front draw their lists, and editing a
 * list (or its scheduled version taking over) drops exactly the cached pages that show it.
 */
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDueListChanges, createList, type FrontWriter, saveList } from '../fronts/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';

describe.each(testDialects())('curated fronts on the site on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let by: FrontWriter;
  const ids: Record<string, number> = {};
  const paths: Record<string, string> = {};

  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { status: res.statusCode, cache: res.headers['x-cache'], $: cheerio.load(res.body) };
  };
  const headlines = ($: cheerio.CheerioAPI, sel: string) =>
    $(`${sel} .card-headline`)
      .map((_, h) => $(h).text())
      .get();
  const isCached = async (url: string) => (await get(url)).cache === 'HIT';

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    for (const [name, sectionId, hours] of [
      ['Russia one', fx.sections.russia, 1],
      ['Russia two', fx.sections.russia, 2],
      ['World one', fx.sections.world, 3],
      ['Sports one', fx.sections.sports, 4],
      ['Sports two', fx.sections.sports, 5],
    ] as const) {
      const a = await fx.publish({ headline: name, sectionId }, hours);
      ids[name] = a.id;
      paths[name] = a.path as string;
    }
    by = { id: null, email: 'desk@example.com', label: 'test', now: env.ctx.now().toISOString() };
  });
  afterAll(() => env?.close());

  it('draws the uncurated home page from its default front, with no story twice', async () => {
    const { $ } = await get('/');
    expect(headlines($, '.top-stories')[0]).toBe('Russia one');
    const all = headlines($, 'main');
    expect(new Set(all).size).toBe(all.length);
  });

  it('draws a curated home page, and a lone lead spans the width (no empty column)', async () => {
    await createList(
      env.ctx.db,
      {
        slug: 'home-lead',
        front: 'home',
        definition: {
          source: { kind: 'manual' },
          pins: [{ articleId: ids['World one'] as number }],
          variant: 'lead',
        },
      },
      by,
    );
    await createList(
      env.ctx.db,
      {
        slug: 'home-sports',
        front: 'home',
        title: 'Sports',
        definition: { source: { kind: 'section', sectionId: fx.sections.sports }, limit: 4, variant: 'grid' },
      },
      by,
    );
    const { $ } = await get('/');
    expect($('.top-stories').hasClass('lead-alone')).toBe(true);
    expect(headlines($, '.top-stories')).toEqual(['World one']);
    expect(headlines($, '[data-list=home-sports]')).toEqual(['Sports one', 'Sports two']);
    expect($('[data-list=home-sports] .block-title a').attr('href')).toBe('/sports');
  });

  it('editing a list drops exactly the pages that show it', async () => {
    const urls = ['/', paths['Russia one'] as string, '/news', '/sports'];
    for (const u of urls) await get(u);
    for (const u of urls) expect(await isCached(u), u).toBe(true);
    await saveList(
      env.ctx.db,
      'home-lead',
      {
        version: 1,
        title: '',
        definition: {
          source: { kind: 'manual' },
          pins: [{ articleId: ids['Russia two'] as number }],
          variant: 'lead',
        },
      },
      by,
    );
    expect(await isCached(paths['Russia one'] as string)).toBe(true);
    expect(await isCached('/news')).toBe(true);
    expect(await isCached('/sports')).toBe(true);
    const home = await get('/');
    expect(home.cache).not.toBe('HIT');
    expect(headlines(home.$, '.top-stories')).toEqual(['Russia two']);
  });

  it('a section front with stored lists draws them, and page 2 still lists the archive', async () => {
    await get('/news');
    expect(await isCached('/news')).toBe(true);
    await createList(
      env.ctx.db,
      {
        slug: 'news-top',
        front: `section:${fx.sections.news}`,
        title: 'Top',
        definition: {
          source: { kind: 'section', sectionId: fx.sections.news },
          pins: [{ articleId: ids['World one'] as number, slot: 1 }],
          limit: 3,
          variant: 'lead',
        },
      },
      by,
    );
    const { $, cache } = await get('/news');
    expect(cache).not.toBe('HIT'); // the front's first list replaced its default
    expect($('h1').text()).toBe('News');
    expect(headlines($, '[data-list=news-top]')).toEqual(['World one', 'Russia one', 'Russia two']);
    expect((await get('/news?page=2')).status).toBe(404); // three stories: one page
  });

  it('a scheduled version taking over refreshes the pages at its time', async () => {
    const t = Date.parse(env.ctx.now().toISOString());
    const later = new Date(t + 3_600_000).toISOString();
    await saveList(
      env.ctx.db,
      'home-sports',
      {
        version: 1,
        title: 'Sports',
        definition: { source: { kind: 'section', sectionId: fx.sections.sports }, limit: 4, variant: 'grid' },
        scheduled: {
          at: later,
          definition: {
            source: { kind: 'manual' },
            pins: [{ articleId: ids['Sports two'] as number }],
            variant: 'grid',
          },
        },
      },
      by,
    );
    await get('/');
    expect(await isCached('/')).toBe(true);
    expect(headlines((await get('/')).$, '[data-list=home-sports]')).toEqual(['Sports one', 'Sports two']);
    env.setNow(new Date(t + 3_700_000), { keepCache: true });
    try {
      expect(await applyDueListChanges(env.ctx.db, env.ctx.now().toISOString())).toBe(1);
      const home = await get('/');
      expect(home.cache).not.toBe('HIT');
      expect(headlines(home.$, '[data-list=home-sports]')).toEqual(['Sports two']);
    } finally {
      env.setNow(null);
    }
  });
});

import { mostRead } from '../audience/index.js';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/sections.js';
import { validateDocument } from '../shared/document/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { seedDemoIfEmpty } from './seed.js';

describe.each(testDialects())('demo newsroom on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
  });
  afterAll(() => env?.close());

  it('loads a full newsroom into an empty database', async () => {
    const result = await seedDemoIfEmpty(env.ctx);
    expect(result?.articles).toBeGreaterThanOrEqual(40);
    const db = env.ctx.db;
    const sections = await db.selectFrom('sections').selectAll().execute();
    expect(sections.length).toBeGreaterThanOrEqual(10);
    expect(sections.some((s) => s.path.split('/').length >= 3)).toBe(true);
    expect((await db.selectFrom('authors').selectAll().execute()).length).toBeGreaterThanOrEqual(5);
    const articles = await db.selectFrom('articles').selectAll().execute();
    expect(articles.length).toBeGreaterThanOrEqual(40);
    for (const a of articles) {
      expect(a.status).toBe('published');
      expect(a.lead_media_id, a.slug).not.toBeNull();
      expect(a.path).toMatch(/^\/[a-z0-9/-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+$/);
      const doc = validateDocument(JSON.parse(a.body));
      expect(doc.content.length, a.slug).toBeGreaterThanOrEqual(3);
    }
    expect(articles.some((a) => a.lead_file_photo === 1)).toBe(true);
    const bodies = articles.map((a) => a.body).join('\n');
    expect(bodies).toContain('"blockquote"');
    expect(bodies).toContain('"bulletList"');
    expect((await db.selectFrom('tags').selectAll().execute()).length).toBeGreaterThan(10);
    // One live alert that ends by itself six hours after the seed, pointing at the live story.
    const alerts = await db.selectFrom('alerts').selectAll().execute();
    expect(alerts.map((a) => a.level)).toEqual(['live']);
    const hours =
      (Date.parse(alerts[0]?.expires_at ?? '') - Date.parse(alerts[0]?.raised_at ?? '')) / 3_600_000;
    expect(hours).toBe(6);
    const home = cheerio.load((await env.app.inject({ method: 'GET', url: '/' })).body);
    const flood = await db
      .selectFrom('articles')
      .select('path')
      .where('slug', '=', 'spring-flood-forces-evacuations-in-zarechny-district')
      .executeTakeFirstOrThrow();
    expect(home('.alert-banner .alert-live a').attr('href')).toBe(flood.path);
    // "Most read" has readers: every story has views, the newest most.
    const top = await mostRead(db, { now: env.ctx.now(), window: 'hour', limit: 50 });
    expect(top.length).toBeGreaterThanOrEqual(5);
    expect(top[0]?.views).toBeGreaterThan(0);
  });

  it('never loads again over existing content', async () => {
    expect(await seedDemoIfEmpty(env.ctx)).toBeNull();
    // Even after every story and section is deleted, the newsroom's database is not re-seeded.
    await env.ctx.db.deleteFrom('articles').execute();
    const sections = await env.ctx.db.selectFrom('sections').select(['id', 'path']).execute();
    for (const s of sections.sort((a, b) => b.path.split('/').length - a.path.split('/').length)) {
      await env.ctx.db.deleteFrom('sections').where('id', '=', s.id).execute();
    }
    expect(await seedDemoIfEmpty(env.ctx)).toBeNull();
  });
});

describe('demo newsroom next to real content', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv('sqlite');
  });
  afterAll(() => env?.close());

  it('is not loaded into a database that already has content', async () => {
    await createSection(env.ctx.db, { slug: 'local', name: 'Local' }, env.ctx.now().toISOString());
    expect(await seedDemoIfEmpty(env.ctx)).toBeNull();
    expect(await env.ctx.db.selectFrom('articles').select('id').execute()).toHaveLength(0);
  });
});

describe('demo site pages', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv('sqlite');
    await seedDemoIfEmpty(env.ctx);
  });
  afterAll(() => env?.close());

  it('shows a curated home page: the flood story held on top, a video row, a row per section', async () => {
    const $ = cheerio.load((await env.app.inject({ method: 'GET', url: '/' })).body);
    expect($('.top-stories .card').length).toBe(7);
    expect($('.top-stories .card-headline').first().text()).toMatch(/flood/i);
    const blocks = $('.section-block .block-title')
      .map((_, h) => $(h).text())
      .get();
    expect(blocks).toEqual([
      'Watch',
      'Most read',
      'News',
      'Economy',
      'Technology',
      'Culture',
      'Sports',
      'Opinion',
    ]);
    // Most read is a numbered ranking from the simulated views (it may repeat a story above it).
    expect($('[data-list="home-most-read"] ol.ranking li').length).toBe(5);
    // The lead list has a version scheduled to take over later today.
    const lead = await env.ctx.db
      .selectFrom('front_lists')
      .select(['scheduled_at'])
      .where('slug', '=', 'home-lead')
      .executeTakeFirstOrThrow();
    expect(lead.scheduled_at).not.toBeNull();
    const onPage = $('.card-headline a')
      .map((_, a) => $(a).attr('href'))
      .get();
    expect(new Set(onPage).size).toBe(onPage.length); // no story twice among the cards
  });

  it('shows the Spanish edition a curated home: its pinned lead over its newest, a row per section', async () => {
    const $ = cheerio.load((await env.app.inject({ method: 'GET', url: '/es' })).body);
    expect($('html').attr('lang')).toBe('es');
    expect($('.top-stories .card-headline').first().text()).toMatch(/ola de frío/i);
    // (A section whose stories all lead above shows no row: no story twice.)
    const rows = $('.section-block .block-title')
      .map((_, h) => $(h).text())
      .get();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(['Internacional', 'Política', 'Economía', 'Cultura']).toContain(row);
    const stored = await env.ctx.db
      .selectFrom('front_lists')
      .select('front')
      .where('slug', '=', 'es-portada')
      .executeTakeFirstOrThrow();
    expect(stored.front).toMatch(/^home@\d+$/);
  });

  it('covers the flood story live: six entries, one key point, one pinned', async () => {
    const story = await env.ctx.db
      .selectFrom('articles')
      .select(['id', 'path'])
      .where('slug', '=', 'spring-flood-forces-evacuations-in-zarechny-district')
      .executeTakeFirstOrThrow();
    const entries = await env.ctx.db
      .selectFrom('live_entries')
      .selectAll()
      .where('article_id', '=', story.id)
      .execute();
    expect(entries).toHaveLength(6);
    expect(entries.filter((e) => e.key_point === 1)).toHaveLength(1);
    expect(entries.filter((e) => e.pinned === 1)).toHaveLength(1);
    const page = cheerio.load((await env.app.inject({ method: 'GET', url: story.path as string })).body);
    expect(page('#live-badge').text()).toBe('Live');
    expect(page('#live-key-points li').text()).toBe('River at its highest on record');
    expect(page('#live-timeline > article')).toHaveLength(6);
  });

  it('renders every demo article, section, author and tag page', async () => {
    const db = env.ctx.db;
    const paths = [
      '/',
      ...(await db.selectFrom('articles').select('path').execute()).map((a) => a.path!),
      ...(await db.selectFrom('sections').select('path').execute()).map((s) => `/${s.path}`),
      ...(await db.selectFrom('authors').select('slug').execute()).map((a) => `/author/${a.slug}`),
      ...(await db.selectFrom('tags').select('slug').execute()).map((t) => `/tag/${t.slug}`),
    ];
    for (const p of paths) {
      const res = await env.app.inject({ method: 'GET', url: p });
      expect(res.statusCode, p).toBe(200);
      const $ = cheerio.load(res.body);
      expect($('h1').length, p).toBeGreaterThan(0);
      // Every image has intrinsic dimensions, so nothing jumps while the page loads.
      $('main img').each((_, img) => {
        expect($(img).attr('width'), `${p} ${$(img).attr('src')}`).toBeTruthy();
        expect($(img).attr('height'), p).toBeTruthy();
      });
    }
  });
});

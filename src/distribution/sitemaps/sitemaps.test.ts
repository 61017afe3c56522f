import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createArticle, updateArticle } from '../../content/index.js';
import type { ArticleRow } from '../../db/index.js';
import { createEntity, decideSuggestion, type Entity, mergeEntities } from '../../knowledge/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';
import { articleSitemap, newsLanguage, sitemapIndex } from './build.js';

const NASTY = 'Tom & Jerry <b>"live"</b> it\'s ]]> 😀';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe.each(testDialects())('sitemaps on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let nasty: ArticleRow;
  let old: ArticleRow;
  let cup: ArticleRow;
  let future: ArticleRow;
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    old = await fx.publish({ headline: 'Three days old', tags: ['Archive'] }, 72);
    nasty = await fx.publish({ headline: NASTY, tags: ['Budget'] }, 3);
    cup = await fx.publish({ headline: 'Cup final', sectionId: fx.sections.sports, leadMediaId: null }, 2);
    future = await fx.publish({ headline: 'Future story', tags: ['Future only'] }, -5);
    const withdrawn = await fx.publish({ headline: 'Withdrawn story' }, 4);
    await updateArticle(
      env.ctx.db,
      withdrawn.id,
      { ...(await articleInputOf(env.ctx.db, withdrawn)), status: 'unpublished' },
      {
        now: env.ctx.now().toISOString(),
        expectedVersion: withdrawn.version,
        timeZone: env.ctx.config.site.timeZone,
      },
    );
    await createArticle(
      env.ctx.db,
      { headline: 'Draft story', body: paragraphs('x'), sectionId: fx.sections.russia, status: 'draft' },
      { now: env.ctx.now().toISOString(), timeZone: env.ctx.config.site.timeZone },
    );
  });
  afterAll(() => env?.close());

  it('names both sitemaps in robots.txt', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Sitemap: https://news.example.com/sitemap.xml');
    expect(lines).toContain('Sitemap: https://news.example.com/sitemap-news.xml');
  });

  it('serves a sitemap index of paged sitemaps', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const index = xml.parse(res.body).sitemapindex;
    expect(index['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const maps = asArray(index.sitemap) as any[];
    expect(maps.map((m) => m.loc)).toEqual([
      'https://news.example.com/sitemaps/pages-1.xml',
      'https://news.example.com/sitemaps/articles-1.xml',
    ]);
    // The newest change among the page's stories (the cup final, published last).
    expect(new Date(maps[1].lastmod).toISOString()).toBe(cup.updated_at);
  });

  it('lists public stories with image entries, and nothing else', async () => {
    const res = await get('/sitemaps/articles-1.xml');
    expect(res.statusCode).toBe(200);
    const set = xml.parse(res.body).urlset;
    expect(set['@xmlns:image']).toBe('http://www.google.com/schemas/sitemap-image/1.1');
    const urls = asArray(set.url) as any[];
    expect(urls.map((u) => u.loc)).toEqual(
      [old, nasty]
        .map((a) => `https://news.example.com${a.path}`)
        .concat([expect.stringContaining('/sports/')]),
    );
    for (const hidden of ['future-story', 'withdrawn-story', 'draft-story'])
      expect(res.body).not.toContain(hidden);
    expect(urls[1]['image:image']['image:loc']).toMatch(
      /^https:\/\/news\.example\.com\/media\/\d+\/1280\.jpg$/,
    );
    expect(urls[2]['image:image']).toBeUndefined();
    expect(new Date(urls[1].lastmod).getTime()).toBe(new Date(nasty.updated_at).getTime());
  });

  it('lists the home page, sections, and tags and authors that have public stories', async () => {
    const urls = (asArray(xml.parse((await get('/sitemaps/pages-1.xml')).body).urlset.url) as any[]).map(
      (u) => u.loc,
    );
    const base = 'https://news.example.com';
    expect(urls).toEqual(
      expect.arrayContaining([
        `${base}/`,
        `${base}/news`,
        `${base}/news/politics/russia`,
        `${base}/sports`,
        `${base}/tag/budget`,
        `${base}/author/anna-kovalenko`,
      ]),
    );
    // Only a future story carries this tag; Daniel has no stories.
    expect(urls).not.toContain(`${base}/tag/future-only`);
    expect(urls).not.toContain(`${base}/author/daniel-reyes`);
  });

  it('pages the article sitemap when there are more stories than fit', async () => {
    const index = asArray(xml.parse(await sitemapIndex(env.ctx, 2)).sitemapindex.sitemap) as any[];
    expect(index.map((m) => m.loc)).toEqual([
      'https://news.example.com/sitemaps/pages-1.xml',
      'https://news.example.com/sitemaps/pages-2.xml',
      'https://news.example.com/sitemaps/pages-3.xml',
      'https://news.example.com/sitemaps/pages-4.xml',
      'https://news.example.com/sitemaps/pages-5.xml',
      'https://news.example.com/sitemaps/articles-1.xml',
      'https://news.example.com/sitemaps/articles-2.xml',
    ]);
    const second = asArray(xml.parse((await articleSitemap(env.ctx, 2, 2))!).urlset.url) as any[];
    expect(second).toHaveLength(1);
    expect(await articleSitemap(env.ctx, 3, 2)).toBeNull();
    for (const url of [
      '/sitemaps/articles-9.xml',
      '/sitemaps/pages-9.xml',
      '/sitemaps/other.xml',
      '/sitemaps/articles-0.xml',
    ])
      expect((await get(url)).statusCode, url).toBe(404);
  });

  it('serves a Google News sitemap of the last 48 hours with the headline intact', async () => {
    const res = await get('/sitemap-news.xml');
    expect(res.statusCode).toBe(200);
    const set = xml.parse(res.body).urlset;
    expect(set['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls = asArray(set.url) as any[];
    expect(urls).toHaveLength(2);
    const item = urls.find((u) => u.loc.endsWith(nasty.path!));
    const news = item['news:news'];
    expect(news['news:publication']['news:name']).toBe('Masthead Test News');
    expect(news['news:publication']['news:language']).toBe('en');
    expect(news['news:title']).toBe(NASTY);
    expect(new Date(news['news:publication_date']).toISOString()).toBe(nasty.first_published_at);
    expect(res.body).not.toContain('Three days old');
    expect(res.body).not.toContain('Future story');
    expect(newsLanguage('zh-Hant-TW')).toBe('zh-tw');
    expect(newsLanguage('pt-BR')).toBe('pt');
  });

  it('serves an empty news sitemap when nothing was published in 48 hours', async () => {
    env.setNow(new Date(Date.now() + 30 * 24 * 3_600_000));
    try {
      const set = xml.parse((await get('/sitemap-news.xml')).body).urlset;
      expect(set['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      expect(set.url).toBeUndefined();
    } finally {
      env.setNow(new Date());
    }
  });

  it('lists topic pages of entities confirmed on public stories; a decision or a merge refreshes it', async () => {
    const now = () => env.ctx.now().toISOString();
    const pages = async () =>
      (asArray(xml.parse((await get('/sitemaps/pages-1.xml')).body).urlset.url) as any[]).map((u) => u.loc);
    const person = await createEntity(env.ctx.db, { type: 'person', name: 'Ali Shamkhani' }, now());
    const twin = await createEntity(env.ctx.db, { type: 'person', name: 'A. Shamkhani' }, now());
    const place = await createEntity(env.ctx.db, { type: 'place', name: 'Vilnius' }, now());
    /** A suggestion on a story, as extraction leaves it. */
    const suggest = async (articleId: number, entity: Entity) =>
      (
        await env.ctx.db
          .insertInto('article_entities')
          .values({
            article_id: articleId,
            key: `e:${entity.id}`,
            entity_id: entity.id,
            name: entity.name,
            type: entity.type,
            state: 'suggested',
            mentions: 1,
            first_offset: 0,
            snippet: '',
            decided_by: null,
            decided_at: null,
            updated_at: now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const base = 'https://news.example.com';
    expect(await pages()).not.toContain(`${base}/topics/ali-shamkhani`);
    const by = { state: 'confirmed' as const, by: 'test', now: now() };
    // Confirmed on a story not yet public: no page, not listed. Suggested only: not listed.
    await decideSuggestion(env.ctx.db, future.id, await suggest(future.id, place), by);
    await suggest(nasty.id, twin);
    // The cached sitemap goes with the decision (SITEMAPS is announced).
    await decideSuggestion(env.ctx.db, nasty.id, await suggest(nasty.id, person), by);
    let urls = await pages();
    expect(urls).toContain(`${base}/topics/ali-shamkhani`);
    expect(urls).not.toContain(`${base}/topics/vilnius`);
    expect(urls).not.toContain(`${base}/topics/a-shamkhani`);
    expect((await get('/topics/ali-shamkhani')).statusCode).toBe(200);
    // Merged away: its slug answers 301, the survivor is listed instead.
    await mergeEntities(env.ctx.db, person.id, twin.id, now());
    urls = await pages();
    expect(urls).not.toContain(`${base}/topics/ali-shamkhani`);
    expect(urls).toContain(`${base}/topics/a-shamkhani`);
  });

  it('answers conditional GETs with 304', async () => {
    const first = await get('/sitemap.xml');
    expect((await get('/sitemap.xml', { 'if-none-match': first.headers.etag as string })).statusCode).toBe(
      304,
    );
  });
});

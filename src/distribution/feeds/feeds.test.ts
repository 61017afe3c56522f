import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputOf, createArticle, updateArticle } from '../../content/index.js';
import type { ArticleRow } from '../../db/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';

/** A headline built to break careless XML and JSON writers. */
const NASTY = 'Tom & Jerry <b>"live"</b> it\'s ]]> twice ]]> 😀 &amp; done';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text' });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const htmlText = (html: string) => cheerio.load(`<div>${html}</div>`)('div').text();

describe.each(testDialects())('feeds on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let nasty: ArticleRow;
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    nasty = await fx.publish(
      { headline: NASTY, authorIds: [fx.authors.anna, fx.authors.daniel], tags: ['Budget', 'A <b> & c'] },
      3,
    );
    await fx.publish(
      { headline: 'Cup final', sectionId: fx.sections.sports, authorIds: [fx.authors.daniel] },
      2,
    );
    await fx.publish({ headline: 'Future story' }, -5);
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

  const hidden = ['Future story', 'Withdrawn story', 'Draft story'];

  it('serves RSS 2.0 with escaping intact, enclosures, media:content and no hidden stories', async () => {
    const res = await get('/feeds/all/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const doc = xml.parse(res.body);
    expect(doc.rss['@version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel.title).toBe('Masthead Test News');
    expect(channel.link).toBe('https://news.example.com/');
    expect(channel.language).toBe('en');
    const items = asArray(channel.item) as Record<string, any>[];
    const titles = items.map((i) => String(i.title));
    expect(titles).toEqual(['Cup final', NASTY]);
    for (const h of hidden) expect(res.body).not.toContain(h);
    const item = items[1]!;
    expect(item.link).toBe(`https://news.example.com${nasty.path}`);
    expect(item.guid['#text']).toBe(`https://news.example.com/api/content/v1/articles/${nasty.id}`);
    expect(new Date(item.pubDate).toISOString()).toBe(
      nasty.first_published_at!.replace(/\.\d{3}Z$/, '.000Z'),
    );
    expect(item['dc:creator']['#text']).toBe('Anna Kovalenko, Daniel Reyes');
    expect(asArray(item.category).map((c: any) => c['#text'])).toEqual(['Budget', 'A <b> & c']);
    expect(item.enclosure['@type']).toBe('image/jpeg');
    expect(item.enclosure['@url']).toMatch(/^https:\/\/news\.example\.com\/media\/\d+\/1280\.jpg$/);
    expect(item['media:content']['@medium']).toBe('image');
    expect(item['media:content']['@width']).toBe('1280');
    expect(item['media:content']['@height']).toBe('720');
    expect(htmlText(item.description)).toBe(`Body of ${NASTY}. A second paragraph.`);
    expect(item['content:encoded']).toBeUndefined();
  });

  it('serves Atom 1.0 whose html titles decode to the headline', async () => {
    const res = await get('/atom.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = xml.parse(res.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('https://news.example.com/feeds/all/atom.xml');
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const entries = asArray(feed.entry) as Record<string, any>[];
    const entry = entries.find((e) => e.id.endsWith(`/${nasty.id}`))!;
    expect(entry.title['@type']).toBe('html');
    expect(htmlText(entry.title['#text'])).toBe(NASTY);
    expect(asArray(entry.author).map((a: any) => a.name)).toEqual(['Anna Kovalenko', 'Daniel Reyes']);
    const links = asArray(entry.link) as any[];
    expect(links.find((l) => !l['@rel'])['@href']).toBe(`https://news.example.com${nasty.path}`);
    expect(links.find((l) => l['@rel'] === 'enclosure')['@href']).toContain('/1280.jpg');
    const cats = asArray(entry.category) as any[];
    expect(cats.map((c) => c['@term'])).toEqual(['budget', 'a-b-c']);
    // A label holding "<" cannot be written into an attribute by the library: it is left out.
    expect(cats.map((c) => c['@label'])).toEqual(['Budget', undefined]);
    for (const h of hidden) expect(res.body).not.toContain(h);
  });

  it('serves JSON Feed 1.1', async () => {
    const res = await get('/feed.json');
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.body);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Masthead Test News');
    expect(feed.home_page_url).toBe('https://news.example.com/');
    expect(feed.feed_url).toBe('https://news.example.com/feeds/all/feed.json');
    expect(feed.language).toBe('en');
    expect(feed.author).toBeUndefined();
    const item = feed.items.find((i: any) => i.id.endsWith(`/${nasty.id}`));
    expect(item.title).toBe(NASTY);
    expect(item.url).toBe(`https://news.example.com${nasty.path}`);
    expect(item.authors.map((a: any) => a.name)).toEqual(['Anna Kovalenko', 'Daniel Reyes']);
    expect(item.tags).toEqual(['Budget', 'A <b> & c']);
    expect(item.image).toContain('/1280.jpg');
    expect(htmlText(item.content_html)).toContain(`Body of ${NASTY}.`);
    expect(item.date_published).toBe(nasty.first_published_at);
    expect(feed.items.map((i: any) => i.title)).not.toEqual(expect.arrayContaining(hidden));
  });

  it('has full-content variants with the body HTML', async () => {
    const rss = xml.parse((await get('/feeds/all/rss-full.xml')).body).rss.channel;
    const item = (asArray(rss.item) as any[]).find((i) => String(i.title) === NASTY);
    const $ = cheerio.load(item['content:encoded']);
    expect($('p').first().text()).toBe(`Body of ${NASTY}.`);
    const atom = xml.parse((await get('/feeds/all/atom-full.xml')).body).feed;
    const entry = (asArray(atom.entry) as any[]).find((e) => e.id.endsWith(`/${nasty.id}`));
    expect(entry.content['@type']).toBe('html');
    expect(htmlText(entry.content['#text'])).toContain('A second paragraph.');
    const json = JSON.parse((await get('/feeds/all/feed-full.json')).body);
    expect(json.feed_url).toBe('https://news.example.com/feeds/all/feed-full.json');
    expect(json.items[1].content_html).toContain('<p>A second paragraph.</p>');
  });

  it('scopes feeds to a section with its descendants, a tag and an author', async () => {
    const titles = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      return (asArray(xml.parse(res.body).rss.channel.item) as any[]).map((i) => String(i.title));
    };
    expect(await titles('/feeds/section/news/rss.xml')).toEqual([NASTY]);
    expect(await titles('/feeds/section/news/politics/russia/rss.xml')).toEqual([NASTY]);
    expect(await titles('/feeds/section/sports/rss.xml')).toEqual(['Cup final']);
    expect(await titles('/feeds/tag/budget/rss.xml')).toEqual([NASTY]);
    expect(await titles('/feeds/author/daniel-reyes/rss.xml')).toEqual(['Cup final', NASTY]);
    expect(await titles('/feeds/author/anna-kovalenko/rss.xml')).toEqual([NASTY]);
    const section = JSON.parse((await get('/feeds/section/news/politics/feed.json')).body);
    expect(section.title).toBe('Politics | Masthead Test News');
    expect(section.home_page_url).toBe('https://news.example.com/news/politics');
  });

  it('serves an empty but valid feed for a scope without stories, and HEAD', async () => {
    const res = await get('/feeds/section/news/world/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['last-modified']).toBeUndefined();
    const channel = xml.parse(res.body).rss.channel;
    expect(channel.title).toBe('World | Masthead Test News');
    expect(channel.item).toBeUndefined();
    const head = await env.app.inject({ method: 'HEAD', url: '/feed.xml' });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe((await get('/feed.xml')).headers.etag);
  });

  it('answers 404 for unknown scopes and files, never 500', async () => {
    for (const url of [
      '/feeds/section/nowhere/rss.xml',
      '/feeds/section/news/feed.txt',
      '/feeds/section/rss.xml',
      '/feeds/tag/no-such-tag/rss.xml',
      '/feeds/tag/%3Cscript%3E/rss.xml',
      '/feeds/author/nobody/atom.xml',
      '/feeds/all/constructor',
      '/feeds/all/__proto__',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('<script>');
    }
  });

  it('answers conditional GETs with 304 and changes the ETag when a story is published', async () => {
    const first = await get('/feeds/all/rss.xml');
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    expect((await get('/feeds/all/rss.xml', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get('/feeds/all/rss.xml', { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
    expect((await get('/feeds/all/rss.xml', { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get('/feeds/all/rss.xml', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    const earlier = new Date(new Date(lastModified).getTime() - 60_000).toUTCString();
    expect((await get('/feeds/all/rss.xml', { 'if-modified-since': earlier })).statusCode).toBe(200);
    await fx.publish({ headline: 'Breaking: new story' }, 0.5);
    const after = await get('/feeds/all/rss.xml', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body).toContain('Breaking: new story');
  });

  it('links feeds from pages for autodiscovery', async () => {
    const $ = cheerio.load((await get('/')).body);
    const links = $('link[rel=alternate]')
      .map((_, l) => ({ type: $(l).attr('type'), href: $(l).attr('href') }))
      .get();
    expect(links).toEqual(
      expect.arrayContaining([
        { type: 'application/rss+xml', href: '/feeds/all/rss.xml' },
        { type: 'application/atom+xml', href: '/feeds/all/atom.xml' },
        { type: 'application/feed+json', href: '/feeds/all/feed.json' },
      ]),
    );
    const section = cheerio.load((await get('/news/politics')).body);
    expect(
      section('link[rel=alternate][type="application/rss+xml"]')
        .map((_, l) => section(l).attr('href'))
        .get(),
    ).toContain('/feeds/section/news/politics/rss.xml');
    const tag = cheerio.load((await get('/tag/budget')).body);
    expect(
      tag('link[rel=alternate][type="application/atom+xml"]')
        .map((_, l) => tag(l).attr('href'))
        .get(),
    ).toContain('/feeds/tag/budget/atom.xml');
    const author = cheerio.load((await get('/author/anna-kovalenko')).body);
    expect(
      author('link[rel=alternate][type="application/feed+json"]')
        .map((_, l) => author(l).attr('href'))
        .get(),
    ).toContain('/feeds/author/anna-kovalenko/feed.json');
    const article = cheerio.load((await get(nasty.path!)).body);
    expect(
      article('link[rel=alternate]')
        .map((_, l) => article(l).attr('href'))
        .get(),
    ).toEqual(expect.arrayContaining(['/feeds/all/rss.xml', '/feeds/section/news/politics/russia/rss.xml']));
  });
});

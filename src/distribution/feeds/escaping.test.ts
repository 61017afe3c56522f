import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection, setArticleVideo } from '../../content/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, seedFixture } from '../../test/fixtures.js';

/**
 * One escaping rule for every text field of every feed. A field its format defines as HTML
 * (RSS `<description>` of a channel or an item, Atom `type="html"`, JSON Feed `content_html`)
 * must show the newsroom's text as text: after the XML is decoded and the HTML parsed, the text
 * is there and none of its markup became an element. A plain-text field carries the text as is.
 */
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)><b>bold</b> & &amp; &lt;i&gt; ]]> "q" 'a'`;
const MARKUP = 'script, img[onerror], b, i';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  htmlEntities: false,
  isArray: (n) => n === 'item' || n === 'entry',
});
const asText = (v: unknown) =>
  typeof v === 'object' && v !== null ? String((v as { '#text'?: unknown })['#text'] ?? '') : String(v ?? '');

/** What a feed reader shows for an HTML field: the markup it would build, and the text. */
function asHtml(value: unknown) {
  const $ = cheerio.load(`<div id="field">${asText(value)}</div>`);
  return { elements: $('#field').find(MARKUP).length, text: $('#field').text() };
}

function expectHtmlField(where: string, value: unknown, contains: string) {
  const field = asHtml(value);
  expect(field.elements, `${where} builds markup from text: ${asText(value)}`).toBe(0);
  expect(field.text, where).toContain(contains);
}

describe.each(testDialects())('feed escaping with a hostile corpus on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let sectionPath: string;
  let tagSlug: string;
  let authorSlug: string;
  const get = (url: string) => env.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    env = await testEnv(dialect, { SITE_NAME: `Site ${HOSTILE}`, SITE_DESCRIPTION: `About ${HOSTILE}` });
    fx = await seedFixture(env.ctx, env.dir);
    const section = await createSection(
      env.ctx.db,
      {
        slug: 'hostile',
        name: `Sec ${HOSTILE}`,
        description: `Desc ${HOSTILE}`,
      },
      env.ctx.now().toISOString(),
    );
    sectionPath = section.path;
    await env.ctx.db
      .updateTable('authors')
      .set({ name: `Anna ${HOSTILE}`, bio: `Bio ${HOSTILE}` })
      .where('id', '=', fx.authors.anna)
      .execute();
    authorSlug = (
      await env.ctx.db
        .selectFrom('authors')
        .select('slug')
        .where('id', '=', fx.authors.anna)
        .executeTakeFirstOrThrow()
    ).slug;
    const story = await fx.publish(
      { headline: `Head ${HOSTILE}`, dek: `Dek ${HOSTILE}`, sectionId: section.id, tags: [`Tag ${HOSTILE}`] },
      2,
    );
    tagSlug = (
      await env.ctx.db
        .selectFrom('tags')
        .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
        .select('tags.slug')
        .where('article_tags.article_id', '=', story.id)
        .executeTakeFirstOrThrow()
    ).slug;
    await setArticleVideo(
      env.ctx.db,
      story.id,
      {
        sourceUrl: 'https://media.example.com/h/master.m3u8',
        durationSeconds: 60,
        quality: 'HD',
      },
      env.ctx.now().toISOString(),
    );
  });
  afterAll(() => env?.close());

  const scopes = () => [
    '/feeds/all',
    `/feeds/section/${sectionPath}`,
    `/feeds/tag/${tagSlug}`,
    `/feeds/author/${authorSlug}`,
  ];

  it('RSS: channel and item descriptions are text, titles and names are plain', async () => {
    for (const scope of scopes()) {
      for (const file of ['rss.xml', 'rss-full.xml']) {
        const res = await get(`${scope}/${file}`);
        expect(res.statusCode, `${scope}/${file}`).toBe(200);
        const channel = xml.parse(res.body).rss.channel;
        expectHtmlField(`${scope}/${file} channel description`, channel.description, HOSTILE);
        expect(asText(channel.title)).toContain(HOSTILE);
        const [item] = channel.item;
        expect(asText(item.title)).toBe(`Head ${HOSTILE}`);
        expectHtmlField(`${scope}/${file} item description`, item.description, `Dek ${HOSTILE}`);
        if (item['content:encoded'])
          expectHtmlField(`${scope}/${file} content`, item['content:encoded'], 'Body of Head');
        expect(asText(item['dc:creator'])).toContain(`Anna ${HOSTILE}`);
        expect(asText(item.category)).toBe(`Tag ${HOSTILE}`);
      }
    }
  });

  it('Atom: html-typed fields are text, plain ones plain', async () => {
    for (const scope of scopes()) {
      for (const file of ['atom.xml', 'atom-full.xml']) {
        const feed = xml.parse((await get(`${scope}/${file}`)).body).feed;
        expect(asText(feed.title)).toContain(HOSTILE);
        expect(asText(feed.subtitle)).toContain(HOSTILE);
        const [entry] = feed.entry;
        expect(entry.title['@type']).toBe('html');
        expectHtmlField(`${scope}/${file} entry title`, entry.title, `Head ${HOSTILE}`);
        expectHtmlField(`${scope}/${file} entry summary`, entry.summary, `Dek ${HOSTILE}`);
        if (entry.content) expectHtmlField(`${scope}/${file} entry content`, entry.content, 'Body of Head');
      }
    }
  });

  it('JSON Feed: plain fields plain, content_html is text', async () => {
    for (const scope of scopes()) {
      const feed = (await get(`${scope}/feed.json`)).json();
      expect(feed.description).toContain(HOSTILE);
      const [item] = feed.items;
      expect(item.title).toBe(`Head ${HOSTILE}`);
      expectHtmlField(`${scope}/feed.json content_html`, item.content_html, `Dek ${HOSTILE}`);
    }
  });

  it('Media RSS (/feeds/video.xml): channel and item descriptions are text, media fields plain', async () => {
    const res = await get('/feeds/video.xml');
    expect(res.statusCode).toBe(200);
    const channel = xml.parse(res.body).rss.channel;
    expectHtmlField('video channel description', channel.description, HOSTILE);
    const [item] = channel.item;
    expect(asText(item.title)).toBe(`Head ${HOSTILE}`);
    expectHtmlField('video item description', item.description, `Dek ${HOSTILE}`);
    expect(asText(item['media:content']['media:description'])).toBe(`Dek ${HOSTILE}`);
    expect(asText(item['media:content']['media:title'])).toBe(`Head ${HOSTILE}`);
  });
});

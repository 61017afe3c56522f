import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../content/articles.js';
import { createLiveStream, setArticleVideo, VideoError } from '../../content/index.js';
import { createList, deleteList } from '../../fronts/index.js';
import { type TestEnv, testEnv } from '../../test/context.js';
import { testDialects } from '../../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../../test/fixtures.js';
import { rokuFeed } from './roku.js';
import { loadCatalogue } from './video-catalogue.js';

const TRICKY = 'Q&A: <Budget> "deal" — it’s done 🎉';
const schema = (name: string) => JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
const validateRoku = ajv.compile(schema('roku.schema.json'));
const validateSearch = ajv.compile(schema('roku-search.schema.json'));

describe.each(testDialects())('video and TV feeds on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const ids: Record<string, number> = {};
  const paths: Record<string, string> = {};
  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    const add = async (
      key: string,
      row: { id: number; path: string | null },
      video: Parameters<typeof setArticleVideo>[2],
    ) => {
      ids[key] = row.id;
      paths[key] = row.path ?? '';
      await setArticleVideo(env.ctx.db, row.id, video, env.ctx.now().toISOString());
    };
    await add(
      'mp4Long',
      await fx.publish({ headline: 'Long MP4 without captions', dek: 'An hour-long debate.' }, 30),
      {
        sourceUrl: 'https://cdn.example.net/debate.mp4',
        durationSeconds: 20 * 60,
        quality: 'SD',
      },
    );
    await add(
      'special',
      await fx.publish({ headline: 'Cup final highlights', sectionId: fx.sections.sports }, 20),
      {
        sourceUrl: 'https://media.example.com/final/master.m3u8',
        durationSeconds: 18 * 60,
        quality: 'HD',
        captionsUrl: 'https://media.example.com/final/en.vtt',
        captionsLanguage: 'en',
      },
    );
    await add('hls', await fx.publish({ headline: TRICKY, dek: 'Dek with & and <b>', tags: ['Budget'] }, 2), {
      sourceUrl: 'https://media.example.com/deal/master.m3u8',
      durationSeconds: 11 * 60 + 4,
      quality: 'FHD',
      captionsUrl: 'https://media.example.com/deal/en.vtt',
      captionsLanguage: 'en',
    });
    const hidden = { sourceUrl: 'https://media.example.com/secret.m3u8', durationSeconds: 60 };
    const draft = await createArticle(
      env.ctx.db,
      { headline: 'Draft video', body: paragraphs('x'), sectionId: fx.sections.world, status: 'draft' },
      { now: env.ctx.now().toISOString(), timeZone: 'Europe/Prague' },
    );
    await add('draft', draft, hidden);
    await add('future', await fx.publish({ headline: 'Embargoed video' }, -5), hidden);
    const gone = await createArticle(
      env.ctx.db,
      {
        headline: 'Withdrawn video',
        body: paragraphs('x'),
        sectionId: fx.sections.world,
        status: 'unpublished',
      },
      { now: env.ctx.now().toISOString(), timeZone: 'Europe/Prague' },
    );
    await add('gone', gone, hidden);
    await add('plain', await fx.publish({ headline: 'No video here' }, 1), hidden);
    await env.ctx.db.deleteFrom('article_videos').where('article_id', '=', ids.plain!).execute();
    await createLiveStream(
      env.ctx.db,
      {
        slug: 'channel',
        title: `Live: ${TRICKY}`,
        hlsUrl: 'https://live.example.com/channel.m3u8',
        description: 'Rolling news.',
        posterMediaId: fx.image,
      },
      env.ctx.now().toISOString(),
    );
    await createLiveStream(
      env.ctx.db,
      {
        slug: 'off-air',
        title: 'Off air',
        hlsUrl: 'https://live.example.com/off.m3u8',
        active: false,
        posterMediaId: fx.image,
      },
      env.ctx.now().toISOString(),
    );
  });
  afterAll(() => env?.close());

  it('validates video and live stream input', async () => {
    const bad = async (input: object, message: RegExp) =>
      expect(
        setArticleVideo(env.ctx.db, ids.hls!, input as never, env.ctx.now().toISOString()),
      ).rejects.toThrow(message);
    await bad({ sourceUrl: 'javascript:alert(1)', durationSeconds: 5 }, /sourceUrl/);
    await bad({ sourceUrl: 'ftp://x.example/v.mp4', durationSeconds: 5 }, /sourceUrl/);
    await bad({ sourceUrl: 'https://x.example/watch?v=1', durationSeconds: 5 }, /kind/);
    await bad({ sourceUrl: 'https://x.example/v.mp4', durationSeconds: 0 }, /durationSeconds/);
    await bad({ sourceUrl: 'https://x.example/v.mp4', durationSeconds: 5, quality: '8K' }, /quality/);
    await bad(
      { sourceUrl: 'https://x.example/v.mp4', durationSeconds: 5, captionsUrl: 'https://x.example/c.vtt' },
      /captionsLanguage/,
    );
    await bad(
      { sourceUrl: 'https://x.example/v.mp4', durationSeconds: 5, posterMediaId: 99999 },
      /unknown media/,
    );
    await expect(
      setArticleVideo(
        env.ctx.db,
        99999,
        { sourceUrl: 'https://x.example/v.mp4', durationSeconds: 5 },
        env.ctx.now().toISOString(),
      ),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      createLiveStream(
        env.ctx.db,
        {
          slug: 'channel',
          title: 'Again',
          hlsUrl: 'https://live.example.com/x.m3u8',
        },
        env.ctx.now().toISOString(),
      ),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      createLiveStream(
        env.ctx.db,
        {
          slug: 'mp4',
          title: 'Not HLS',
          hlsUrl: 'https://live.example.com/x.mp4',
        },
        env.ctx.now().toISOString(),
      ),
    ).rejects.toThrow(VideoError);
  });

  it('shows an HTML5 player with captions in place of the lead image, and loads hls.js only there', async () => {
    const res = await get(paths.hls!);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    const video = $('article.story video');
    expect(video).toHaveLength(1);
    expect(video.attr('controls')).toBeDefined();
    expect(video.attr('poster')).toMatch(new RegExp(`^/media/${fx.image}/1280\\.jpg$`));
    expect(video.attr('data-hls')).toBe('https://media.example.com/deal/master.m3u8');
    expect(video.find('source').attr('type')).toBe('application/vnd.apple.mpegurl');
    expect(video.find('track').attr('kind')).toBe('captions');
    expect(video.find('track').attr('srclang')).toBe('en');
    expect(video.find('track').attr('src')).toBe('https://media.example.com/deal/en.vtt');
    expect($('.lead-image')).toHaveLength(0);
    expect($('script[src="/assets/hls.js"]')).toHaveLength(1);
    expect($('script[src="/assets/video-player.js"]')).toHaveLength(1);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("media-src 'self' blob: https://media.example.com");
    expect(csp).toContain("connect-src 'self' https://media.example.com");
    const ld = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get()
      .find((d) => d['@type'] === 'VideoObject');
    expect(ld).toMatchObject({
      name: TRICKY,
      duration: 'PT11M4S',
      contentUrl: 'https://media.example.com/deal/master.m3u8',
      thumbnailUrl: [`https://news.example.com/media/${fx.image}/1280.jpg`],
    });

    const mp4 = cheerio.load((await get(paths.mp4Long!)).body);
    expect(mp4('article.story video source').attr('type')).toBe('video/mp4');
    expect(mp4('script[src="/assets/hls.js"]')).toHaveLength(0);

    const plain = await get(paths.plain!);
    const p$ = cheerio.load(plain.body);
    expect(p$('video')).toHaveLength(0);
    expect(p$('.lead-image img')).toHaveLength(1);
    expect(p$('script[src="/assets/hls.js"]')).toHaveLength(0);
    expect(String(plain.headers['content-security-policy'])).not.toContain('media-src');
  });

  it('serves hls.js and the player script', async () => {
    const hls = await get('/assets/hls.js');
    expect(hls.statusCode).toBe(200);
    expect(hls.headers['content-type']).toContain('javascript');
    expect(hls.rawPayload.length).toBeGreaterThan(100_000);
    const gz = await get('/assets/hls.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(hls.rawPayload)).toBe(true);
    const player = await get('/assets/video-player.js');
    expect(player.body).toContain('attachMedia');
  });

  it('lists active live streams with players on /live', async () => {
    const res = await get('/live');
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    expect($('.live-stream h2').text()).toContain(`Live: ${TRICKY}`);
    expect($('.live-stream')).toHaveLength(1);
    expect($('.live-stream video').attr('data-hls')).toBe('https://live.example.com/channel.m3u8');
    expect($('script[src="/assets/hls.js"]')).toHaveLength(1);
    expect(String(res.headers['content-security-policy'])).toContain('https://live.example.com');
    expect(res.body).not.toContain('Off air');
  });

  it('serves /feeds/roku.json in the Direct Publisher format, valid against the schema', async () => {
    const res = await get('/feeds/roku.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const feed = JSON.parse(res.body);
    expect(validateRoku(feed), JSON.stringify(validateRoku.errors)).toBe(true);
    expect(feed).toMatchObject({ providerName: 'Masthead Test News', language: 'en' });
    const short = feed.shortFormVideos.map((v: { id: string }) => v.id);
    const specials = feed.tvSpecials.map((v: { id: string }) => v.id);
    expect(short).toEqual([`masthead-article-${ids.hls}`]);
    // Long without captions cannot be a TV special; the captioned long one is.
    expect(specials).toEqual([`masthead-article-${ids.special}`]);
    for (const hidden of ['draft', 'future', 'gone', 'mp4Long', 'plain'])
      expect(res.body).not.toContain(`masthead-article-${ids[hidden]}"`);
    const item = feed.shortFormVideos[0];
    expect(item.title).toBe(TRICKY);
    expect(item.thumbnail).toBe(`https://news.example.com/media/${fx.image}/1280.jpg`);
    expect(item.content.videos[0]).toEqual({
      url: 'https://media.example.com/deal/master.m3u8',
      quality: 'FHD',
      videoType: 'HLS',
    });
    expect(item.content.duration).toBe(664);
    expect(feed.liveFeeds.map((l: { title: string }) => l.title)).toEqual([`Live: ${TRICKY}`]);
    const playlistIds = new Set(feed.playlists.flatMap((p: { itemIds: string[] }) => p.itemIds));
    expect(playlistIds).toEqual(new Set([...short, ...specials]));
    expect(feed.categories.map((c: { name: string }) => c.name)).toEqual(['Latest', 'News', 'Sports']);
    // The schema has teeth: what Roku would reject, it rejects.
    const broken = (mutate: (f: typeof feed) => void) => {
      const copy = structuredClone(feed);
      mutate(copy);
      return validateRoku(copy);
    };
    expect(broken((f) => delete f.tvSpecials[0].content.captions)).toBe(false);
    expect(broken((f) => (f.shortFormVideos[0].content.videos[0].videoType = 'FLV'))).toBe(false);
    expect(broken((f) => (f.shortFormVideos[0].content.videos[0].videoType = 'MP4'))).toBe(false); // no bitrate
    expect(broken((f) => (f.shortFormVideos[0].shortDescription = 'x'.repeat(201)))).toBe(false);
    expect(broken((f) => (f.playlists[0].name = 'a playlist name that is too long'))).toBe(false);
    expect(broken((f) => (f.lastUpdated = '2026-11-29T01:00:00.000Z'))).toBe(false);
    // The thumbnail rendition really is at least 800×450.
    const thumb = await get(`/media/${fx.image}/1280.jpg`);
    expect(thumb.statusCode).toBe(200);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.width).toBeGreaterThanOrEqual(800);
    expect(meta.height).toBeGreaterThanOrEqual(450);
    const etag = String(res.headers.etag);
    expect((await get('/feeds/roku.json', { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('keeps the Roku feed under its size limit by dropping the oldest items', async () => {
    const cat = await loadCatalogue(env.ctx);
    const full = rokuFeed(cat);
    const limit = Buffer.byteLength(full) - 10;
    const cut = rokuFeed(cat, limit);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(limit);
    const feed = JSON.parse(cut);
    expect(validateRoku(feed)).toBe(true);
    // The special (older) went; the newest stayed.
    expect(feed.tvSpecials).toEqual([]);
    expect(feed.shortFormVideos.map((v: { id: string }) => v.id)).toEqual([`masthead-article-${ids.hls}`]);
  });

  it('serves the Roku Search feed, valid against the schema', async () => {
    const res = await get('/feeds/roku-search.json');
    const feed = JSON.parse(res.body);
    expect(validateSearch(feed), JSON.stringify(validateSearch.errors)).toBe(true);
    expect(feed.assets.map((a: { id: string }) => a.id)).toEqual([
      `masthead-article-${ids.hls}`,
      `masthead-article-${ids.special}`,
      `masthead-article-${ids.mp4Long}`,
    ]);
    expect(feed.assets[0].titles[0].value).toBe(TRICKY);
    expect(feed.assets[2].content.playOptions[0]).toMatchObject({ license: 'free', quality: 'sd' });
  });

  it('serves a Media RSS feed that parses, with media:content, thumbnails and intact text', async () => {
    const res = await get('/feeds/video.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/rss+xml');
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (n) => n === 'item',
    }).parse(res.body);
    expect(doc.rss['@version']).toBe('2.0');
    expect(doc.rss['@xmlns:media']).toBe('http://search.yahoo.com/mrss/');
    const items = doc.rss.channel.item;
    expect(items.map((i: { guid: { '#text': string } }) => i.guid['#text'])).toEqual([
      `masthead-article-${ids.hls}`,
      `masthead-article-${ids.special}`,
      `masthead-article-${ids.mp4Long}`,
    ]);
    const first = items[0];
    expect(first.title).toBe(TRICKY);
    // <description> is HTML to RSS readers: the dek is escaped for HTML, so it shows as text.
    expect(first.description).toBe('Dek with &amp; and &lt;b&gt;');
    expect(cheerio.load(`<div>${first.description}</div>`)('div').text()).toBe('Dek with & and <b>');
    expect(first.link).toBe(`https://news.example.com${paths.hls}`);
    const content = first['media:content'];
    expect(content).toMatchObject({
      '@url': 'https://media.example.com/deal/master.m3u8',
      '@type': 'application/vnd.apple.mpegurl',
      '@medium': 'video',
      '@duration': '664',
    });
    expect(content['media:title']['#text']).toBe(TRICKY);
    expect(content['media:thumbnail']['@url']).toBe(`https://news.example.com/media/${fx.image}/1280.jpg`);
    expect(content['media:thumbnail']['@width']).toBe('1280');
    expect(content['media:subTitle']['@href']).toBe('https://media.example.com/deal/en.vtt');
    expect(items[2]['media:content']['@type']).toBe('video/mp4');
    expect(res.body).not.toContain('secret.m3u8');
  });
  it('puts the curated home front first in the Roku feed: its lists as manual rows of their video stories', async () => {
    const by = { id: null, email: 'desk@example.com', label: 'test', now: env.ctx.now().toISOString() };
    await createList(
      env.ctx.db,
      {
        slug: 'home-watch',
        front: 'home',
        title: 'Watch now',
        definition: {
          source: { kind: 'video', sectionId: null },
          pins: [{ articleId: ids.special as number }],
          limit: 4,
          variant: 'video',
        },
      },
      by,
    );
    try {
      const feed = JSON.parse((await get('/feeds/roku.json')).body);
      expect(validateRoku(feed), JSON.stringify(validateRoku.errors)).toBe(true);
      expect(feed.categories[0]).toEqual({
        name: 'Watch now',
        playlistName: 'list-home-watch',
        order: 'manual',
      });
      const row = feed.playlists.find((p: { name: string }) => p.name === 'list-home-watch');
      expect(row.itemIds[0]).toBe(`masthead-article-${ids.special}`);
      // The automatic rows follow.
      expect(feed.categories.map((c: { name: string }) => c.name)).toContain('Latest');
    } finally {
      await deleteList(env.ctx.db, 'home-watch', 1, by);
    }
  });
});

import fs from 'node:fs';
import { Ajv } from 'ajv';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { seedDemoIfEmpty } from './seed.js';

const schema = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../distribution/feeds/${name}`, import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
const validateRoku = ajv.compile(schema('roku.schema.json'));
const validateSearch = ajv.compile(schema('roku-search.schema.json'));

describe.each(testDialects())('demo videos on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
    await seedDemoIfEmpty(env.ctx);
  });
  afterAll(() => env?.close());

  it('gives the demo newsroom three video stories and a live stream in every TV feed', async () => {
    const roku = JSON.parse((await env.app.inject('/feeds/roku.json')).body);
    expect(validateRoku(roku), JSON.stringify(validateRoku.errors)).toBe(true);
    expect(roku.shortFormVideos).toHaveLength(2);
    expect(roku.tvSpecials).toHaveLength(1);
    expect(roku.liveFeeds).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(roku))).toBeLessThan(500 * 1024);
    const search = JSON.parse((await env.app.inject('/feeds/roku-search.json')).body);
    expect(validateSearch(search), JSON.stringify(validateSearch.errors)).toBe(true);
    expect(search.assets).toHaveLength(3);
    const mrss = new XMLParser({ isArray: (n) => n === 'item' }).parse(
      (await env.app.inject('/feeds/video.xml')).body,
    );
    expect(mrss.rss.channel.item).toHaveLength(3);
  });

  it('shows the players on the demo video pages and the Live page', async () => {
    const live = cheerio.load((await env.app.inject('/live')).body);
    expect(live('.live-stream video')).toHaveLength(1);
    const path = (
      await env.ctx.db
        .selectFrom('articles')
        .select('path')
        .where('slug', '=', 'video-night-trains-return-to-europe')
        .executeTakeFirstOrThrow()
    ).path as string;
    const page = await env.app.inject(path);
    const $ = cheerio.load(page.body);
    expect($('article.story video track[kind=captions]')).toHaveLength(1);
    expect($('script[src="/assets/hls.js"]')).toHaveLength(1);
  });
});

/**
 * How library images reach readers: `<picture>` with AVIF and WebP sources over a JPEG
 * fallback, sizes and intrinsic dimensions, and the focal point as object-position.
 */
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addTestImage, type Fixture, seedFixture } from '../test/fixtures.js';
import { imageView } from './view.js';

describe('imageView', () => {
  it('offers AVIF and WebP at every width, a JPEG fallback, and the focal point', () => {
    const v = imageView({ id: 3, width: 1000, height: 500, alt: 'A', focal_x: 0.25, focal_y: 1 });
    expect(v.src).toBe('/media/3/960.jpg');
    expect(v.srcset).toBe(
      '/media/3/320.jpg 320w, /media/3/640.jpg 640w, /media/3/960.jpg 960w, /media/3/1280.jpg 1280w',
    );
    expect(v.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(v.sources[0]?.srcset).toContain('/media/3/640.avif 640w');
    expect(v.position).toBe('25% 100%');
    // Rows from before the focal point existed, or out-of-range values, centre the crop.
    expect(imageView({ id: 3, width: 10, height: 10, alt: '' }).position).toBe('50% 50%');
    expect(
      imageView({ id: 3, width: 10, height: 10, alt: '', focal_x: 7, focal_y: Number.NaN }).position,
    ).toBe('100% 50%');
  });
});

describe.each(testDialects())('images on public pages on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let path: string;
  let bodyImage: number;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await env.ctx.db
      .updateTable('media')
      .set({ focal_x: 0.2, focal_y: 0.7 })
      .where('id', '=', fx.image)
      .execute();
    bodyImage = (await addTestImage(env.ctx, env.dir, { alt: 'Library alt' }, { width: 800, height: 600 }))
      .id;
    const story = await fx.publish({
      headline: 'Harbour reopens after the storm',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Boats are back.' }] },
          { type: 'image', attrs: { mediaId: bodyImage, caption: 'The north pier.', credit: 'Jana Veselá' } },
        ],
      },
    });
    path = story.path as string;
  });
  afterAll(() => env?.close());

  it('renders the lead and body images as <picture> with sizes, dimensions and the focal point', async () => {
    const res = await env.app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    const lead = $('figure.lead-image picture');
    expect(
      lead
        .find('source')
        .map((_, el) => $(el).attr('type'))
        .get(),
    ).toEqual(['image/avif', 'image/webp']);
    expect(lead.find('source[type="image/avif"]').attr('srcset')).toContain(
      `/media/${fx.image}/1600.avif 1600w`,
    );
    expect(lead.find('source').first().attr('sizes')).toBe(lead.find('img').attr('sizes'));
    const img = lead.find('img');
    expect(img.attr('src')).toBe(`/media/${fx.image}/960.jpg`);
    expect(img.attr('srcset')).toContain('.jpg 640w');
    expect([img.attr('width'), img.attr('height')]).toEqual(['1600', '900']);
    expect(img.attr('style')).toBe('object-position: 20% 70%');

    const body = $('figure.body-image');
    expect(body.find('picture > source').length).toBe(2);
    expect(body.find('picture > source[type="image/webp"]').attr('srcset')).toContain(
      `/media/${bodyImage}/640.webp`,
    );
    expect(body.find('img').attr('alt')).toBe('Library alt');
    expect(body.find('img').attr('style')).toBe('object-position: 50% 50%');
    expect(body.find('figcaption').text()).toContain('The north pier.');
    // Every rendition a page names exists.
    const urls = new Set<string>();
    $('[srcset]').each((_, el) => {
      for (const c of ($(el).attr('srcset') ?? '').split(',')) urls.add(c.trim().split(/\s+/)[0] ?? '');
    });
    for (const url of [...urls].filter((u) => u.endsWith('.avif')).slice(0, 2)) {
      const r = await env.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
    }
  });

  it('keeps the focal point on cropped cards', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/news/politics/russia' });
    const $ = cheerio.load(res.body);
    expect($('.card-image img').first().attr('style')).toBe('object-position: 20% 70%');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNotice, createSection, raiseAlert, setArticleVideo } from '../content/index.js';
import type { ArticleRow } from '../db/index.js';
import type { Edition } from '../editions/index.js';
import { createList } from '../fronts/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { addEdition, type Fixture, seedFixture } from '../test/fixtures.js';

/**
 * What each edition distributes of its own (docs/editions.md): its TV feeds' rows from its own
 * curated home and its own alerts with everyone's; its corrections feed, in its language; its
 * corrections and live pages in the pages sitemap.
 */
describe.each(testDialects())('an edition’s distribution on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let es: Edition;
  let esVideo: ArticleRow;
  let frVideo: ArticleRow;
  let enVideo: ArticleRow;
  const json = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.json() as {
      language: string;
      categories: { name: string; playlistName: string; order: string }[];
      playlists: { name: string; itemIds: string[] }[];
      alerts?: { text: string }[];
    };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    const now = env.ctx.now().toISOString();
    es = await addEdition(env.ctx, {
      code: 'es',
      language: 'es',
      name: 'Noticias',
      timeZone: 'Europe/Madrid',
      prefix: 'es',
    });
    const fr = await addEdition(env.ctx, {
      code: 'fr',
      language: 'fr',
      name: 'Nouvelles',
      timeZone: 'Europe/Paris',
      prefix: 'fr',
    });
    // An edition on a host of its own: its pages' URLs name its host.
    await addEdition(env.ctx, {
      code: 'pt',
      language: 'pt',
      name: 'Notícias',
      timeZone: 'Europe/Lisbon',
      host: 'pt.example.com',
    });
    const mundo = await createSection(env.ctx.db, { slug: 'mundo', name: 'Mundo', editionId: es.id }, now);
    const monde = await createSection(env.ctx.db, { slug: 'monde', name: 'Monde', editionId: fr.id }, now);
    const video = (name: string) => ({
      sourceUrl: `https://media.example.com/${name}/master.m3u8`,
      durationSeconds: 90,
      quality: 'HD' as const,
    });
    enVideo = await fx.publish({ headline: 'Harbour cranes at dawn' }, 3);
    esVideo = await fx.publish({ headline: 'Grúas del puerto', sectionId: mundo.id }, 2);
    frVideo = await fx.publish({ headline: 'Les grues du port', sectionId: monde.id }, 2);
    for (const [row, name] of [
      [enVideo, 'en'],
      [esVideo, 'es'],
      [frVideo, 'fr'],
    ] as const)
      await setArticleVideo(env.ctx.db, row.id, video(name), now);
    const by = { id: null, email: 'desk@example.com', label: 'test', now };
    const watch = (front: string, slug: string, title: string, articleId: number) =>
      createList(
        env.ctx.db,
        {
          slug,
          front,
          title,
          definition: {
            source: { kind: 'video', sectionId: null },
            pins: [{ articleId }],
            limit: 4,
            variant: 'video',
          },
        },
        by,
      );
    // The default and the Spanish homes are curated, each with a row of its own; French is not.
    await watch('home', 'home-watch', 'Watch now', enVideo.id);
    await watch(`home@${es.id}`, 'es-videos', 'Vídeos', esVideo.id);
    const expiresAt = new Date(Date.parse(now) + 3_600_000).toISOString();
    await raiseAlert(env.ctx.db, { text: 'Alerta para España', expiresAt, editionId: es.id }, by);
    await raiseAlert(env.ctx.db, { text: 'English-only alert', expiresAt, editionId: 1 }, by);
    await raiseAlert(env.ctx.db, { text: 'Alert for everyone', expiresAt }, by);
    const notice = { by: 'test', now };
    await addNotice(
      env.ctx.db,
      esVideo.id,
      { kind: 'correction', text: 'Se corrigió el nombre del puerto.' },
      notice,
    );
    await addNotice(env.ctx.db, enVideo.id, { kind: 'clarification', text: 'The cranes are new.' }, notice);
  }, 120_000);
  afterAll(() => env?.close());

  const alertTexts = (feed: { alerts?: { text: string }[] }) => (feed.alerts ?? []).map((a) => a.text).sort();

  it('takes an edition’s TV rows from its own curated home, and carries its alerts and everyone’s', async () => {
    const own = await json('/feeds/edition/es/roku.json');
    expect(own.language).toBe('es');
    expect(own.categories[0]).toEqual({ name: 'Vídeos', playlistName: 'list-es-videos', order: 'manual' });
    expect(own.playlists[0]?.itemIds).toEqual([`masthead-article-${esVideo.id}`]);
    expect(own.playlists.some((p) => p.name === 'list-home-watch')).toBe(false);
    expect(alertTexts(own)).toEqual(['Alert for everyone', 'Alerta para España']);

    const site = await json('/feeds/roku.json');
    expect(site.categories[0]?.playlistName).toBe('list-home-watch');
    expect(site.playlists[0]?.itemIds).toEqual([`masthead-article-${enVideo.id}`]);
    expect(alertTexts(site)).toEqual(['Alert for everyone', 'English-only alert']);
  });

  it('keeps an uncurated edition’s TV feed automatic, with everyone’s alerts only', async () => {
    const fr = await json('/feeds/edition/fr/roku.json');
    expect(fr.playlists.map((p) => p.name)).toEqual(['latest', 'section-monde']);
    expect(fr.playlists[0]?.itemIds).toEqual([`masthead-article-${frVideo.id}`]);
    expect(alertTexts(fr)).toEqual(['Alert for everyone']);
  });

  it('gives an edition its corrections feed, in its language, named by its corrections page', async () => {
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    const own = await get('/feeds/edition/es/corrections.xml');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('<language>es</language>');
    expect(own.body).toContain('<title>Noticias: Correcciones</title>');
    expect(own.body).toContain('Corrección: Grúas del puerto');
    expect(own.body).toContain(`<link>https://news.example.com${esVideo.path}</link>`);
    expect(own.body).toContain('<link>https://news.example.com/es/corrections</link>');
    expect(own.body).not.toContain('The cranes are new');
    // The site's is the default edition's alone now that there are several.
    const site = await get('/corrections/feed.xml');
    expect(site.body).toContain('Clarification: Harbour cranes at dawn');
    expect(site.body).not.toContain('Grúas del puerto');
    for (const url of ['/feeds/edition/xx/corrections.xml', '/feeds/edition/en/corrections.xml'])
      expect((await get(url)).statusCode, url).toBe(404);
    const feedOf = (body: string) =>
      /<link[^>]+rel="alternate"[^>]+>/.exec(body.replace(/\n/g, ' '))?.[0] ?? '';
    const page = await get('/es/corrections');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/feeds/edition/es/corrections.xml"');
    expect(feedOf((await get('/corrections')).body)).toContain('/corrections/feed.xml');
  });

  it('lists each edition’s corrections and live pages in the pages sitemap, at its address', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/sitemaps/pages-1.xml' });
    expect(res.statusCode).toBe(200);
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const url of [
      'https://news.example.com/corrections',
      'https://news.example.com/es/corrections',
      'https://news.example.com/es/live',
      'https://news.example.com/fr/corrections',
      'https://news.example.com/fr/live',
      'https://pt.example.com/corrections',
      'https://pt.example.com/live',
    ])
      expect(locs, url).toContain(url);
    expect(locs).not.toContain('https://news.example.com/pt/corrections');
    expect(new Set(locs).size).toBe(locs.length);
  });
});

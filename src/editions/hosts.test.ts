/**
 * Editions on hosts of their own, and editions' own alternate addresses (docs/editions.md,
 * "Addresses"): served with no restart, cached apart from the site's pages (one copy per
 * edition), invalidated by a publish like any page, and named by their own host in canonical
 * URLs, hreflang, sitemaps, feeds, the Content API and /mirrors.json.
 */
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { editionsOf } from './index.js';

describe.each(testDialects())('editions at hosts of their own on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let admin: Session;
  let esId: number;
  let esStoryPath: string;

  const get = async (host: string, url: string) => {
    const res = await env.app.inject({ method: 'GET', url, headers: { host } });
    return { status: res.statusCode, cache: res.headers['x-cache'], body: res.body, res };
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    admin = await signIn(env.app, 'admin@example.com');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('serves an edition at its own host as soon as it is created, with its own home at /', async () => {
    // Unknown before: refused like any host nobody configured.
    expect((await get('es.example.com', '/')).status).toBe(421);
    const created = await call(env.app, admin, 'POST', '/editions', {
      code: 'es',
      language: 'es',
      name: 'Noticias Ejemplo',
      timeZone: 'Europe/Madrid',
      host: 'es.example.com',
    });
    expect(created.statusCode).toBe(201);
    esId = created.json().id;
    // No restart, and not listed among the site's alternate addresses.
    const es = await get('es.example.com', '/');
    expect(es.status).toBe(200);
    expect(es.cache).toBe('MISS');
    expect(es.body).toMatch(/<html lang="es"/);
    expect(es.body).toContain('Noticias Ejemplo');
    expect(es.body).toContain('<link rel="canonical" href="https://es.example.com/"');
    // The default edition at / on the primary: its own copy, never the edition's.
    const site = await get('news.example.com', '/');
    expect(site.status).toBe(200);
    expect(site.cache).toBe('MISS');
    expect(site.body).not.toContain('Noticias Ejemplo');
    expect(site.body).toContain('<link rel="canonical" href="https://news.example.com/"');
    // Both kept, apart; a port in the Host header changes nothing.
    const esAgain = await get('es.example.com:443', '/');
    expect(esAgain.cache).toBe('HIT');
    expect(esAgain.body).toContain('Noticias Ejemplo');
    const siteAgain = await get('news.example.com', '/');
    expect(siteAgain.cache).toBe('HIT');
    expect(siteAgain.body).not.toContain('Noticias Ejemplo');
    // Hosts nobody configured are still refused.
    expect((await get('fr.example.com', '/')).status).toBe(421);
  });

  it('answers hits before routing (on a real socket) from each host’s own copy', async () => {
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (env.app.server.address() as net.AddressInfo).port;
    const fetchAs = (host: string) =>
      new Promise<{ cache: string | undefined; body: string }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            body += c;
          });
          res.on('end', () => resolve({ cache: res.headers['x-cache'] as string | undefined, body }));
        });
        req.on('error', reject);
      });
    for (const round of [1, 2]) {
      const es = await fetchAs('es.example.com');
      const site = await fetchAs('news.example.com');
      expect(es.cache, `round ${round}`).toBe('HIT');
      expect(es.body).toContain('Noticias Ejemplo');
      expect(site.cache, `round ${round}`).toBe('HIT');
      expect(site.body).not.toContain('Noticias Ejemplo');
    }
  });

  it('drops both copies on a publish, and names the edition host in its story’s URLs', async () => {
    const now = env.ctx.now().toISOString();
    const mundo = await createSection(env.ctx.db, { slug: 'mundo', name: 'Mundo', editionId: esId }, now);
    expect(mundo.path).toBe('mundo');
    // Cached again after the section's change.
    await get('es.example.com', '/');
    await get('news.example.com', '/');
    expect((await get('es.example.com', '/')).cache).toBe('HIT');
    expect((await get('news.example.com', '/')).cache).toBe('HIT');
    const source = await fx.publish({ headline: 'Summit ends in Vienna' });
    const story = await fx.publish({ headline: 'Termina la cumbre', sectionId: mundo.id });
    esStoryPath = story.path as string;
    // The publish reaches both copies (tags are the same whatever the key).
    const es = await get('es.example.com', '/');
    expect(es.cache).toBe('MISS');
    expect(es.body).toContain('Termina la cumbre');
    const site = await get('news.example.com', '/');
    expect(site.cache).toBe('MISS');
    expect(site.body).toContain('Summit ends in Vienna');
    expect(site.body).not.toContain('Termina la cumbre');

    // Translations of each other: hreflang names each story's own host.
    await env.ctx.db
      .updateTable('articles')
      .set({ translation_group_id: source.id })
      .where('id', 'in', [source.id, story.id])
      .execute();
    env.ctx.cache.pages.clear();
    const page = await get('es.example.com', esStoryPath);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<link rel="canonical" href="https://es.example.com${esStoryPath}"`);
    expect(page.body).toContain(`<meta property="og:url" content="https://es.example.com${esStoryPath}"`);
    const sourcePage = await get('news.example.com', source.path as string);
    expect(sourcePage.body).toContain(`hreflang="es" href="https://es.example.com${esStoryPath}"`);
    expect(sourcePage.body).toContain(`hreflang="en" href="https://news.example.com${source.path}"`);

    const articles = (await get('news.example.com', '/sitemaps/articles-1.xml')).body;
    expect(articles).toContain(`<loc>https://es.example.com${esStoryPath}</loc>`);
    expect(articles).toContain(`<loc>https://news.example.com${source.path}</loc>`);
    expect(articles).not.toContain(`https://news.example.com${esStoryPath}`);
    expect(articles).toContain(`hreflang="es" href="https://es.example.com${esStoryPath}"`);
    const pages = (await get('news.example.com', '/sitemaps/pages-1.xml')).body;
    expect(pages).toContain('<loc>https://es.example.com/</loc>');
    expect(pages).toContain('<loc>https://es.example.com/mundo</loc>');
    expect(pages).toContain('<loc>https://news.example.com/</loc>');
    const news = (await get('news.example.com', '/sitemap-news.xml')).body;
    expect(news).toContain(`<loc>https://es.example.com${esStoryPath}</loc>`);

    const api = await env.app.inject({ method: 'GET', url: '/api/content/v1/articles?edition=es' });
    expect(api.json().data[0].url).toBe(`https://es.example.com${esStoryPath}`);
    const feed = (await get('news.example.com', '/feeds/edition/es/rss.xml')).body;
    expect(feed).toContain(`<link>https://es.example.com${esStoryPath}</link>`);
    expect(feed).toContain('<link>https://es.example.com/</link>');
  });

  it('gives an edition alternate addresses of its own, sharing its copies', async () => {
    const settings = async () => (await call(env.app, admin, 'GET', '/addresses')).json();
    const put = async (body: object) =>
      call(env.app, admin, 'PUT', '/addresses', { basedOn: (await settings()).updatedAt, apps: [], ...body });
    const mirror = 'https://es-mirror.example.net';
    // Refused, changing nothing: no such edition, the default edition, not an alternate, its own host.
    for (const bad of [
      { alternates: [mirror], editions: { [mirror]: 999 } },
      { alternates: [mirror], editions: { [mirror]: 1 } },
      { alternates: [], editions: { [mirror]: esId } },
      { alternates: ['https://es.example.com'], editions: { 'https://es.example.com': esId } },
    ]) {
      const res = await put(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await settings()).alternates).toEqual([]);
    expect((await get('es-mirror.example.net', '/')).status).toBe(421);

    const saved = await put({
      alternates: [mirror, 'https://mirror.example.org'],
      editions: { [mirror]: esId },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().editions).toEqual({ [mirror]: esId });
    expect((await editionsOf(env.ctx)).find((e) => e.id === esId)?.alternates).toEqual([mirror]);

    // The mirror is the edition, at root paths, and shares the edition host's copy.
    const there = await get('es-mirror.example.net', '/');
    expect(there.status).toBe(200);
    expect(there.cache).toBe('MISS');
    expect(there.body).toContain('Noticias Ejemplo');
    expect(there.body).toContain('<link rel="canonical" href="https://es.example.com/"');
    // The edition's footer lists its own addresses, not the site's.
    expect(there.body).toContain(`href="${mirror}/"`);
    expect(there.body).not.toContain('href="https://mirror.example.org/"');
    expect((await get('es.example.com', '/')).cache).toBe('HIT');
    expect((await get('es-mirror.example.net', esStoryPath)).body).toContain('Termina la cumbre');
    // The site's own alternate serves the site, in its footer with the primary.
    const site = await get('mirror.example.org', '/');
    expect(site.body).not.toContain('Noticias Ejemplo');
    expect(site.body).toContain('href="https://mirror.example.org/"');
    expect(site.body).not.toContain(`href="${mirror}/"`);

    const doc = JSON.parse((await get('news.example.com', '/mirrors.json')).body);
    expect(doc.alternates).toEqual(['https://mirror.example.org']);
    expect(doc.mirrors.map((m: { url: string }) => m.url)).toEqual([
      'https://news.example.com',
      'https://mirror.example.org',
    ]);
    expect(doc.editions).toEqual([
      expect.objectContaining({ code: 'default', url: 'https://news.example.com/', alternates: [] }),
      expect.objectContaining({ code: 'es', url: 'https://es.example.com/', alternates: [mirror] }),
    ]);
  });

  it('serves a prefixed edition at / on an address of its own', async () => {
    const fr = await call(env.app, admin, 'POST', '/editions', {
      code: 'fr',
      language: 'fr',
      name: 'Nouvelles Exemple',
      timeZone: 'Europe/Paris',
      prefix: 'fr',
    });
    expect(fr.statusCode).toBe(201);
    const current = (await call(env.app, admin, 'GET', '/addresses')).json();
    const res = await call(env.app, admin, 'PUT', '/addresses', {
      basedOn: current.updatedAt,
      apps: [],
      alternates: [...current.alternates, 'https://fr-mirror.example.net'],
      editions: { ...current.editions, 'https://fr-mirror.example.net': fr.json().id },
    });
    expect(res.statusCode).toBe(200);
    const home = await get('fr-mirror.example.net', '/');
    expect(home.status).toBe(200);
    expect(home.body).toMatch(/<html lang="fr"/);
    expect(home.body).toContain('Nouvelles Exemple');
    // The primary's / is still the site's.
    expect((await get('news.example.com', '/')).body).not.toContain('Nouvelles Exemple');
    expect((await get('news.example.com', '/fr')).body).toContain('Nouvelles Exemple');
  });
});

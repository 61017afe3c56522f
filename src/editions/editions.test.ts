import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, createSection, updateArticle } from '../content/index.js';
import type { Role } from '../db/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import { directionOf, editionsOf, resolveEdition, storyLanguage } from './index.js';

describe('edition rules', () => {
  it('derives the direction from the language', () => {
    for (const rtl of ['ar', 'fa', 'he', 'ur', 'ar-EG', 'fa-IR', 'az-Arab'])
      expect(directionOf(rtl)).toBe('rtl');
    for (const ltr of ['en', 'es', 'fr', 'ru', 'pt-BR', 'en-GB', 'ku-Latn'])
      expect(directionOf(ltr)).toBe('ltr');
  });
});

/** Editions, sections in them, permalinks with their prefix, Translate (docs/editions.md). */
describe.each(testDialects())('editions on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let admin: Session;
  let author: Session;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    await createRoleUsers(env.ctx);
    admin = await signIn(env.app, 'admin@example.com');
    author = await signIn(env.app, 'author@example.com');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has the site itself as the default edition, configured as before', async () => {
    const res = await call(env.app, author, 'GET', '/editions');
    expect(res.statusCode).toBe(200);
    expect(res.json().editions).toEqual([
      expect.objectContaining({
        id: 1,
        code: 'default',
        isDefault: true,
        language: 'en',
        direction: 'ltr',
        name: 'Masthead Test News',
        timeZone: 'Europe/Prague',
        prefix: null,
        home: '/',
      }),
    ]);
    const story = await fx.publish({ headline: 'Old story' });
    expect(story.edition_id).toBe(1);
    expect(await storyLanguage(env.ctx.db, env.ctx.config.site, story.id)).toBe('en');
  });

  it('creates editions without a restart and refuses bad input, changing nothing', async () => {
    const es = { code: 'es', language: 'es', name: 'Noticias', timeZone: 'America/Bogota', prefix: 'es' };
    expect((await call(env.app, author, 'POST', '/editions', es)).statusCode).toBe(403);
    for (const bad of [
      { ...es, language: 'not a language!' },
      { ...es, timeZone: 'Mars/Olympus' },
      { ...es, prefix: 'search' },
      { ...es, prefix: 'Es/' },
      { ...es, host: 'es.example.com' },
      { ...es, prefix: null },
      { ...es, extra: 1 },
    ]) {
      const res = await call(env.app, admin, 'POST', '/editions', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call(env.app, admin, 'POST', '/editions', { ...es, prefix: 'news' })).statusCode).toBe(409);
    expect((await editionsOf(env.ctx)).length).toBe(1);
    const created = await call(env.app, admin, 'POST', '/editions', es);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'es', direction: 'ltr', home: '/es' });
    const ar = await call(env.app, admin, 'POST', '/editions', {
      code: 'ar',
      language: 'ar',
      name: 'الأخبار',
      timeZone: 'Asia/Dubai',
      prefix: 'ar',
    });
    expect(ar.json()).toMatchObject({ direction: 'rtl' });
    expect((await call(env.app, admin, 'POST', '/editions', { ...es, code: 'es2' })).statusCode).toBe(409);
    // The resolver's cached list sees them at once.
    const editions = await editionsOf(env.ctx);
    expect(editions.map((e) => e.code)).toEqual(['default', 'es', 'ar']);
    expect(resolveEdition(editions, 'news.example.com', '/es/mundo').code).toBe('es');
    expect(resolveEdition(editions, 'news.example.com', '/esx').code).toBe('default');
    expect(resolveEdition(editions, 'news.example.com', '/ar').code).toBe('ar');
    expect(resolveEdition(editions, undefined, '/news/politics').code).toBe('default');
    const patched = await call(env.app, admin, 'PATCH', `/editions/${ar.json().id}`, {
      name: 'أخبار ماستهد',
    });
    expect(patched.json().name).toBe('أخبار ماستهد');
    expect((await call(env.app, admin, 'PATCH', '/editions/1', { prefix: 'en' })).statusCode).toBe(400);
    expect((await editionsOf(env.ctx)).find((e) => e.code === 'ar')?.name).toBe('أخبار ماستهد');
  });

  it('puts an edition’s sections and stories under its prefix, dated in its time zone', async () => {
    const es = (await editionsOf(env.ctx)).find((e) => e.code === 'es');
    const now = env.ctx.now().toISOString();
    const mundo = await createSection(env.ctx.db, { slug: 'world', name: 'Mundo', editionId: es?.id }, now);
    expect(mundo.path).toBe('es/world');
    const sub = await createSection(
      env.ctx.db,
      { slug: 'america', name: 'América', parentId: mundo.id },
      now,
    );
    expect(sub).toMatchObject({ path: 'es/world/america', edition_id: es?.id });
    const story = await createArticle(
      env.ctx.db,
      {
        headline: 'Elecciones',
        body: paragraphs('Texto.'),
        sectionId: sub.id,
        status: 'published',
        firstPublishedAt: '2026-12-01T03:00:00.000Z',
      },
      { now, timeZone: 'Europe/Prague' },
    );
    expect(story.edition_id).toBe(es?.id);
    // 03:00 UTC is still 30 November in Bogotá.
    expect(story.path).toBe('/es/world/america/2026/11/30/elecciones');
    expect(await storyLanguage(env.ctx.db, env.ctx.config.site, story.id)).toBe('es');
  });

  it('translates: a linked draft in another edition, one per edition', async () => {
    const source = await fx.publish({ headline: 'Summit ends', sectionId: fx.sections.world });
    const es = (await editionsOf(env.ctx)).find((e) => e.code === 'es');
    const ar = (await editionsOf(env.ctx)).find((e) => e.code === 'ar');
    const url = `/articles/${source.id}/translations`;
    expect((await call(env.app, admin, 'POST', url, { editionId: 1 })).statusCode).toBe(400);
    expect((await call(env.app, admin, 'POST', url, { editionId: 999 })).statusCode).toBe(400);
    // The Arabic edition has no sections yet.
    expect((await call(env.app, admin, 'POST', url, { editionId: ar?.id })).statusCode).toBe(400);
    const res = await call(env.app, admin, 'POST', url, { editionId: es?.id });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({ headline: 'Summit ends', status: 'draft' });
    // Same slug in the Spanish tree: its "world".
    const row = await env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.edition_id).toBe(es?.id);
    expect(row.translation_group_id).toBe(source.id);
    expect(JSON.parse(row.body)).toEqual(JSON.parse(source.body));
    expect((await call(env.app, admin, 'POST', url, { editionId: es?.id })).statusCode).toBe(409);
    const listed = await call(env.app, admin, 'GET', url);
    expect(listed.json().translations).toEqual([
      expect.objectContaining({ articleId: draft.id, language: 'es', status: 'draft' }),
    ]);
    const back = await call(env.app, admin, 'GET', `/articles/${draft.id}/translations`);
    expect(back.json().translations).toEqual([
      expect.objectContaining({ articleId: source.id, language: 'en' }),
    ]);
    // A translated story stays in its edition.
    const esWorld = await env.ctx.db
      .selectFrom('sections')
      .select('id')
      .where('path', '=', 'es/world')
      .executeTakeFirstOrThrow();
    await expect(
      updateArticle(
        env.ctx.db,
        source.id,
        { headline: 'Summit ends', body: JSON.parse(source.body), sectionId: esWorld.id },
        { expectedVersion: source.version, now: env.ctx.now().toISOString(), timeZone: 'UTC' },
      ),
    ).rejects.toThrow(/stays in its edition/);
  });

  it('keeps roles in place', async () => {
    const roles: Role[] = ['author'];
    for (const role of roles) {
      const res = await call(env.app, author, 'PATCH', '/editions/1', { name: 'x' });
      expect(res.statusCode, role).toBe(403);
    }
  });
});

/** A newsroom that only ever publishes in Arabic: no editions to add, the site is right to left. */
describe('a single-language right-to-left site', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv('sqlite', { SITE_LANGUAGE: 'ar' });
    await seedFixture(env.ctx, env.dir);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('says so in <html lang dir> and speaks its catalogue', async () => {
    const html = (await env.app.inject({ method: 'GET', url: '/' })).body;
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('انتقل إلى المحتوى');
  });
});

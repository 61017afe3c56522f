/**
 * Curated fronts per edition: each edition's home is a front of its own (`home@ID`), automatic
 * until someone stores lists for it; its pins are its own stories; editing it drops its pages
 * only; its scheduled versions and expiring pins run as the default's do.
 */
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onContentChange } from '../cache/index.js';
import { createSection, loadSectionTree } from '../content/index.js';
import { createEdition, type Edition } from '../editions/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, seedFixture } from '../test/fixtures.js';
import { applyDueListChanges, createList, type FrontWriter, resolveListBySlug, saveList } from './index.js';

describe.each(testDialects())('edition fronts on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let by: FrontWriter;
  let es: Edition;
  let esHome: string;
  let mundo: number;
  const ids: Record<string, number> = {};

  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { status: res.statusCode, cache: res.headers['x-cache'], $: cheerio.load(res.body) };
  };
  const headlines = async (url: string) => {
    const { $ } = await get(url);
    return $('main .card-headline')
      .map((_, h) => $(h).text())
      .get();
  };
  const isCached = async (url: string) => (await get(url)).cache === 'HIT';
  const now = () => env.ctx.now().toISOString();

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    es = await createEdition(
      env.ctx.db,
      env.ctx.config.site,
      { code: 'es', language: 'es', name: 'Noticias', timeZone: 'Europe/Madrid', prefix: 'es' },
      now(),
    );
    esHome = `home@${es.id}`;
    mundo = (await createSection(env.ctx.db, { slug: 'mundo', name: 'Mundo', editionId: es.id }, now())).id;
    for (const [name, sectionId, hours] of [
      ['Russia one', fx.sections.russia, 1],
      ['Mundo uno', mundo, 2],
      ['Mundo dos', mundo, 3],
      ['Mundo tres', mundo, 4],
    ] as const) {
      ids[name] = (await fx.publish({ headline: name, sectionId }, hours)).id;
    }
    by = { id: null, email: 'desk@example.com', label: 'test', now: now() };
  });
  afterAll(() => env?.close());

  it("draws an uncurated edition's home as its automatic front, its own stories only", async () => {
    expect(await headlines('/es')).toEqual(['Mundo uno', 'Mundo dos', 'Mundo tres']);
    expect(await headlines('/')).not.toContain('Mundo uno');
  });

  it("curates an edition's home: its pick leads, the default edition's home is untouched", async () => {
    await createList(
      env.ctx.db,
      {
        slug: 'es-portada',
        front: esHome,
        definition: {
          source: { kind: 'latest' },
          pins: [{ articleId: ids['Mundo tres'] as number, slot: 1 }],
          limit: 3,
          variant: 'lead',
        },
      },
      by,
    );
    expect(await headlines('/es')).toEqual(['Mundo tres', 'Mundo uno', 'Mundo dos']);
    expect((await headlines('/'))[0]).toBe('Russia one');
  });

  it("answers an edition's list by its slug over that edition's stories (the Content API's read)", async () => {
    const full = await loadSectionTree(env.ctx.db);
    const list = await resolveListBySlug(env.ctx.db, full, 'es-portada', now());
    expect(list?.front).toBe(esHome);
    expect(list?.stories.map((s) => s.id)).toEqual(
      ['Mundo tres', 'Mundo uno', 'Mundo dos'].map((n) => ids[n]),
    );
  });

  it('refuses a pick or a section of another edition, and a front no edition has, with a 400', async () => {
    const pinOf = (articleId: number) => ({ source: { kind: 'manual' as const }, pins: [{ articleId }] });
    await expect(
      createList(
        env.ctx.db,
        { slug: 'es-bad', front: esHome, definition: pinOf(ids['Russia one'] as number) },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'definition.pins.0.articleId' });
    await expect(
      createList(
        env.ctx.db,
        { slug: 'en-bad', front: 'home', definition: pinOf(ids['Mundo uno'] as number) },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'definition.pins.0.articleId' });
    await expect(
      createList(
        env.ctx.db,
        {
          slug: 'es-bad',
          front: esHome,
          definition: { source: { kind: 'section', sectionId: fx.sections.sports } },
        },
        by,
      ),
    ).rejects.toMatchObject({ status: 400, field: 'definition.source.sectionId' });
    for (const front of ['home@1', 'home@999'])
      await expect(
        createList(env.ctx.db, { slug: 'es-bad', front, definition: { source: { kind: 'latest' } } }, by),
      ).rejects.toMatchObject({ status: 400, field: 'front' });
    const rows = await env.ctx.db.selectFrom('front_lists').select('slug').execute();
    expect(rows.map((r) => r.slug)).toEqual(['es-portada']);
  });

  it("drops only the edited edition's home from the page cache", async () => {
    await get('/');
    await get('/es');
    expect(await isCached('/')).toBe(true);
    expect(await isCached('/es')).toBe(true);
    await saveList(
      env.ctx.db,
      'es-portada',
      {
        version: 1,
        title: '',
        definition: {
          source: { kind: 'latest' },
          pins: [{ articleId: ids['Mundo dos'] as number, slot: 1 }],
          limit: 3,
          variant: 'lead',
        },
      },
      by,
    );
    expect(await isCached('/es')).toBe(false);
    expect(await isCached('/')).toBe(true);
    expect((await headlines('/es'))[0]).toBe('Mundo dos');
    // A list added to the edition's home changes its layout: again its home alone.
    await get('/es');
    await createList(
      env.ctx.db,
      { slug: 'es-mundo', front: esHome, definition: { source: { kind: 'section', sectionId: mundo } } },
      by,
    );
    expect(await isCached('/es')).toBe(false);
    expect(await isCached('/')).toBe(true);
  });

  it('refuses the second of two saves of the same version with 409', async () => {
    const save = (title: string) =>
      saveList(env.ctx.db, 'es-mundo', { version: 1, title, definition: { source: { kind: 'latest' } } }, by);
    const settled = await Promise.allSettled([save('A'), save('B')]);
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ status: 409 });
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .select('version')
      .where('slug', '=', 'es-mundo')
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
  });

  it("expires an edition's pin and takes over its scheduled version at their times, its home alone", async () => {
    const t = Date.parse(now());
    const later = (ms: number) => new Date(t + ms).toISOString();
    await saveList(
      env.ctx.db,
      'es-portada',
      {
        version: 2,
        title: '',
        definition: {
          source: { kind: 'latest' },
          pins: [{ articleId: ids['Mundo tres'] as number, slot: 1, expiresAt: later(3_600_000) }],
          limit: 3,
          variant: 'lead',
        },
        scheduled: {
          at: later(7_200_000),
          definition: { source: { kind: 'manual' }, pins: [{ articleId: ids['Mundo dos'] as number }] },
        },
      },
      by,
    );
    expect((await headlines('/es'))[0]).toBe('Mundo tres');
    await get('/');
    const heard: string[][] = [];
    const off = onContentChange((tags) => heard.push(tags));
    try {
      expect(await applyDueListChanges(env.ctx.db, later(3_700_000))).toBe(1);
      expect(heard).toEqual([['front-list:es-portada']]);
      expect(await isCached('/')).toBe(true);
      expect((await headlines('/es'))[0]).toBe('Mundo uno');
      expect(await applyDueListChanges(env.ctx.db, later(7_300_000))).toBe(1);
    } finally {
      off();
    }
    const row = await env.ctx.db
      .selectFrom('front_lists')
      .selectAll()
      .where('slug', '=', 'es-portada')
      .executeTakeFirstOrThrow();
    expect(row.front).toBe(esHome);
    expect(row.scheduled).toBeNull();
    expect(JSON.parse(row.definition).pins).toEqual([
      { articleId: ids['Mundo dos'], slot: null, expiresAt: null },
    ]);
  });

  it("lists each edition's fronts with its language and direction in the newsroom API", async () => {
    await createRoleUsers(env.ctx);
    const editor: Session = await signIn(env.app, 'editor@example.com');
    const body = (await call(env.app, editor, 'GET', '/fronts')).json();
    expect(body.editions).toContainEqual(
      expect.objectContaining({ id: es.id, code: 'es', language: 'es', direction: 'ltr', isDefault: false }),
    );
    const mine = body.fronts.filter((f: { editionId: number }) => f.editionId === es.id);
    expect(mine.map((f: { key: string; path: string }) => [f.key, f.path])).toEqual([
      [esHome, '/es'],
      [`section:${mundo}`, '/es/mundo'],
    ]);
    expect(body.fronts[0]).toMatchObject({ key: 'home', path: '/' });
    const front = (await call(env.app, editor, 'GET', `/fronts/${esHome}`)).json();
    expect(front.lists.map((l: { slug: string }) => l.slug)).toEqual(['es-portada', 'es-mundo']);
    const preview = (await call(env.app, editor, 'GET', `/fronts/${esHome}/preview`)).json();
    expect(preview.lists[0].stories.map((s: { headline: string }) => s.headline)).toContain('Mundo dos');
    expect((await call(env.app, editor, 'GET', '/fronts/home@999')).statusCode).toBe(400);
  });
});

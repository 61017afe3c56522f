import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/index.js';
import type { ArticleRow, Role } from '../db/index.js';
import { extractStory } from '../knowledge/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import ninjsSchema from '../distribution/api/ninjs-2.schema.json' with { type: 'json' };
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

/** The registry and a story's entity suggestions through the newsroom API (docs/newsroom-api.md). */
describe.each(testDialects())('entities in the newsroom API on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  let users: Record<Role, number>;
  const as: Partial<Record<Role, Session>> = {};
  let authorsStory: ArticleRow;
  let othersStory: ArticleRow;
  const s = (role: Role) => as[role] as Session;
  // No NLP library in this test: the registry alone, so the suggestions are exactly known.
  const noNlp = () => [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    users = await createRoleUsers(env.ctx);
    for (const role of ['editor', 'author', 'contributor'] as Role[])
      as[role] = await signIn(env.app, `${role}@example.com`);
    const at = env.ctx.now().toISOString();
    const story = (headline: string, createdBy: number) =>
      createArticle(
        env.ctx.db,
        {
          headline,
          body: paragraphs('NATO envoys met in Vilnius. NATO said the alliance would stay.'),
          sectionId: fx.sections.world,
          status: 'draft',
        },
        { now: at, timeZone: 'UTC', createdBy },
      );
    authorsStory = await story('NATO summit', users.author);
    othersStory = await story('NATO summit, the editor’s', users.editor);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lets editors manage the registry and refuses writers', async () => {
    const body = {
      type: 'organisation',
      name: 'NATO',
      description: 'North Atlantic Treaty Organization',
      wikidataQid: 'Q7184',
      sameAs: ['https://www.nato.int/'],
      aliases: [{ alias: 'North Atlantic Treaty Organization' }, { alias: 'НАТО', language: 'rus' }],
    };
    expect((await call(env.app, s('author'), 'POST', '/entities', body)).statusCode).toBe(403);
    for (const bad of [
      { ...body, type: 'planet' },
      { ...body, name: '' },
      { ...body, wikidataQid: 'nato' },
      { ...body, sameAs: ['javascript:alert(1)'] },
      { ...body, extra: 1 },
    ]) {
      expect(
        (await call(env.app, s('editor'), 'POST', '/entities', bad)).statusCode,
        JSON.stringify(bad),
      ).toBe(400);
    }
    const created = await call(env.app, s('editor'), 'POST', '/entities', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'NATO', slug: 'nato', wikidataQid: 'Q7184' });
    const place = await call(env.app, s('editor'), 'POST', '/entities', { type: 'place', name: 'Vilnius' });
    expect(place.statusCode).toBe(201);

    const found = await call(env.app, s('author'), 'GET', '/entities?q=%D0%BD%D0%B0%D1%82%D0%BE');
    expect(found.json().entities.map((e: { name: string }) => e.name)).toEqual(['NATO']);

    const patched = await call(env.app, s('editor'), 'PATCH', `/entities/${created.json().id}`, {
      description: 'The alliance',
    });
    expect(patched.json().description).toBe('The alliance');
    expect(
      (await call(env.app, s('author'), 'PATCH', `/entities/${created.json().id}`, { name: 'X' })).statusCode,
    ).toBe(403);
  });

  it('returns the story’s entities with its detail; the writer confirms and rejects on their own story', async () => {
    for (const story of [authorsStory, othersStory])
      await extractStory(env.ctx.db, story.id, env.ctx.now().toISOString(), { recognise: noNlp });
    const detail = await call(env.app, s('author'), 'GET', `/articles/${authorsStory.id}`);
    expect(detail.statusCode).toBe(200);
    const entities = detail.json().entities as {
      id: number;
      name: string;
      type: string;
      state: string;
      mentions: number;
    }[];
    expect(entities.map((e) => [e.name, e.type, e.state, e.mentions]).sort()).toEqual([
      ['NATO', 'organisation', 'suggested', 3],
      ['Vilnius', 'place', 'suggested', 1],
    ]);
    const nato = entities.find((e) => e.name === 'NATO')!;
    const vilnius = entities.find((e) => e.name === 'Vilnius')!;
    const confirm = await call(
      env.app,
      s('author'),
      'POST',
      `/articles/${authorsStory.id}/entities/${nato.id}/confirm`,
    );
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ name: 'NATO', state: 'confirmed' });
    expect(
      (await call(env.app, s('author'), 'POST', `/articles/${authorsStory.id}/entities/${vilnius.id}/reject`))
        .statusCode,
    ).toBe(200);
    const after = await call(env.app, s('author'), 'GET', `/articles/${authorsStory.id}`);
    expect(after.json().entities.map((e: { name: string; state: string }) => [e.name, e.state])).toEqual([
      ['NATO', 'confirmed'],
    ]);
    const withRejected = await call(
      env.app,
      s('author'),
      'GET',
      `/articles/${authorsStory.id}/entities?rejected=true`,
    );
    expect(withRejected.json().entities).toHaveLength(2);
    // Extracted by hand above; the queue (which the job works off) still holds the new story.
    expect(withRejected.json().extracting).toBe(true);
    await env.ctx.db
      .deleteFrom('entity_extraction_queue')
      .where('article_id', '=', authorsStory.id)
      .execute();
    expect(
      (await call(env.app, s('author'), 'GET', `/articles/${authorsStory.id}/entities`)).json().extracting,
    ).toBe(false);

    // A decision taken back is a suggestion again; a bad link id is a 400, another story's a 404.
    const reopened = await call(
      env.app,
      s('author'),
      'POST',
      `/articles/${authorsStory.id}/entities/${vilnius.id}/reopen`,
    );
    expect(reopened.json()).toMatchObject({ name: 'Vilnius', state: 'suggested' });
    expect(
      (await call(env.app, s('author'), 'POST', `/articles/${authorsStory.id}/entities/x/reopen`)).statusCode,
    ).toBe(400);
    await call(env.app, s('author'), 'POST', `/articles/${authorsStory.id}/entities/${vilnius.id}/reject`);

    // Someone else's story: a writer may not even read it; a link of another story is not found.
    const others = (await call(env.app, s('editor'), 'GET', `/articles/${othersStory.id}`)).json().entities;
    expect(
      (
        await call(
          env.app,
          s('author'),
          'POST',
          `/articles/${othersStory.id}/entities/${others[0].id}/confirm`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(env.app, s('editor'), 'POST', `/articles/${othersStory.id}/entities/${nato.id}/confirm`))
        .statusCode,
    ).toBe(404);
  });

  it('links a suggestion to an existing entity, and merges entities with their links', async () => {
    const editor = s('editor');
    const others = (await call(env.app, editor, 'GET', `/articles/${othersStory.id}`)).json().entities as {
      id: number;
      name: string;
    }[];
    const vilnius = others.find((e) => e.name === 'Vilnius')!;
    const city = await call(env.app, editor, 'POST', '/entities', {
      type: 'place',
      name: 'Vilnius (city)',
      description: 'Capital of Lithuania',
    });
    const linked = await call(
      env.app,
      editor,
      'POST',
      `/articles/${othersStory.id}/entities/${vilnius.id}/link`,
      {
        entityId: city.json().id,
      },
    );
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({
      name: 'Vilnius (city)',
      state: 'confirmed',
      entityId: city.json().id,
    });

    const old = (await call(env.app, editor, 'GET', '/entities?q=vilnius&type=place'))
      .json()
      .entities.find((e: { name: string }) => e.name === 'Vilnius');
    const merged = await call(env.app, editor, 'POST', `/entities/${old.id}/merge`, { into: city.json().id });
    expect(merged.statusCode).toBe(200);
    expect((await call(env.app, editor, 'GET', `/entities/${old.id}`)).json().mergedInto).toBe(
      city.json().id,
    );
    // The author's rejected Vilnius moved to the survivor, still rejected.
    const mine = await call(
      env.app,
      s('author'),
      'GET',
      `/articles/${authorsStory.id}/entities?rejected=true`,
    );
    expect(mine.json().entities.find((e: { entityId: number }) => e.entityId === city.json().id)?.state).toBe(
      'rejected',
    );
    expect(
      (await call(env.app, editor, 'POST', `/entities/${old.id}/merge`, { into: old.id })).statusCode,
    ).toBe(400);
  });
  it('splits an entity: the aliases and story links named move to a new one, with history on both', async () => {
    const editor = s('editor');
    const at = env.ctx.now().toISOString();
    const georgia = (
      await call(env.app, editor, 'POST', '/entities', {
        type: 'place',
        name: 'Georgia',
        aliases: [{ alias: 'Sakartvelo' }, { alias: 'Peach State' }],
      })
    ).json();
    const stories: number[] = [];
    for (const text of [
      'Georgia held elections in Tbilisi.',
      'Georgia, the Peach State, voted in Atlanta.',
    ]) {
      const story = await createArticle(
        env.ctx.db,
        { headline: 'Vote', body: paragraphs(text), sectionId: fx.sections.world, status: 'draft' },
        { now: at, timeZone: 'UTC', createdBy: users.editor },
      );
      await extractStory(env.ctx.db, story.id, at, { recognise: noNlp });
      const link = (await call(env.app, editor, 'GET', `/articles/${story.id}/entities`))
        .json()
        .entities.find((e: { entityId: number }) => e.entityId === georgia.id);
      await call(env.app, editor, 'POST', `/articles/${story.id}/entities/${link.id}/confirm`);
      stories.push(story.id);
    }
    const split = (body: unknown, who = editor) =>
      call(env.app, who, 'POST', `/entities/${georgia.id}/split`, body);
    const count = async () =>
      Number(
        (
          await env.ctx.db
            .selectFrom('entities')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const good = { name: 'Georgia (US state)', aliases: ['peach state'], articleIds: [stories[1]] };
    expect((await split(good, s('author'))).statusCode).toBe(403);
    for (const bad of [
      { name: 'Georgia (US state)' },
      { ...good, aliases: ['Atlantis'] },
      { ...good, aliases: ['Georgia'] },
      { ...good, articleIds: [authorsStory.id] },
      { ...good, articleIds: ['x'] },
      { ...good, extra: true },
      { ...good, name: '' },
    ]) {
      const res = await split(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await count()).toBe(before);

    const done = await split(good);
    expect(done.statusCode).toBe(201);
    const { from, into } = done.json();
    expect(into).toMatchObject({ name: 'Georgia (US state)', type: 'place' });
    expect(into.aliases.map((a: { alias: string }) => a.alias)).toEqual([
      'Georgia (US state)',
      'Peach State',
    ]);
    expect(from.aliases.map((a: { alias: string }) => a.alias)).toEqual(['Georgia', 'Sakartvelo']);
    const linkOf = async (articleId: number) =>
      (await call(env.app, editor, 'GET', `/articles/${articleId}/entities`)).json().entities[0];
    expect(await linkOf(stories[1]!)).toMatchObject({
      entityId: into.id,
      name: 'Georgia (US state)',
      state: 'confirmed',
    });
    expect(await linkOf(stories[0]!)).toMatchObject({ entityId: georgia.id, state: 'confirmed' });

    // History: the split on both entities, with what moved and who did it.
    for (const id of [georgia.id, into.id]) {
      const history = (await call(env.app, editor, 'GET', `/entities/${id}/history`)).json().history;
      expect(history).toEqual([
        expect.objectContaining({
          action: 'entity.split',
          by: 'editor@example.com',
          from: georgia.id,
          into: into.id,
          aliases: ['Peach State'],
          articleIds: [stories[1]],
        }),
      ]);
    }
    // A merge is history too.
    await call(env.app, editor, 'POST', `/entities/${into.id}/merge`, { into: georgia.id });
    const after = (await call(env.app, editor, 'GET', `/entities/${georgia.id}/history`)).json().history;
    expect(after.map((h: { action: string }) => h.action)).toEqual(['entity.split', 'entity.merge']);
    expect((await call(env.app, editor, 'GET', '/entities/999999/history')).statusCode).toBe(404);
  });

  it('shows confirmed entities in the Content API, and a decision refreshes its cached answer', async () => {
    const live = await fx.publish(
      { headline: 'NATO in Vilnius', body: paragraphs('NATO met in Vilnius.') },
      1,
    );
    await extractStory(env.ctx.db, live.id, env.ctx.now().toISOString(), { recognise: noNlp });
    const api = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/content/v1/articles/${live.id}` })).json().data;
    expect((await api()).entities).toEqual([]);
    const list = (await call(env.app, s('editor'), 'GET', `/articles/${live.id}/entities`)).json().entities;
    const nato = list.find((e: { name: string }) => e.name === 'NATO');
    await call(env.app, s('editor'), 'POST', `/articles/${live.id}/entities/${nato.id}/confirm`);
    expect((await api()).entities).toEqual([
      expect.objectContaining({
        name: 'NATO',
        type: 'organisation',
        wikidataQid: 'Q7184',
        sameAs: ['https://www.nato.int/'],
      }),
    ]);
    // Lists leave entities out unless asked.
    const rows = (await env.app.inject({ method: 'GET', url: '/api/content/v1/articles?limit=1' })).json()
      .data;
    expect(rows[0].entities).toBeUndefined();
  });

  it('puts confirmed entities in ninjs: people, organisations, places, subjects, with Wikidata uris', async () => {
    const at = env.ctx.now().toISOString();
    const live = await fx.publish(
      {
        headline: 'Ali Shamkhani at NATO',
        body: paragraphs(
          'Ali Shamkhani met NATO envoys in Vilnius. Ali Shamkhani left.',
          'The Budget Summit ended.',
        ),
      },
      1,
    );
    const editor = s('editor');
    const summit = await call(env.app, editor, 'POST', '/entities', { type: 'event', name: 'Budget Summit' });
    const person = await call(env.app, editor, 'POST', '/entities', {
      type: 'person',
      name: 'Ali Shamkhani',
    });
    expect(person.statusCode).toBe(201);
    await extractStory(env.ctx.db, live.id, at, { recognise: noNlp });
    const links = (await call(env.app, editor, 'GET', `/articles/${live.id}/entities`)).json().entities as {
      id: number;
      name: string;
    }[];
    for (const l of links) {
      if (l.name === 'Vilnius (city)') continue; // suggested only: not in ninjs
      await call(env.app, editor, 'POST', `/articles/${live.id}/entities/${l.id}/confirm`);
    }
    const ninjs = async () =>
      (
        await env.app.inject({ method: 'GET', url: `/api/content/v1/articles/${live.id}?format=ninjs` })
      ).json();
    const doc = await ninjs();
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    const validate = ajv.compile(ninjsSchema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.people).toEqual([
      {
        name: 'Ali Shamkhani',
        rel: 'about',
        uri: `https://news.example.com/topics/${person.json().slug}`,
        literal: person.json().slug,
      },
    ]);
    expect(doc.organisations).toEqual([
      { name: 'NATO', rel: 'about', uri: 'http://www.wikidata.org/entity/Q7184', literal: 'nato' },
    ]);
    expect(doc.places).toBeUndefined();
    expect(doc.subjects).toContainEqual({
      name: 'Budget Summit',
      rel: 'mentions',
      uri: `https://news.example.com/topics/${summit.json().slug}`,
      literal: summit.json().slug,
    });
    // A QID added later changes the uri: the registry edit drops the cached answer.
    await call(env.app, editor, 'PATCH', `/entities/${person.json().id}`, { wikidataQid: 'Q5961185' });
    expect((await ninjs()).people[0].uri).toBe('http://www.wikidata.org/entity/Q5961185');
  });
});

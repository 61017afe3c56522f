import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../content/index.js';
import { transitionArticle } from '../content/workflow.js';
import type { ArticleRow } from '../db/index.js';
import {
  createEntity,
  decideSuggestion,
  extractStory,
  mergeEntities,
  storyEntities,
  updateEntity,
} from '../knowledge/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';

type Ld = Record<string, unknown>;

/** Topic pages (/topics/{slug}) and a story's topics, from the newsroom's confirmed entities. */
describe.each(testDialects())('topic pages on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const now = () => env.ctx.now().toISOString();
  const get = async (url: string) => {
    const res = await env.app.inject({ method: 'GET', url });
    return { res, $: cheerio.load(res.body), cache: res.headers['x-cache'] };
  };
  const jsonLd = ($: cheerio.CheerioAPI): Ld[] =>
    $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()) as Ld)
      .get() as Ld[];
  const headlines = ($: cheerio.CheerioAPI) =>
    $('.list .card-headline')
      .map((_, h) => $(h).text())
      .get();
  /** Extracts the story against the registry and decides the link to `entityId` (or leaves it suggested). */
  const decide = async (story: ArticleRow, entityId: number, state: 'confirmed' | 'rejected' | null) => {
    await extractStory(env.ctx.db, story.id, now(), { recognise: () => [] });
    const link = (await storyEntities(env.ctx.db, story.id)).find((e) => e.entityId === entityId);
    expect(link, `story ${story.headline} links entity ${entityId}`).toBeDefined();
    if (state) await decideSuggestion(env.ctx.db, story.id, link!.id, { state, by: 'Editor', now: now() });
  };

  let shamkhani: number;
  let iaea: number;
  let rosatom: number;
  let lead: ArticleRow;
  let once: ArticleRow;
  let rejected: ArticleRow;
  let suggested: ArticleRow;
  let draft: ArticleRow;

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    const db = env.ctx.db;
    shamkhani = (
      await createEntity(
        db,
        {
          type: 'person',
          name: 'Ali Shamkhani',
          description: 'Iranian security official',
          wikidataQid: 'Q2640150',
          sameAs: ['https://example.org/shamkhani'],
        },
        now(),
      )
    ).id;
    iaea = (await createEntity(db, { type: 'organisation', name: 'IAEA' }, now())).id;
    rosatom = (await createEntity(db, { type: 'organisation', name: 'Rosatom' }, now())).id;

    lead = await fx.publish(
      {
        headline: 'Ali Shamkhani meets the IAEA',
        body: paragraphs(
          'Ali Shamkhani met IAEA inspectors in Tehran.',
          'The IAEA said the talks went well.',
        ),
      },
      5,
    );
    await decide(lead, shamkhani, 'confirmed');
    await decide(lead, iaea, 'confirmed');
    once = await fx.publish(
      { headline: 'Security council meets', body: paragraphs('Ali Shamkhani chaired the meeting.') },
      4,
    );
    await decide(once, shamkhani, 'confirmed');
    rejected = await fx.publish(
      { headline: 'A namesake', body: paragraphs('A different Ali Shamkhani opened a shop.') },
      3,
    );
    await decide(rejected, shamkhani, 'rejected');
    suggested = await fx.publish(
      { headline: 'Not yet decided', body: paragraphs('Ali Shamkhani was quoted.') },
      2,
    );
    await decide(suggested, shamkhani, null);
    draft = await createArticle(
      db,
      {
        headline: 'Draft about him',
        body: paragraphs('Ali Shamkhani will speak.'),
        sectionId: fx.sections.world,
        status: 'draft',
      },
      { now: now(), timeZone: 'UTC' },
    );
    await decide(draft, shamkhani, 'confirmed');
    for (let i = 1; i <= 21; i++) {
      const s = await fx.publish(
        { headline: `Reactor news ${i}`, body: paragraphs(`Rosatom built reactor ${i}.`) },
        100 - i,
      );
      await decide(s, rosatom, 'confirmed');
    }
  }, 120_000);
  afterAll(() => env?.close());

  it('lists only public stories with a confirmed link, with name, kind, description, related topics and a feed', async () => {
    const { res, $ } = await get('/topics/ali-shamkhani');
    expect(res.statusCode).toBe(200);
    expect($('h1').text()).toBe('Ali Shamkhani');
    expect($('.list-kind').text()).toBe('Person');
    expect($('.list-intro').text()).toBe('Iranian security official');
    // Not the rejected one, not the suggestion, not the draft.
    expect(headlines($)).toEqual(['Security council meets', 'Ali Shamkhani meets the IAEA']);
    expect(
      $('.related-topics a')
        .map((_, a) => [[$(a).text(), $(a).attr('href')]])
        .get(),
    ).toEqual([['IAEA', '/topics/iaea']]);
    expect($('link[rel=alternate][type="application/rss+xml"]').first().attr('href')).toBe(
      '/feeds/topic/ali-shamkhani/rss.xml',
    );
    const feed = await env.app.inject({ method: 'GET', url: '/feeds/topic/ali-shamkhani/rss.xml' });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('Security council meets');
    expect(feed.body).not.toContain('A namesake');
    expect(feed.body).not.toContain('Not yet decided');
    expect(feed.body).not.toContain('Draft about him');
  });

  it('describes the entity in JSON-LD with its schema.org type and sameAs (Wikidata from the QID)', async () => {
    const person = jsonLd((await get('/topics/ali-shamkhani')).$).find((d) => d['@type'] === 'Person');
    expect(person).toMatchObject({
      name: 'Ali Shamkhani',
      description: 'Iranian security official',
      url: 'https://news.example.com/topics/ali-shamkhani',
      sameAs: ['https://www.wikidata.org/wiki/Q2640150', 'https://example.org/shamkhani'],
    });
    const org = jsonLd((await get('/topics/iaea')).$).find((d) => d['@type'] === 'Organization');
    expect(org).toMatchObject({ name: 'IAEA', url: 'https://news.example.com/topics/iaea' });
  });

  it('paginates like a tag page', async () => {
    const first = await get('/topics/rosatom');
    expect(headlines(first.$)).toHaveLength(20);
    expect(headlines(first.$)[0]).toBe('Reactor news 21');
    const second = await get('/topics/rosatom?page=2');
    expect(second.res.statusCode).toBe(200);
    expect(headlines(second.$)).toEqual(['Reactor news 1']);
    expect((await get('/topics/rosatom?page=3')).res.statusCode).toBe(404);
    expect((await get('/topics/rosatom?page=x')).res.statusCode).toBe(404);
  });

  it('answers 404 for unknown slugs and entities with no public confirmed story, 301 for a merged one', async () => {
    expect((await get('/topics/nobody-here')).res.statusCode).toBe(404);
    expect((await get('/topics/NOT_A_SLUG')).res.statusCode).toBe(404);
    await createEntity(env.ctx.db, { type: 'place', name: 'Atlantis' }, now());
    expect((await get('/topics/atlantis')).res.statusCode).toBe(404);
    const twin = await createEntity(env.ctx.db, { type: 'organisation', name: 'Rosatom Corp' }, now());
    await mergeEntities(env.ctx.db, twin.id, rosatom, now());
    const moved = await get('/topics/rosatom-corp');
    expect(moved.res.statusCode).toBe(301);
    expect(moved.res.headers.location).toBe('/topics/rosatom');
  });

  it('puts about, mentions and a Topics line on the article page', async () => {
    const { $ } = await get(lead.path!);
    expect(
      $('.story-topics a')
        .map((_, a) => [[$(a).text(), $(a).attr('href')]])
        .get(),
    ).toEqual([
      ['Ali Shamkhani', '/topics/ali-shamkhani'],
      ['IAEA', '/topics/iaea'],
    ]);
    const article = jsonLd($).find((d) => d['@type'] === 'NewsArticle')!;
    // Both are in the headline: the story is about them.
    expect(article.about).toEqual([
      expect.objectContaining({ '@type': 'Person', name: 'Ali Shamkhani', sameAs: expect.any(Array) }),
      expect.objectContaining({ '@type': 'Organization', name: 'IAEA' }),
    ]);
    expect(article.mentions).toBeUndefined();
    // One mention, not in the headline: mentioned, not what the story is about.
    const other = jsonLd((await get(once.path!)).$).find((d) => d['@type'] === 'NewsArticle')!;
    expect(other.about).toBeUndefined();
    expect(other.mentions).toEqual([
      expect.objectContaining({
        '@type': 'Person',
        name: 'Ali Shamkhani',
        url: 'https://news.example.com/topics/ali-shamkhani',
        sameAs: ['https://www.wikidata.org/wiki/Q2640150', 'https://example.org/shamkhani'],
      }),
    ]);
    // A rejected or suggested link is not a topic.
    expect((await get(rejected.path!)).$('.story-topics').length).toBe(0);
    expect((await get(suggested.path!)).$('.story-topics').length).toBe(0);
  });

  it('a decision, an edit of the entity or a publication drops exactly the topic pages concerned', async () => {
    const pages = ['/topics/ali-shamkhani', '/topics/iaea', '/topics/rosatom', suggested.path!, once.path!];
    const warm = async () => {
      for (const u of pages) await get(u);
      for (const u of pages) expect((await get(u)).cache, u).toBe('HIT');
    };
    const hits = async () =>
      Object.fromEntries(await Promise.all(pages.map(async (u) => [u, (await get(u)).cache === 'HIT'])));

    await warm();
    const link = (await storyEntities(env.ctx.db, suggested.id)).find((e) => e.entityId === shamkhani)!;
    await decideSuggestion(env.ctx.db, suggested.id, link.id, {
      state: 'confirmed',
      by: 'Editor',
      now: now(),
    });
    // (Other stories' pages show the decided story in "More in …": not asserted here.)
    expect(await hits()).toMatchObject({
      '/topics/ali-shamkhani': false,
      '/topics/iaea': true,
      '/topics/rosatom': true,
      [suggested.path!]: false,
    });
    expect(headlines((await get('/topics/ali-shamkhani')).$)).toContain('Not yet decided');

    // IAEA's page names Ali Shamkhani among its related topics; Rosatom's does not.
    await warm();
    await updateEntity(env.ctx.db, shamkhani, { description: 'Former secretary of the council' }, now());
    expect(await hits()).toEqual({
      '/topics/ali-shamkhani': false,
      '/topics/iaea': false,
      '/topics/rosatom': true,
      [suggested.path!]: false,
      [once.path!]: false,
    });

    // A story confirmed while a draft joins the topic page when it is published.
    await warm();
    await transitionArticle(
      env.ctx.db,
      draft.id,
      { action: 'publish', expectedVersion: draft.version },
      { by: 'test', timeZone: 'UTC', now: now() },
    );
    const after = await hits();
    expect(after['/topics/ali-shamkhani']).toBe(false);
    expect(after['/topics/rosatom']).toBe(true);
    expect(headlines((await get('/topics/ali-shamkhani')).$)).toContain('Draft about him');
  });

  it('shows related stories by shared confirmed entities, rarer entities binding more strongly', async () => {
    const related = async (story: ArticleRow) => {
      const { $ } = await get(story.path!);
      return $('.related .card-headline')
        .map((_, h) => $(h).text())
        .get();
    };
    // Shares only Ali Shamkhani with the lead story; the rejected namesake is not related.
    expect(await related(once)).toContain('Ali Shamkhani meets the IAEA');
    expect(await related(once)).not.toContain('A namesake');

    const rare = await fx.publish(
      { headline: 'Inspectors at the plant', body: paragraphs('The IAEA inspected a plant.') },
      10,
    );
    await decide(rare, iaea, 'confirmed');
    const both = await fx.publish(
      { headline: 'Atomic agencies meet', body: paragraphs('The IAEA met Rosatom in Vienna.') },
      1,
    );
    await decide(both, iaea, 'confirmed');
    await decide(both, rosatom, 'confirmed');
    // IAEA is on 3 stories, Rosatom on 22: the IAEA stories come first, the newer one first.
    expect(await related(both)).toEqual([
      'Ali Shamkhani meets the IAEA',
      'Inspectors at the plant',
      'Reactor news 21',
      'Reactor news 20',
    ]);
  });
});

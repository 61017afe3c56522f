import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../content/index.js';
import { addSource, receive, sourceBySlug } from '../ingest/index.js';
import { call, createRoleUsers, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../ingest/fixtures/${name}`, import.meta.url));
const ninjs = (name: string, patch: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ ...JSON.parse(fixture(name).toString('utf8')), ...patch }));

describe.each(testDialects())(
  'the ingest desk: queue, use, agency updates, kills and embargoes on %s',
  (dialect) => {
    let env: TestEnv;
    let editor: Session;
    let contributor: Session;
    let sectionId: number;
    const at = new Date('2026-12-06T08:00:00Z');

    /** An arrival as the push route or the folder poller hands it over. */
    async function arrive(bytes: Buffer, slug = 'agx') {
      const source = await sourceBySlug(env.ctx.db, slug);
      if (!source) throw new Error(slug);
      return receive(env.ctx.db, { source, bytes, via: 'push', now: env.ctx.now().toISOString() });
    }
    const queue = async (qs = '') => {
      const res = await call(env.app, editor, 'GET', `/ingest/items${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as {
        id: number;
        headline: string;
        version: number;
        source: { slug: string };
      }[];
    };

    beforeAll(async () => {
      env = await testEnv(dialect);
      env.setNow(at);
      await createRoleUsers(env.ctx);
      sectionId = (await createSection(env.ctx.db, { slug: 'news', name: 'News' }, at.toISOString())).id;
      await addSource(
        env.ctx.db,
        { slug: 'agx', name: 'Agency Example' },
        { id: null, label: 'cli' },
        at.toISOString(),
      );
      await addSource(env.ctx.db, { slug: 'ctk', name: 'ČTK' }, { id: null, label: 'cli' }, at.toISOString());
      editor = await signIn(env.app, 'editor@example.com');
      contributor = await signIn(env.app, 'contributor@example.com');
      await arrive(fixture('ninjs1.json'));
      await arrive(fixture('ninjs2.json'), 'ctk');
      await arrive(fixture('ninjs3.json'));
      await arrive(fixture('newsml.xml'));
      await arrive(Buffer.from('{"uri": '));
    });
    afterAll(() => env?.close());

    it('lists the queue newest first and filters by source, priority, subject code and text at once', async () => {
      expect((await queue()).map((i) => i.headline)).toEqual([
        'Rail workers strike & trains stop across the country',
        'Chip maker opens plant in Brno',
        'Povodňová výstraha pro Vltavu',
        'Assembly rejects the budget after an all-night session',
      ]);
      expect((await queue('?source=ctk')).map((i) => i.source.slug)).toEqual(['ctk']);
      expect((await queue('?priority=3')).map((i) => i.headline)).toEqual([
        'Povodňová výstraha pro Vltavu',
        'Assembly rejects the budget after an all-night session',
      ]);
      expect((await queue('?subject=medtop:20000106')).length).toBe(1);
      // A code is matched whole: a prefix of another code does not match.
      expect((await queue('?subject=medtop:2000010')).length).toBe(0);
      // Text: every word, in headline, dek, byline or body, any case, accents kept (SQLite's LIKE folds ASCII only).
      expect((await queue('?q=UNION%20leader')).map((i) => i.headline)).toEqual([
        'Rail workers strike & trains stop across the country',
      ]);
      expect((await queue(`?q=${encodeURIComponent('VLTAVY')}`)).length).toBe(1);
      expect((await queue('?q=100%25')).length).toBe(0); // % is text, not a wildcard
      expect((await call(env.app, editor, 'GET', '/ingest/items?priority=0')).statusCode).toBe(400);
    });

    it('finds an item the moment its arrival is committed', async () => {
      await arrive(
        ninjs('ninjs3.json', {
          uri: 'https://wire.example.net/ninjs/3/fresh',
          headlines: [{ value: 'Quokka census' }],
        }),
      );
      expect((await queue('?q=quokka')).map((i) => i.headline)).toEqual(['Quokka census']);
    });

    it('shows the quarantine with reasons, and keeps contributors out of the desk', async () => {
      const res = await call(env.app, editor, 'GET', '/ingest/quarantine');
      expect(res.json().items).toEqual([
        expect.objectContaining({
          reason: expect.stringMatching(/^invalid JSON/),
          excerpt: '{"uri": ',
          via: 'push',
        }),
      ]);
      expect((await call(env.app, contributor, 'GET', '/ingest/items')).statusCode).toBe(403);
    });

    it('"use" makes a draft with the agency byline, rights, a link back and a note; an update and a kill flag it', async () => {
      const [item] = await queue('?q=assembly');
      const used = await call(env.app, editor, 'POST', `/ingest/items/${item?.id}/use`, { sectionId });
      expect(used.statusCode, used.body).toBe(201);
      const { articleId } = used.json();
      const story = (await call(env.app, editor, 'GET', `/articles/${articleId}`)).json();
      expect(story).toMatchObject({
        status: 'draft',
        headline: 'Assembly rejects the budget after an all-night session',
        dek: 'The vote fell 12 short; the finance minister says a new draft comes next week.',
      });
      const authors = await env.ctx.db.selectFrom('authors').select(['id', 'name']).execute();
      expect(authors.find((a) => a.name === 'Jana Nováková')).toBeTruthy();
      const wire = (await call(env.app, editor, 'GET', `/articles/${articleId}/wire`)).json().wire;
      expect(wire).toMatchObject({
        itemId: item?.id,
        source: { slug: 'agx', name: 'Agency Example' },
        guid: 'urn:example:tna:2026-12-06:budget-vote',
        version: 1,
        rights: 'No use in print before 08:00 CET. Online use allowed. — © 2026 The News Agency',
        flag: null,
      });
      let notes = (await call(env.app, editor, 'GET', `/articles/${articleId}/notes`)).json().notes;
      expect(notes[0]).toMatchObject({ author: { id: null, name: 'Wire desk · Agency Example' } });
      expect(notes[0].text).toContain('Rights: No use in print before 08:00 CET.');
      const detail = (await call(env.app, editor, 'GET', `/ingest/items/${item?.id}`)).json();
      expect(detail.stories).toEqual([expect.objectContaining({ articleId, flag: null })]);

      // Version 2 arrives: the story is flagged and its editors get a note at once.
      const [v2] = await arrive(
        ninjs('ninjs1.json', { version: '2', headline: 'Assembly rejects budget; vote again Tuesday' }),
      );
      expect(v2?.flagged).toEqual([articleId]);
      expect((await queue('?q=assembly')).map((i) => i.version)).toEqual([2]); // the queue lists the latest
      expect(
        (await call(env.app, editor, 'POST', `/ingest/items/${item?.id}/use`, { sectionId })).statusCode,
      ).toBe(409);
      notes = (await call(env.app, editor, 'GET', `/articles/${articleId}/notes`)).json().notes;
      expect(notes.at(-1).text).toMatch(/^UPDATE: The News Agency sent version 2/);
      // The same version again changes nothing (idempotent).
      expect((await arrive(ninjs('ninjs1.json', { version: '2' })))[0]?.state).toBe('duplicate');

      // The kill.
      const [kill] = await arrive(ninjs('ninjs1.json', { version: '3', pubstatus: 'canceled' }));
      expect(kill?.flagged).toEqual([articleId]);
      notes = (await call(env.app, editor, 'GET', `/articles/${articleId}/notes`)).json().notes;
      expect(notes.at(-1).text).toMatch(/^KILL: The News Agency has withdrawn/);
      expect((await call(env.app, editor, 'GET', `/articles/${articleId}/wire`)).json().wire.flag).toBe(
        'kill',
      );
      const flagged = (await call(env.app, editor, 'GET', '/ingest/flagged')).json().stories;
      expect(flagged).toEqual([
        expect.objectContaining({ articleId, flag: 'kill', source: 'Agency Example' }),
      ]);
      // A killed item cannot be used again.
      const [latest] = await queue('?q=assembly');
      expect(
        (await call(env.app, editor, 'POST', `/ingest/items/${latest?.id}/use`, { sectionId })).statusCode,
      ).toBe(409);
      // The desk (latest notes under each headline) shows it too.
      const desk = await call(env.app, editor, 'GET', '/articles?status=draft');
      expect(desk.body).toContain('KILL: The News Agency');
    });

    it('a kill sent under the version already used (no new number) still kills', async () => {
      const [item] = await queue('?q=chip%20maker');
      const used = await call(env.app, editor, 'POST', `/ingest/items/${item?.id}/use`, { sectionId });
      expect(used.statusCode, used.body).toBe(201);
      const [kill] = await arrive(ninjs('ninjs3.json', { pubStatus: 'canceled' }));
      expect(kill).toMatchObject({ id: item?.id, state: 'queued', flagged: [used.json().articleId] });
      expect(
        (await call(env.app, editor, 'GET', `/articles/${used.json().articleId}/wire`)).json().wire.flag,
      ).toBe('kill');
      // Sent again, it is a duplicate and flags nothing more.
      expect((await arrive(ninjs('ninjs3.json', { pubStatus: 'canceled' })))[0]).toMatchObject({
        state: 'duplicate',
        flagged: [],
      });
    });

    it('an embargoed item makes a story that cannot be published or scheduled before the embargo, even with the field cleared', async () => {
      const [item] = await queue('?source=ctk');
      const used = await call(env.app, editor, 'POST', `/ingest/items/${item?.id}/use`, { sectionId });
      expect(used.statusCode, used.body).toBe(201);
      const { articleId } = used.json();
      let story = (await call(env.app, editor, 'GET', `/articles/${articleId}`)).json();
      expect(story.embargoUntil).toBe('2026-12-06T12:00:00.000Z');
      // Clearing the embargo in an edit does not lift the agency's.
      const saved = await call(env.app, editor, 'PUT', `/articles/${articleId}`, {
        headline: story.headline,
        dek: story.dek,
        body: story.body,
        sectionId,
        authorIds: story.authorIds ?? story.authors?.map((a: { id: number }) => a.id) ?? [],
        embargoUntil: null,
        version: story.version,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      story = saved.json();
      expect(story.embargoUntil).toBe('2026-12-06T12:00:00.000Z');
      const publish = await call(env.app, editor, 'POST', `/articles/${articleId}/transitions`, {
        action: 'publish',
        version: story.version,
        override: true,
      });
      expect(publish.statusCode).toBeGreaterThanOrEqual(400);
      expect(publish.body).toMatch(/embargo/);
      const early = await call(env.app, editor, 'POST', `/articles/${articleId}/transitions`, {
        action: 'schedule',
        publishAt: '2026-12-06T11:00:00Z',
        version: story.version,
        override: true,
      });
      expect(early.statusCode).toBeGreaterThanOrEqual(400);
      expect(early.body).toMatch(/embargo/);
      const onTime = await call(env.app, editor, 'POST', `/articles/${articleId}/transitions`, {
        action: 'schedule',
        publishAt: '2026-12-06T12:00:00Z',
        version: story.version,
        override: true,
      });
      expect(onTime.statusCode, onTime.body).toBe(200);
    });
  },
);

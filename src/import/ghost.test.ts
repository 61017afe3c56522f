import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { ghostBody } from './ghost-body.js';
import { GhostExportError, type GhostReport, importGhost } from './index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function count(db: Db, table: 'articles' | 'sections' | 'tags' | 'authors' | 'media' | 'redirects') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('Ghost bodies', () => {
  it('escapes every text and attribute it renders', () => {
    const lexical = JSON.stringify({
      root: {
        children: [
          {
            type: 'paragraph',
            children: [{ type: 'text', text: '<img src=x onerror=alert(1)>', format: 1 }],
          },
          { type: 'image', src: '"><script>alert(1)</script>', alt: '" onload="x', caption: '' },
        ],
      },
    });
    const { html } = ghostBody({ lexical }, '');
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    expect(html).toContain('alt="&quot; onload=&quot;x"');
  });

  it('keeps mobiledoc markups nested as they were and soft returns as line breaks', () => {
    const mobiledoc = JSON.stringify({
      version: '0.3.1',
      atoms: [['soft-return', '', {}]],
      cards: [],
      markups: [['em'], ['a', ['href', 'https://example.org/"x']], ['marquee']],
      sections: [
        [
          1,
          'p',
          [
            [0, [0], 0, 'a '],
            [0, [1], 2, 'link'],
            [1, [], 0, 0],
            [0, [2], 1, 'odd'],
          ],
        ],
      ],
    });
    expect(ghostBody({ mobiledoc }, '').html).toBe(
      '<p><em>a <a href="https://example.org/&quot;x">link</a></em><br><span>odd</span></p>',
    );
  });

  it('falls back to the rendered HTML, and says so', () => {
    const body = ghostBody({ lexical: '{oops', html: '<p>kept</p>' }, '');
    expect(body.html).toBe('<p>kept</p>');
    expect(body.problems).toEqual([
      'body JSON is not readable',
      'body taken from the rendered HTML (no readable Lexical or mobiledoc)',
    ]);
  });
});

describe.each(testDialects())('Ghost import (%s)', (dialect) => {
  let env: TestEnv;
  let images: string;
  let report: GhostReport;
  const run = (file = fixture('ghost-site.json'), batchSize = 3, users = false) =>
    importGhost({
      users,
      db: env.ctx.db,
      file,
      uploadsDir: images,
      mediaDir: env.ctx.config.mediaDir,
      siteUrl: env.ctx.config.site.url,
      timeZone: env.ctx.config.site.timeZone,
      now: env.ctx.now,
      batchSize,
    });
  const articleOf = async (ghostId: string) => {
    const map = await env.ctx.db
      .selectFrom('import_items')
      .select('target_id')
      .where('kind', 'in', ['ghost-post', 'ghost-page'])
      .where('source_id', '=', ghostId)
      .executeTakeFirstOrThrow();
    return env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', map.target_id)
      .executeTakeFirstOrThrow();
  };
  const id = (n: number) => `65a1c0ffee0000000000a00${n}`;

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-06-01T12:00:00Z'));
    images = path.join(env.dir, 'images');
    fs.mkdirSync(path.join(images, '2024/02'), { recursive: true });
    fs.mkdirSync(path.join(images, '2023/11'), { recursive: true });
    const jpeg = (file: string) =>
      sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 30, g: 90, b: 110 } } })
        .jpeg()
        .toFile(path.join(images, file));
    await jpeg('2024/02/pier.jpg');
    await jpeg('2023/11/council.jpg');
  });
  afterAll(() => env.close());

  it('refuses a malformed file with its line and column, writing nothing', async () => {
    const before = await count(env.ctx.db, 'sections');
    const err = await run(fixture('ghost-malformed.json')).catch((e: unknown) => e);
    expect(err, String(err)).toBeInstanceOf(GhostExportError);
    expect((err as Error).message).toMatch(/ghost-malformed\.json: line 3, column \d+: not valid JSON/);
    const notGhost = path.join(env.dir, 'not-ghost.json');
    fs.writeFileSync(notGhost, JSON.stringify({ db: [{ data: { posts: [{ id: 'a' }] } }] }));
    const err2 = await run(notGhost).catch((e: unknown) => e);
    expect((err2 as Error).message).toMatch(/not a Ghost export \(data\.posts\.0\.slug/);
    expect(await count(env.ctx.db, 'articles')).toBe(0);
    expect(await count(env.ctx.db, 'sections')).toBe(before);
  });

  it('imports posts, pages, tags, sections, bylines and images', async () => {
    report = await run();
    expect(report.ghostVersion).toBe('5.80.0');
    expect(report.counts).toMatchObject({
      posts: 8,
      pages: 1,
      skipped: 0,
      failed: 0,
      authors: 2,
      internalTagsIgnored: 1,
      media: 2,
    });
    expect(report.missingMedia).toEqual(['2024/02/missing-1.jpg']);

    const pier = await articleOf(id(1));
    expect(pier).toMatchObject({
      status: 'published',
      headline: 'Harbour authority closes the old ferry pier',
      dek: 'A vote ends ninety years of crossings.',
      first_published_at: '2024-02-10T09:00:00.000Z',
      seo_title: 'Old ferry pier closes | Harbour News',
      seo_description: "The harbour authority's vote, explained.",
      lead_caption: 'Photo: Harbour News',
      path: '/harbour/2024/02/10/harbour-pier-closes',
    });
    expect(pier.lead_media_id).toBeTruthy();
    const body = JSON.parse(pier.body);
    expect(body.content.map((n: { type: string }) => n.type)).toEqual([
      'paragraph',
      'heading',
      'bulletList',
      'image',
      'blockquote',
      'embed',
      'heading',
      'paragraph',
      'paragraph',
      'horizontalRule',
      'paragraph',
      'image',
    ]);
    expect(body.content[0].content[1]).toEqual({ type: 'text', text: 'close', marks: [{ type: 'bold' }] });
    expect(body.content[2].content[1].content[1].type).toBe('orderedList');
    // The same file, in the body and as the lead image (and its resized copy in the gallery), is one media item.
    expect(body.content[3].attrs).toMatchObject({
      mediaId: pier.lead_media_id,
      alt: 'The old pier at dusk',
      caption: 'The pier, photographed in February.',
    });
    expect(body.content[11].attrs.mediaId).toBe(pier.lead_media_id);
    expect(body.content[5].attrs.provider).toBe('youtube');
    expect(JSON.stringify(body)).not.toContain('alert');
    expect(body.content[10].content[1]).toEqual({
      type: 'text',
      text: 'the budget story',
      marks: [
        { type: 'link', attrs: { href: `${env.ctx.config.site.url.replace(/\/+$/, '')}/harbour-budget/` } },
      ],
    });

    const bylines = await env.ctx.db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['authors.name', 'authors.bio'])
      .where('article_id', '=', pier.id)
      .orderBy('article_authors.position')
      .execute();
    expect(bylines).toEqual([
      { name: 'Ana Ferreira', bio: 'Harbour reporter.' },
      { name: 'Jonas Weber', bio: '' },
    ]);
    const tags = await env.ctx.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_id', '=', pier.id)
      .orderBy('position')
      .execute();
    expect(tags.map((t) => t.slug)).toEqual(['harbour', 'transport']);
    const sections = await env.ctx.db.selectFrom('sections').select('path').orderBy('path').execute();
    expect(sections.map((s) => s.path)).toEqual(
      expect.arrayContaining(['harbour', 'transport', 'novosti', 'pages', 'imported']),
    );

    const bridge = await articleOf(id(2));
    expect(bridge).toMatchObject({
      first_published_at: '2023-11-02T11:00:00.000Z',
      seo_title: 'Bridge vote (old-style SEO)',
      path: '/transport/2023/11/02/councillors-bridge',
    });
    const bridgeBody = JSON.parse(bridge.body);
    expect(bridgeBody.content.map((n: { type: string }) => n.type)).toEqual([
      'paragraph',
      'image',
      'heading',
      'orderedList',
      'horizontalRule',
      'blockquote',
    ]);
    expect(bridgeBody.content[0].content).toContainEqual({ type: 'hardBreak' });
    expect(bridgeBody.content[1].attrs.caption).toBe('Council chamber');

    const russian = await articleOf(id(3));
    expect(russian.headline).toBe('Пресс-служба: «Мост откроют летом»');
    expect(JSON.parse(russian.body).content[0].content[0].text).toBe(
      'Текст на русском — «кавычки» & символы.',
    );

    expect((await articleOf(id(4))).status).toBe('draft'); // paid
    expect((await articleOf(id(5))).status).toBe('draft'); // newsletter only
    expect((await articleOf(id(6))).status).toBe('draft');
    const scheduled = await articleOf(id(7));
    expect(scheduled).toMatchObject({ status: 'scheduled', publish_at: '2026-07-01T06:00:00.000Z' });
    expect(JSON.parse((await articleOf(id(9))).body).content[0].content[0].text).toBe(
      'Fallback text survives.',
    );
  });

  it('reports what it could not carry over, per post', () => {
    const problems = (n: number) => report.posts.find((p) => p.id === id(n))?.problems ?? [];
    expect(problems(1)).toEqual(
      expect.arrayContaining([
        'embed not on the allow-list: https://tracker.example.net/widget',
        'markdown card imported as plain paragraphs',
        '<script> removed',
        'members-only divider removed: the whole story is public',
        'gallery of 2 images imported as separate images',
        'image file missing from the media directory: 2024/02/missing-1.jpg',
        '"signup" card not imported',
      ]),
    );
    expect(problems(4)).toEqual(['visible to "paid" on Ghost: imported as a draft, not made public']);
    expect(problems(5)).toEqual(['sent as a newsletter only: imported as a draft']);
    expect(problems(9)).toEqual(expect.arrayContaining(['author nobody is not in the export']));
  });

  it("answers Ghost's old addresses with a 301 to the new one", async () => {
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    const expectMove = async (url: string, to: string) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe(to);
    };
    await expectMove('/harbour-pier-closes/', '/harbour/2024/02/10/harbour-pier-closes');
    await expectMove('/harbour-pier-closes/amp/', '/harbour/2024/02/10/harbour-pier-closes');
    await expectMove('/%D0%BC%D0%BE%D1%81%D1%82/', (await articleOf(id(3))).path as string);
    await expectMove('/about/', (await articleOf(id(8))).path as string);
    await expectMove('/tag/transport/rss/', '/feeds/tag/transport/rss.xml');
    await expectMove('/author/ana/', '/author/ana-ferreira');
    await expectMove('/author/jonas/rss/', '/feeds/author/jonas-weber/rss.xml');
    await expectMove('/rss/', '/feed.xml');
    expect((await get('/harbour/2024/02/10/harbour-pier-closes')).statusCode).toBe(200);
    expect((await get('/dredging/')).statusCode).toBe(404); // a draft has no address yet
  });

  it('creates nothing twice when run again, and redirects a scheduled post once published', async () => {
    const tables = ['articles', 'sections', 'tags', 'authors', 'media', 'redirects'] as const;
    const before = await Promise.all(tables.map((t) => count(env.ctx.db, t)));
    const again = await run();
    expect(again.counts).toMatchObject({ posts: 0, pages: 0, alreadyImported: 9, media: 0, redirects: 0 });
    expect(await Promise.all(tables.map((t) => count(env.ctx.db, t)))).toEqual(before);

    const scheduled = await articleOf(id(7));
    await env.ctx.db
      .updateTable('articles')
      .set({
        status: 'published',
        path: '/transport/2026/07/01/tide-tables',
        first_published_at: '2026-07-01T06:00:00.000Z',
      })
      .where('id', '=', scheduled.id)
      .execute();
    expect((await run()).counts.redirects).toBe(1);
    const res = await env.app.inject({ method: 'GET', url: '/tide-tables/' });
    expect(res.headers.location).toBe('/transport/2026/07/01/tide-tables');
  });

  it('with --users, makes a passwordless contributor account for an author with an email address', async () => {
    const again = await run(fixture('ghost-site.json'), 3, true);
    // Ana has an address in the export; Jonas has none and gets no account.
    expect(again.counts).toMatchObject({ accounts: 1, authors: 0 });
    const ana = await env.ctx.db
      .selectFrom('users')
      .innerJoin('authors', 'authors.id', 'users.author_id')
      .select(['users.role', 'users.password_hash', 'authors.name'])
      .where('users.email', '=', 'ana@harbour.example.org')
      .executeTakeFirstOrThrow();
    expect(ana).toEqual({ role: 'contributor', password_hash: '', name: 'Ana Ferreira' });
    expect((await run(fixture('ghost-site.json'), 3, true)).counts.accounts).toBe(0);
  });
});

describe.each(testDialects())('Ghost import, interrupted (%s)', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-06-01T12:00:00Z'));
  });
  afterAll(() => env.close());

  it('continues where it stopped', async () => {
    const options = {
      db: env.ctx.db,
      file: fixture('ghost-site.json'),
      mediaDir: env.ctx.config.mediaDir,
      siteUrl: env.ctx.config.site.url,
      timeZone: env.ctx.config.site.timeZone,
      now: env.ctx.now,
      batchSize: 4,
    };
    const stop = new Error('power cut');
    const first = await importGhost({
      ...options,
      onProgress: () => {
        throw stop;
      },
    }).catch((e: unknown) => e);
    expect(first).toBe(stop);
    expect(await count(env.ctx.db, 'articles')).toBe(4);
    const rest = await importGhost(options);
    expect(rest.counts.alreadyImported).toBe(4);
    expect(rest.counts.posts + rest.counts.pages).toBe(5);
    expect(await count(env.ctx.db, 'articles')).toBe(9);
  });
});

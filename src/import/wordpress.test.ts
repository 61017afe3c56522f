import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, presentUser } from '../accounts/index.js';
import type { Db } from '../db/index.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type ImportReport, importWordpress, WxrError } from './index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function count(db: Db, table: 'articles' | 'sections' | 'tags' | 'authors' | 'media' | 'redirects') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(testDialects())('WordPress import (%s)', (dialect) => {
  let env: TestEnv;
  let uploads: string;
  let report: ImportReport;
  const run = (file = fixture('site.xml'), users = false) =>
    importWordpress({
      users,
      db: env.ctx.db,
      file,
      uploadsDir: uploads,
      mediaDir: env.ctx.config.mediaDir,
      timeZone: env.ctx.config.site.timeZone,
      now: env.ctx.now,
      batchSize: 3,
    });
  const articleOf = async (wpId: string) => {
    const map = await env.ctx.db
      .selectFrom('import_items')
      .select('target_id')
      .where('kind', 'in', ['post', 'page'])
      .where('source_id', '=', wpId)
      .executeTakeFirstOrThrow();
    return env.ctx.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', map.target_id)
      .executeTakeFirstOrThrow();
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-06-01T12:00:00Z'));
    uploads = path.join(env.dir, 'uploads');
    fs.mkdirSync(path.join(uploads, '2024/01'), { recursive: true });
    await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 20, g: 80, b: 120 } } })
      .jpeg()
      .toFile(path.join(uploads, '2024/01/bridge.jpg'));
  });
  afterAll(() => env.close());

  it('refuses a malformed file with its line and column, writing nothing', async () => {
    const before = await count(env.ctx.db, 'sections');
    const err = await run(fixture('malformed.xml')).catch((e: unknown) => e);
    expect(err, String(err)).toBeInstanceOf(WxrError);
    expect((err as Error).message).toMatch(/malformed\.xml:151:\d+: /);
    expect(await count(env.ctx.db, 'articles')).toBe(0);
    expect(await count(env.ctx.db, 'sections')).toBe(before);
    expect(await count(env.ctx.db, 'authors')).toBe(0);
  });

  it('imports posts, pages, sections, tags, bylines and images', async () => {
    report = await run();
    expect(report.counts).toMatchObject({
      posts: 7,
      pages: 1,
      skipped: 1,
      failed: 0,
      authors: 3,
      commentsIgnored: 2,
      media: 1,
    });
    expect(await count(env.ctx.db, 'articles')).toBe(8);
    const sections = await env.ctx.db
      .selectFrom('sections')
      .select(['path', 'name'])
      .orderBy('path')
      .execute();
    expect(sections.map((s) => s.path)).toEqual(['category-4', 'imported', 'news', 'news/politics', 'pages']);
    expect(sections.find((s) => s.path === 'category-4')?.name).toBe('Новости');
    const authors = await env.ctx.db.selectFrom('authors').select(['slug', 'name']).orderBy('slug').execute();
    expect(authors.map((a) => a.name).sort()).toEqual(
      ['Alice Marsh', 'Carol Nguyen 🌿', 'Борис Ковалёв'].sort(),
    );

    const budget = await articleOf('100');
    expect(budget).toMatchObject({
      status: 'published',
      first_published_at: '2024-01-15T09:30:00.000Z',
      path: '/news/politics/2024/01/15/budget-vote',
      dek: 'The vote ends a decade of waiting.',
      seo_title: 'River budget passes',
      seo_description: 'Seven to two for the flood gates.',
    });
    expect(budget.lead_media_id).toBeTruthy();
    const body = JSON.parse(budget.body);
    expect(body.content.map((n: { type: string }) => n.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'blockquote',
      'image',
      'embed',
      'table',
    ]);
    expect(body.content[6].content).toHaveLength(2);
    expect(body.content[1].content[1]).toEqual({
      type: 'text',
      text: 'seven to two',
      marks: [{ type: 'bold' }],
    });
    expect(body.content[3].attrs).toEqual({ citation: 'A resident' });
    expect(body.content[4].attrs).toMatchObject({
      mediaId: budget.lead_media_id,
      alt: 'The old bridge',
      caption: 'The bridge at dawn.',
    });
    expect(body.content[5].attrs.provider).toBe('youtube');
    const tags = await env.ctx.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.slug', 'tags.name'])
      .where('article_id', '=', budget.id)
      .orderBy('position')
      .execute();
    expect(tags).toEqual([
      { slug: 'climate', name: 'Climate' },
      { slug: 'party', name: '🎉 Party' },
    ]);

    const classic = await articleOf('101');
    expect(classic.headline).toBe('Новости недели: مرحبا 🎉');
    expect(classic.dek).toBe('ملخص قصير');
    const cbody = JSON.parse(classic.body);
    expect(cbody.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Первый абзац: привет, мир.' },
        { type: 'hardBreak' },
        { type: 'text', text: 'Вторая строка того же абзаца.' },
      ],
    });
    expect(cbody.content[1].content[0].text).toBe(
      'Second paragraph has the end of a CDATA section: ]]> right here.',
    );
    expect(cbody.content[2]).toMatchObject({
      type: 'image',
      attrs: { mediaId: budget.lead_media_id, caption: 'نهر في الصباح' },
    });
    // [gallery ids="10,11"]: attachment 10 is the same file (one media item); 11's file is missing.
    expect(cbody.content[3]).toEqual({ type: 'image', attrs: { mediaId: budget.lead_media_id } });
    expect(
      cbody.content.some(
        (n: { type: string; attrs?: { provider?: string } }) => n.attrs?.provider === 'vimeo',
      ),
    ).toBe(true);
    expect(cbody.content.at(-2)).toMatchObject({ type: 'heading', attrs: { level: 3 } });
    expect(cbody.content.at(-1).type).toBe('orderedList');

    expect((await articleOf('102')).path).toBe('/news/politics/2024/01/15/budget-vote-2');
    expect(await articleOf('103')).toMatchObject({
      status: 'scheduled',
      publish_at: '2030-06-01T08:00:00.000Z',
    });
    for (const id of ['104', '105', '106']) expect((await articleOf(id)).status).toBe('draft');
    expect((await articleOf('200')).path).toMatch(/^\/pages\/2020\/01\/01\/about$/);
  });

  it('reports what it could not convert, per post', () => {
    const of = (id: string) => report.posts.find((p) => p.id === id)?.problems ?? [];
    expect(of('100')).toEqual(
      expect.arrayContaining(['embed not on the allow-list: https://example.org/not-allowed']),
    );
    expect(of('100').join('\n')).not.toMatch(/table/);
    expect(of('101')).toEqual(
      expect.arrayContaining([
        'shortcode [contact-form-7] kept as text',
        'gallery of 1 image imported as separate images',
        'image file missing from the media directory: 2023/05/lost.jpg',
        'also in categories "News" (a story has one section)',
      ]),
    );
    expect(of('105')).toContain('private post imported as a draft');
    expect(of('107')).toContain('status "trash" not imported');
    expect(report.missingMedia).toEqual(['2023/05/lost.jpg']);
  });

  it('answers every old address with a 301 to the new one', async () => {
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    const expectMove = async (url: string, to: string) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe(to);
    };
    await get('/'); // the home page is cached first: ?p= must not be answered from it
    await expectMove('/2024/01/15/budget-vote/', '/news/politics/2024/01/15/budget-vote');
    await expectMove('/2024/01/15/budget-vote-2/', '/news/politics/2024/01/15/budget-vote-2');
    const classic = await articleOf('101');
    await expectMove(
      '/2024/02/01/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8-%d0%bd%d0%b5%d0%b4%d0%b5%d0%bb%d0%b8/',
      classic.path as string,
    );
    await expectMove('/?p=100', '/news/politics/2024/01/15/budget-vote');
    await expectMove('/?page_id=200', '/pages/2020/01/01/about');
    await expectMove('/about/', '/pages/2020/01/01/about');
    await expectMove('/category/news/politics/', '/news/politics');
    await expectMove('/category/news/', '/news');
    await expectMove('/category/%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8/', '/category-4');
    await expectMove('/category/news/feed/', '/feeds/section/news/rss.xml');
    // The tag keeps its slug, so its old address is already the tag's page.
    expect((await get('/tag/climate/')).statusCode).toBe(200);
    await expectMove('/tag/party/feed/', '/feeds/tag/party/rss.xml');
    await expectMove('/feed/', '/feed.xml');
    await expectMove('/feed/atom/', '/atom.xml');
    expect((await get('/?p=104')).statusCode).toBe(404); // a draft has no address yet
    expect((await get('/news/politics/2024/01/15/budget-vote')).statusCode).toBe(200);
  });

  it('creates nothing twice when run again', async () => {
    const before = await Promise.all(
      (['articles', 'sections', 'tags', 'authors', 'media', 'redirects'] as const).map((t) =>
        count(env.ctx.db, t),
      ),
    );
    const again = await run();
    expect(again.counts).toMatchObject({
      posts: 0,
      pages: 0,
      alreadyImported: 8,
      sections: 0,
      authors: 0,
      media: 0,
      redirects: 0,
    });
    const after = await Promise.all(
      (['articles', 'sections', 'tags', 'authors', 'media', 'redirects'] as const).map((t) =>
        count(env.ctx.db, t),
      ),
    );
    expect(after).toEqual(before);
  });

  it('with --users, makes a contributor account with no password for each author, once', async () => {
    // A run with --users after one without: the bylines exist, the accounts are made now.
    const withUsers = await run(fixture('site.xml'), true);
    expect(withUsers.counts).toMatchObject({ accounts: 3, authors: 0, posts: 0 });
    const users = await env.ctx.db
      .selectFrom('users')
      .innerJoin('authors', 'authors.id', 'users.author_id')
      .select(['users.email', 'users.role', 'authors.name'])
      .where('users.email', 'like', '%@old.example.com')
      .orderBy('users.email')
      .execute();
    expect(users).toEqual([
      { email: 'alice@old.example.com', role: 'contributor', name: 'Alice Marsh' },
      { email: 'boris@old.example.com', role: 'contributor', name: 'Борис Ковалёв' },
      { email: 'carol@old.example.com', role: 'contributor', name: 'Carol Nguyen 🌿' },
    ]);
    const alice = await env.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'alice@old.example.com')
      .executeTakeFirstOrThrow();
    expect(presentUser(alice).hasPassword).toBe(false);
    // No password opens it, the empty one included.
    for (const password of ['', 'correct horse battery staple'])
      await expect(
        authenticate(env.ctx.db, 'alice@old.example.com', password, '127.0.0.1', env.ctx.now()),
      ).rejects.toMatchObject({ status: 401 });
    expect((await run(fixture('site.xml'), true)).counts.accounts).toBe(0);
  });
});

describe.each(testDialects())('WordPress import, interrupted and other versions (%s)', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv(dialect);
    env.setNow(new Date('2026-06-01T12:00:00Z'));
  });
  afterAll(() => env.close());
  const options = (file: string) => ({
    db: env.ctx.db,
    file,
    mediaDir: env.ctx.config.mediaDir,
    timeZone: env.ctx.config.site.timeZone,
    now: env.ctx.now,
    batchSize: 3,
  });

  it('continues an interrupted run where it stopped', async () => {
    const stop = new Error('power cut');
    const first = await importWordpress({
      ...options(fixture('site.xml')),
      onProgress: () => {
        throw stop;
      },
    }).catch((e: unknown) => e);
    expect(first).toBe(stop);
    const kept = await count(env.ctx.db, 'articles');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(8);
    const rest = await importWordpress(options(fixture('site.xml')));
    expect(rest.counts.alreadyImported).toBe(kept);
    expect(rest.counts.posts + rest.counts.pages).toBe(8 - kept);
    expect(await count(env.ctx.db, 'articles')).toBe(8);
  });

  it('reads WXR 1.0 and refuses other versions before writing', async () => {
    const write = (name: string, version: string) => {
      const file = path.join(env.dir, name);
      fs.writeFileSync(
        file,
        `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/${version}/">
<channel><title>Old</title><link>http://v10.example.com/blog</link><wp:wxr_version>${version}</wp:wxr_version>
<item><title>From 2009</title><link>http://v10.example.com/blog/archives/7</link><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[Plain text.]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2009-03-02 10:00:00</wp:post_date_gmt><wp:post_name>from-2009</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category><![CDATA[Uncategorized]]></category>
<category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category></item>
</channel></rss>`,
      );
      return file;
    };
    const before = await count(env.ctx.db, 'articles');
    const refused = await importWordpress(options(write('v9.xml', '9.0'))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WxrError);
    expect((refused as Error).message).toMatch(/WXR version 9\.0 is not supported/);
    expect(await count(env.ctx.db, 'articles')).toBe(before);

    const report = await importWordpress(options(write('v10.xml', '1.0')));
    expect(report.counts.posts).toBe(1);
    expect(report.counts.authors).toBe(1); // an author named only by the post
    const res = await env.app.inject({ method: 'GET', url: '/blog/archives/7' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/uncategorized/2009/03/02/from-2009');
  });
});

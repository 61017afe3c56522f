import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalToken, resolvePersonalToken } from '../accounts/index.js';
import { buildApp } from '../app.js';
import { addNotice, createArticle, createSection, updateArticle } from '../content/index.js';
import { type Context, createContext } from '../context.js';
import type { Db } from '../db/index.js';
import { softDeleteArticle } from '../content/workflow.js';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { createApiKey } from '../distribution/api/keys.js';
import { changeAddresses } from '../mirrors/index.js';
import { searchArticles } from '../search/index.js';
import { createRoleUsers } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { type TestDialect, testDialects } from '../test/databases.js';
import { addTestImage, paragraphs } from '../test/fixtures.js';
import { ArchiveRefused, createBackup, RestoreRefused, restoreBackup, verifyArchive } from './index.js';
import { COPIED } from './tables.js';

const other = (d: TestDialect): TestDialect =>
  testDialects().includes('postgres') ? (d === 'sqlite' ? 'postgres' : 'sqlite') : d;

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COPIED) {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t.name)}`.execute(db);
    out[t.name] = Number(rows[0]?.n);
  }
  return out;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/**
 * A newsroom in every state: the demo (published stories, sections, authors, tags, images, videos,
 * a live stream), users, a personal token, an API key, a webhook with deliveries, alternate
 * addresses, and stories drafted, in review, scheduled, archived, deleted, corrected, renamed.
 */
async function seedNewsroom(ctx: Context, dir: string) {
  await ctx.db
    .insertInto('webhook_subscriptions')
    .values({
      url: 'https://hooks.example.com/masthead',
      events: JSON.stringify(['article.published', 'article.updated']),
      secret: 'whsec_test_secret',
      description: 'the test hook',
      active: 1,
      created_at: ctx.now().toISOString(),
      updated_at: ctx.now().toISOString(),
    })
    .execute();
  await seedDemoIfEmpty(ctx);
  const users = await createRoleUsers(ctx);
  const token = await createPersonalToken(ctx.db, users.editor, { name: 'laptop' }, ctx.now());
  const apiKey = await createApiKey(ctx.db, { name: 'partner app' }, ctx.now());
  await changeAddresses(
    ctx,
    { alternates: ['https://mirror.example.org'], apps: [], basedOn: null },
    { id: null, label: 'test' },
  );
  const section = await createSection(
    ctx.db,
    { slug: 'backup-desk', name: 'Backup desk' },
    ctx.now().toISOString(),
  );
  const image = await addTestImage(ctx, dir, { alt: 'A test image', caption: 'Kept in the archive' });
  const opts = {
    timeZone: ctx.config.site.timeZone,
    by: String(users.editor),
    createdBy: users.editor,
    now: ctx.now().toISOString(),
  };
  const story = (headline: string, status: string, extra: Record<string, unknown> = {}) =>
    createArticle(
      ctx.db,
      {
        headline,
        body: paragraphs(`Body of ${headline}.`),
        sectionId: section.id,
        status,
        ...extra,
      } as never,
      opts,
    );
  const draft = await story('A draft that is saved over and over', 'draft');
  await story('A story in review', 'in_review');
  await story('A story scheduled for next week', 'scheduled', {
    publishAt: new Date(ctx.now().getTime() + 7 * 86_400_000).toISOString(),
  });
  await story('An archived story', 'archived');
  const doomed = await story('A deleted story', 'published');
  await softDeleteArticle(ctx.db, doomed.id, ctx.now().toISOString());
  const corrected = await story('A corrected story with a picture', 'published', { leadMediaId: image.id });
  await addNotice(ctx.db, corrected.id, { kind: 'correction', text: 'An earlier version misspelt a name.' }, {
    by: 'editor',
    now: ctx.now().toISOString(),
  } as never);
  const renamed = await story('A story whose address changed', 'published');
  const input = {
    headline: 'A story whose address changed',
    slug: 'a-story-with-a-new-address',
    body: paragraphs('Body, edited.'),
    sectionId: section.id,
    status: 'published',
  };
  await updateArticle(ctx.db, renamed.id, input as never, { ...opts, expectedVersion: renamed.version });
  return { users, token: token.token, apiKey: apiKey.key, draft, section, opts };
}

describe.each(testDialects())('backup on %s, restore on the other database', (dialect) => {
  let src: TestEnv;
  let dst: TestEnv;
  let restored: { ctx: Context; app: Awaited<ReturnType<typeof buildApp>> };
  let seeded: Awaited<ReturnType<typeof seedNewsroom>>;
  let file: string;
  let saves = 0;
  let imagesDuring = 0;
  const at = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    src = await testEnv(dialect);
    dst = await testEnv(other(dialect));
    seeded = await seedNewsroom(src.ctx, src.dir);
    file = path.join(src.dir, 'backup.tar.gz');

    // Editors keep saving and uploading while the backup runs.
    let stop = false;
    let version = seeded.draft.version;
    const writer = (async () => {
      while (!stop) {
        const row = await updateArticle(
          src.ctx.db,
          seeded.draft.id,
          {
            headline: `A draft that is saved over and over (${saves + 1})`,
            body: paragraphs(`Save number ${saves + 1}.`),
            sectionId: seeded.section.id,
          } as never,
          { ...seeded.opts, expectedVersion: version },
        );
        version = row.version;
        saves++;
        if (saves % 4 === 0) {
          await addTestImage(src.ctx, src.dir, {}, { width: 64, height: 48 });
          imagesDuring++;
        }
      }
    })();
    try {
      await createBackup(src.ctx, file);
    } finally {
      stop = true;
      await writer;
    }
    await restoreBackup(dst.ctx, file);
    // A server started on the restored database (it reads addresses and settings at start).
    const ctx = await createContext(dst.ctx.config, { now: () => at });
    restored = { ctx, app: await buildApp(ctx) };
    src.setNow(at);
  }, 180_000);

  afterAll(async () => {
    await restored?.app.close();
    await restored?.ctx.close();
    await src?.close();
    await dst?.close();
  });

  it('took the backup while editors kept writing', () => {
    expect(saves).toBeGreaterThan(0);
    expect(imagesDuring + saves).toBeGreaterThan(1);
  });

  it('restores one consistent moment: each story with the revision of its version, each image with its file', async () => {
    const db = restored.ctx.db;
    const draft = await db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', seeded.draft.id)
      .executeTakeFirstOrThrow();
    const last = await db
      .selectFrom('revisions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('article_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(Number(last.v)).toBe(draft.version);
    expect(draft.headline).toContain('saved over and over');
    for (const m of await db.selectFrom('media').select(['file', 'bytes']).execute()) {
      expect(fs.statSync(path.join(restored.ctx.config.mediaDir, m.file)).size, m.file).toBe(m.bytes);
    }
  });

  it('restores every row and every timestamp as it was', async () => {
    const db = restored.ctx.db;
    const srcIds = (await src.ctx.db.selectFrom('articles').select('id').execute()).map((r) => r.id);
    for (const table of [
      'articles',
      'revisions',
      'users',
      'personal_tokens',
      'webhook_deliveries',
      'settings',
    ] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(rows.length, table).toBeGreaterThan(0);
    }
    const stable = (rows: { id: number }[]) =>
      rows.filter((r) => r.id !== seeded.draft.id).sort((a, b) => a.id - b.id);
    const before = stable(await src.ctx.db.selectFrom('articles').selectAll().execute());
    const after = stable(await db.selectFrom('articles').selectAll().execute());
    // Images added during the backup are not stories; the articles other than the draft are unchanged.
    expect(after).toEqual(before.filter((r) => srcIds.includes(r.id)));
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('serves the same public pages, feeds and Content API answers, byte for byte', async () => {
    const story = await src.ctx.db
      .selectFrom('articles')
      .select('path')
      .where('status', '=', 'published')
      .where('path', 'is not', null)
      .where('lead_media_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const paths = [
      '/',
      story.path as string,
      '/backup-desk',
      '/news',
      '/feeds/all/rss.xml',
      '/feeds/all/feed.json',
      '/sitemap.xml',
      '/sitemaps/articles-1.xml',
      '/corrections',
      '/mirrors.json',
      '/api/content/v1/articles?limit=50',
      '/api/content/v1/sections',
      '/api/content/v1/tags',
    ];
    for (const url of paths) {
      const headers = { 'x-api-key': seeded.apiKey };
      const a = await src.app.inject({ method: 'GET', url, headers });
      const b = await restored.app.inject({ method: 'GET', url, headers });
      expect(a.statusCode, url).toBe(200);
      expect(b.statusCode, url).toBe(200);
      expect(b.body, url).toBe(a.body);
    }
  });

  it('keeps tokens and keys working, finds stories by search, and takes new stories with new ids', async () => {
    const ctx = restored.ctx;
    expect((await resolvePersonalToken(ctx.db, seeded.token, at))?.id).toBe(seeded.users.editor);
    const found = await searchArticles(ctx.db, {
      q: 'corrected story',
      publicAt: at.toISOString(),
      now: at,
      limit: 5,
    });
    expect(found.total).toBeGreaterThan(0);
    const top = Math.max(
      ...(await src.ctx.db.selectFrom('articles').select('id').execute()).map((r) => r.id),
    );
    const fresh = await createArticle(
      ctx.db,
      {
        headline: 'First story after the move',
        body: paragraphs('Written on the restored newsroom.'),
        sectionId: seeded.section.id,
        status: 'published',
      } as never,
      { timeZone: ctx.config.site.timeZone, now: new Date(at.getTime() - 1000).toISOString() },
    );
    expect(fresh.id).toBeGreaterThan(top);
    const page = await restored.app.inject({ method: 'GET', url: '/backup-desk' });
    expect(page.body).toContain('First story after the move');
    await createSection(ctx.db, { slug: 'after-the-move', name: 'After the move' }, ctx.now().toISOString());
  });

  it('verifies the archive, and refuses a damaged or truncated one without writing anything', async () => {
    const manifest = await verifyArchive(file);
    expect(manifest.source).toBe(dialect);
    expect(manifest.tables.find((t) => t.name === 'articles')?.rows).toBeGreaterThan(40);
    expect(manifest.media.files).toBeGreaterThan(30);
    expect(manifest.entries.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);

    const bytes = fs.readFileSync(file);
    const truncated = path.join(src.dir, 'truncated.tar.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(verifyArchive(truncated)).rejects.toThrow(/truncated/);

    const damagedGzip = path.join(src.dir, 'damaged-gzip.tar.gz');
    const flipped = Buffer.from(bytes);
    const at = Math.floor(bytes.length / 2);
    flipped[at] = (flipped[at] as number) ^ 0xff;
    fs.writeFileSync(damagedGzip, flipped);
    await expect(verifyArchive(damagedGzip)).rejects.toThrow(ArchiveRefused);

    // Intact compression over changed content: only the manifest's checksums can tell.
    const tar = gunzipSync(bytes);
    const row = tar.indexOf('"headline":"');
    tar[row + 12] = 'Z'.charCodeAt(0);
    const tampered = path.join(src.dir, 'tampered.tar.gz');
    fs.writeFileSync(tampered, gzipSync(tar));
    await expect(verifyArchive(tampered)).rejects.toThrow(/does not match its checksum/);

    const empty = await testEnv(dialect);
    try {
      // A new database is empty but for the rows migrations write (the default edition).
      const fresh = await counts(empty.ctx.db);
      const seeded = (t: string) => COPIED.find((c) => c.name === t)?.migrationRows === true;
      expect(Object.entries(fresh).every(([t, n]) => n === 0 || seeded(t))).toBe(true);
      for (const bad of [truncated, damagedGzip, tampered]) {
        await expect(restoreBackup(empty.ctx, bad)).rejects.toThrow(ArchiveRefused);
      }
      expect(await counts(empty.ctx.db)).toEqual(fresh);
      expect(filesUnder(path.join(empty.ctx.config.mediaDir, 'originals'))).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('refuses to restore into a database that is not empty, and changes nothing', async () => {
    const before = await counts(src.ctx.db);
    const media = filesUnder(src.ctx.config.mediaDir).length;
    await expect(restoreBackup(src.ctx, file)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(src.ctx, file)).rejects.toThrow(/not empty/);
    expect(await counts(src.ctx.db)).toEqual(before);
    expect(filesUnder(src.ctx.config.mediaDir).length).toBe(media);
  });
});

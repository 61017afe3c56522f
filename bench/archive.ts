/**
 * A generated archive for the export benchmark: sections, authors, tags, a few images and N
 * stories, bulk-inserted in one transaction (the write path's checks are not what we measure).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createUser } from '../src/accounts/index.js';
import { loadConfig } from '../src/config.js';
import { type Context, createContext } from '../src/context.js';
import { dateInZone } from '../src/lib/time.js';
import { addMediaFile } from '../src/media/library.js';

const ROOTS = ['news', 'business', 'culture', 'sports', 'technology', 'opinion'];
const CHILDREN = ['world', 'politics', 'europe', 'analysis'];
const WORDS =
  'the council said on monday that its budget would rise sharply after a long dispute between regional deputies and the ministry over schools roads hospitals and water'.split(
    ' ',
  );

function sentence(seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/**
 * `oldestFirst`: ids follow publication, as in a newsroom's own database (bench/related.ts);
 * by default the newest story comes first.
 */
export async function generateArchive(
  ctx: Context,
  dir: string,
  stories: number,
  { oldestFirst = false } = {},
): Promise<void> {
  const db = ctx.db;
  const at = '2026-01-01T00:00:00.000Z';
  const sectionIds: { id: number; path: string }[] = [];
  for (const [i, slug] of ROOTS.entries()) {
    const root = await db
      .insertInto('sections')
      .values({
        parent_id: null,
        slug,
        name: slug,
        description: `About ${slug}`,
        position: i,
        path: slug,
        created_at: at,
        updated_at: at,
      })
      .returning(['id', 'path'])
      .executeTakeFirstOrThrow();
    sectionIds.push(root);
    for (const [j, child] of CHILDREN.entries()) {
      const p = `${slug}/${child}`;
      sectionIds.push(
        await db
          .insertInto('sections')
          .values({
            parent_id: root.id,
            slug: child,
            name: child,
            description: '',
            position: j,
            path: p,
            created_at: at,
            updated_at: at,
          })
          .returning(['id', 'path'])
          .executeTakeFirstOrThrow(),
      );
    }
  }
  const authors = await db
    .insertInto('authors')
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        slug: `author-${i}`,
        name: `Author ${i}`,
        bio: `Reporter number ${i}.`,
        avatar_media_id: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .returning('id')
    .execute();
  const tags = await db
    .insertInto('tags')
    .values(
      Array.from({ length: 300 }, (_, i) => ({ slug: `topic-${i}`, name: `Topic ${i}`, created_at: at })),
    )
    .returning('id')
    .execute();
  const media: number[] = [];
  for (let i = 0; i < 8; i++) {
    const file = path.join(dir, `bench-${i}.jpg`);
    await sharp({
      create: { width: 1600, height: 900, channels: 3, background: { r: 30 * i, g: 90, b: 160 } },
    })
      .jpeg()
      .toFile(file);
    media.push(
      (await addMediaFile(db, ctx.config.mediaDir, file, ctx.now().toISOString(), { alt: `Picture ${i}` }))
        .id,
    );
  }
  const start = Date.parse('2026-11-28T12:00:00.000Z');
  const CHUNK = 500;
  await db.transaction().execute(async (tx) => {
    for (let base = 0; base < stories; base += CHUNK) {
      const rows = [];
      for (let i = base; i < Math.min(stories, base + CHUNK); i++) {
        const published = new Date(start - (oldestFirst ? stories - 1 - i : i) * 37 * 60_000).toISOString();
        const section = sectionIds[i % sectionIds.length]!;
        const slug = `story-${i}`;
        const { year, month, day } = dateInZone(published, ctx.config.site.timeZone);
        const body = {
          type: 'doc',
          content: [
            ...Array.from({ length: 6 }, (_, k) => ({
              type: 'paragraph',
              content: [{ type: 'text', text: `${sentence(i + k, 28)} ${sentence(i * 3 + k, 22)}` }],
            })),
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: sentence(i, 5) }] },
            { type: 'paragraph', content: [{ type: 'text', text: sentence(i + 99, 30) }] },
          ],
        };
        rows.push({
          slug,
          headline: `${sentence(i, 8).slice(0, -1)} (${i})`,
          dek: sentence(i + 1, 16),
          body: JSON.stringify(body),
          section_id: section.id,
          lead_media_id: i % 5 === 4 ? null : media[i % media.length]!,
          lead_caption: '',
          lead_credit: '',
          lead_file_photo: 0,
          status: 'published' as const,
          publish_at: null,
          first_published_at: published,
          created_at: published,
          updated_at: published,
          version: 1,
          seo_title: null,
          seo_description: null,
          dateline: null,
          path: `/${section.path}/${year}/${month}/${day}/${slug}`,
        });
      }
      const ids = await tx.insertInto('articles').values(rows).returning('id').execute();
      await tx
        .insertInto('article_authors')
        .values(
          ids.flatMap(({ id }, k) => [
            { article_id: id, author_id: authors[(base + k) % authors.length]!.id, position: 0 },
          ]),
        )
        .execute();
      await tx
        .insertInto('article_tags')
        .values(
          ids.flatMap(({ id }, k) =>
            [0, 1, 2].map((p) => ({
              article_id: id,
              tag_id: tags[((base + k) * 7 + p * 101) % tags.length]!.id,
              position: p,
            })),
          ),
        )
        .execute();
    }
  });
}

/**
 * A data directory holding an archive of `stories` stories (and, when asked, an admin account):
 * BENCH_ARCHIVE_DIR keeps it between runs (generated only when it holds no database yet), else a
 * new temporary directory the caller removes (`keep` false).
 */
export async function prepareArchive(
  stories: number,
  admin?: { email: string; password: string },
): Promise<{ dir: string; keep: boolean }> {
  const keep = process.env.BENCH_ARCHIVE_DIR !== undefined;
  const dir = keep
    ? path.resolve(process.env.BENCH_ARCHIVE_DIR as string)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-archive-'));
  if (fs.existsSync(path.join(dir, 'masthead.db'))) return { dir, keep };
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const ctx = await createContext(
    loadConfig({ ...process.env, MASTHEAD_DATA_DIR: dir, LOG_LEVEL: 'silent' }),
  );
  try {
    await generateArchive(ctx, dir, stories);
    if (admin)
      await createUser(
        ctx.db,
        { email: admin.email, name: 'Bench Admin', password: admin.password, role: 'admin' },
        ctx.now().toISOString(),
      );
  } finally {
    await ctx.close();
  }
  console.error(
    `archive of ${stories} stories generated in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { dir, keep };
}

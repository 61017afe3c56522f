import path from 'node:path';
import sharp from 'sharp';
import { createArticle } from '../content/articles.js';
import { createSection } from '../content/sections.js';
import type { Context } from '../context.js';
import type { ArticleRow } from '../db/index.js';
import { createEdition, type Edition, type EditionInput } from '../editions/index.js';
import { addMediaFile, type MediaMeta } from '../media/library.js';
import type { ArticleInput } from '../shared/article-input.js';
import { paragraphs } from './documents.js';

/** A real JPEG made on the spot, added to the media library. */
export async function addTestImage(
  ctx: Context,
  dir: string,
  meta: MediaMeta = {},
  size = { width: 1600, height: 900 },
) {
  const file = path.join(dir, `img-${Math.random().toString(36).slice(2)}.jpg`);
  await sharp({ create: { ...size, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .jpeg()
    .toFile(file);
  return addMediaFile(ctx.db, ctx.config.mediaDir, file, ctx.now().toISOString(), meta);
}

export { paragraphs };

/** The Spanish and Arabic editions the editions' tests add beside the site's own, at /es and /ar. */
export const EDITION_ES = {
  code: 'es',
  language: 'es',
  name: 'Noticias',
  timeZone: 'Europe/Madrid',
  prefix: 'es',
} as const satisfies EditionInput;
export const EDITION_AR = {
  code: 'ar',
  language: 'ar',
  name: 'الأخبار',
  timeZone: 'Asia/Dubai',
  prefix: 'ar',
} as const satisfies EditionInput;

export interface Fixture {
  sections: { news: number; politics: number; russia: number; world: number; sports: number };
  authors: { anna: number; daniel: number };
  image: number;
  publish(input: Partial<ArticleInput> & { headline: string }, hoursAgo?: number): Promise<ArticleRow>;
}

/** A small newsroom: News → Politics → Russia, News → World, Sports; two authors; one image. */
export async function seedFixture(ctx: Context, dir: string): Promise<Fixture> {
  const news = await createSection(
    ctx.db,
    { slug: 'news', name: 'News', position: 0 },
    ctx.now().toISOString(),
  );
  const politics = await createSection(
    ctx.db,
    { slug: 'politics', name: 'Politics', parentId: news.id },
    ctx.now().toISOString(),
  );
  const russia = await createSection(
    ctx.db,
    { slug: 'russia', name: 'Russia', parentId: politics.id },
    ctx.now().toISOString(),
  );
  const world = await createSection(
    ctx.db,
    { slug: 'world', name: 'World', parentId: news.id, position: 1 },
    ctx.now().toISOString(),
  );
  const sports = await createSection(
    ctx.db,
    { slug: 'sports', name: 'Sports', position: 1 },
    ctx.now().toISOString(),
  );
  const now = new Date().toISOString();
  const [anna, daniel] = await ctx.db
    .insertInto('authors')
    .values([
      {
        slug: 'anna-kovalenko',
        name: 'Anna Kovalenko',
        bio: 'Covers Russia.',
        avatar_media_id: null,
        created_at: now,
        updated_at: now,
      },
      {
        slug: 'daniel-reyes',
        name: 'Daniel Reyes',
        bio: 'Economy editor.',
        avatar_media_id: null,
        created_at: now,
        updated_at: now,
      },
    ])
    .returning('id')
    .execute();
  const image = await addTestImage(ctx, dir, { alt: 'A blue test image' });
  return {
    sections: { news: news.id, politics: politics.id, russia: russia.id, world: world.id, sports: sports.id },
    authors: { anna: anna!.id, daniel: daniel!.id },
    image: image.id,
    async publish(input, hoursAgo = 1) {
      const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
      return createArticle(
        ctx.db,
        {
          body: paragraphs(`Body of ${input.headline}.`, 'A second paragraph.'),
          sectionId: russia.id,
          authorIds: [anna!.id],
          status: 'published',
          leadMediaId: image.id,
          ...input,
          firstPublishedAt: at,
        },
        // A story for a later time is written now (as the newsroom would), not in its future.
        { timeZone: ctx.config.site.timeZone, now: hoursAgo < 0 ? ctx.now().toISOString() : at },
      );
    },
  };
}

/** A new edition, made as the newsroom API makes one, at the context's present moment. */
export function addEdition(ctx: Context, input: EditionInput): Promise<Edition> {
  return createEdition(ctx.db, ctx.config.site, input, ctx.now().toISOString());
}

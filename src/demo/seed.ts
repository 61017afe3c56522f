import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUCKET_MS, createViewCounter } from '../audience/index.js';
import { createArticle, createSection, raiseAlert } from '../content/index.js';
import { seedDemoLive } from './live.js';
import type { Context } from '../context.js';
import { createList, saveList } from '../fronts/index.js';
import type { Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import { addMediaFile } from '../media/index.js';
import { demoBlocksToDocument } from './blocks.js';
import { moreArticles, reserveArticles } from './data/articles-more.js';
import { newsArticles } from './data/articles-news.js';
import { demoAuthors } from './data/authors.js';
import { demoSections } from './data/sections.js';
import type { DemoArticle, DemoSection } from './data/types.js';
import { seedDemoEditions } from './editions.js';
import { neverHeldContent, SEED_KEY } from './marker.js';
import { seedDemoVideos } from './videos.js';

const IMAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'images');
const HOUR = 3_600_000;

export const demoArticles: DemoArticle[] = [...newsArticles, ...moreArticles, ...reserveArticles];

/**
 * Load the demo newsroom, but only into a database that has never held content: the marker
 * row stays after the demo is deleted, so real content is never mixed with a fresh demo.
 * The marker is written first in the same transaction, so two nodes starting at once on one
 * PostgreSQL database cannot both seed.
 */
export async function seedDemoIfEmpty(ctx: Context): Promise<{ articles: number; sections: number } | null> {
  if (!(await neverHeldContent(ctx.db))) return null;
  const now = ctx.now();
  const at = now.toISOString();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await tx.insertInto('settings').values({ key: SEED_KEY, value: at, updated_at: at }).execute();

      const sectionIds = new Map<string, number>();
      const addSections = async (list: DemoSection[], parentId: number | null, prefix: string) => {
        for (const [position, s] of list.entries()) {
          const row = await createSection(tx, { ...s, parentId, position }, at);
          sectionIds.set(prefix + s.slug, row.id);
          if (s.children) await addSections(s.children, row.id, `${prefix}${s.slug}/`);
        }
      };
      await addSections(demoSections, null, '');

      const authorIds = new Map<string, number>();
      for (const a of demoAuthors) {
        const avatar = await addMediaFile(
          tx,
          ctx.config.mediaDir,
          path.join(IMAGES, `avatar-${a.slug}.jpg`),
          at,
          {
            alt: `Portrait of ${a.name}`,
          },
        );
        const row = await tx
          .insertInto('authors')
          .values({ ...a, avatar_media_id: avatar.id, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        authorIds.set(a.slug, row.id);
      }

      const imageIds = new Map<string, number>();
      const image = async (key: string, alt = '') => {
        let id = imageIds.get(key);
        if (id === undefined) {
          id = (await addMediaFile(tx, ctx.config.mediaDir, path.join(IMAGES, `${key}.jpg`), at, { alt })).id;
          imageIds.set(key, id);
        }
        return id;
      };

      // Oldest first, so ids grow with publication time as they would in a real newsroom.
      const ordered = [...demoArticles].sort((a, b) => b.hoursAgo - a.hoursAgo);
      const storyIds = new Map<string, number>();
      for (const a of ordered) {
        const published = new Date(now.getTime() - a.hoursAgo * HOUR);
        const updated = new Date(published.getTime() + (a.updatedAfterHours ?? 0) * HOUR);
        const bodyImages = new Map<string, number>();
        for (const block of a.body) {
          if (typeof block === 'object' && 'image' in block)
            bodyImages.set(block.image, await image(block.image));
        }
        const sectionId = sectionIds.get(a.section);
        if (sectionId === undefined) throw new Error(`demo story ${a.slug}: unknown section ${a.section}`);
        const story = await createArticle(
          tx,
          {
            slug: a.slug,
            headline: a.headline,
            dek: a.dek,
            body: demoBlocksToDocument(a.body, (key) => bodyImages.get(key) ?? 0),
            sectionId,
            authorIds: a.authors.map((slug) => {
              const id = authorIds.get(slug);
              if (id === undefined) throw new Error(`demo story ${a.slug}: unknown author ${slug}`);
              return id;
            }),
            tags: a.tags,
            leadMediaId: await image(a.lead.image, a.lead.alt),
            leadCaption: a.lead.caption,
            leadCredit: a.lead.credit,
            leadFilePhoto: a.lead.filePhoto ?? false,
            status: 'published',
            dateline: a.dateline ?? null,
            firstPublishedAt: published.toISOString(),
          },
          { by: 'demo', timeZone: ctx.config.site.timeZone, now: updated.toISOString() },
        );
        storyIds.set(a.slug, story.id);
      }
      // The Spanish (/es/) and Arabic (/ar/, right to left) editions, some stories translations.
      const editionStories = await seedDemoEditions(tx, ctx, now, image, authorIds, storyIds);
      // Video stories (attached by slug) and the live stream.
      await seedDemoVideos(tx, image, at);
      // Readers for "Most read": simulated views over the last 48 hours, more for newer stories.
      await simulateViews(tx, now);
      await seedDemoFront(tx, now, sectionIds, storyIds);
      // A story covered live: the flood in Zarechny, with updates from the last few hours.
      const flood = storyIds.get('spring-flood-forces-evacuations-in-zarechny-district');
      if (flood !== undefined) await seedDemoLive(tx, flood, now, 'Anna Kovalenko');
      const floodPath =
        flood === undefined
          ? undefined
          : (await tx.selectFrom('articles').select('path').where('id', '=', flood).executeTakeFirst())?.path;
      // A live alert pointing at that coverage, so the banner shows on a fresh demo; it ends by
      // itself in 6 hours. English, so on the default edition's pages only (id 1, migration 030).
      await raiseAlert(
        tx,
        {
          text: 'River levels still rising: flood barriers going up along the embankment, follow the live updates',
          link: floodPath ?? '/live',
          level: 'live',
          expiresAt: new Date(now.getTime() + 6 * HOUR).toISOString(),
          editionId: 1,
        },
        { id: null, email: 'demo', label: 'demo', now: at },
      );
      return { articles: ordered.length + editionStories, sections: sectionIds.size };
    });
  } catch (err) {
    // Another process seeded (or real content arrived) while we were working: not an error.
    if (!(await neverHeldContent(ctx.db))) return null;
    throw err;
  }
}

/**
 * Simulated readers, so a fresh demo's "Most read" has something in it: every published story
 * gets views in each five-minute bucket since it appeared (within the last 48 hours), fewer as
 * it ages, scaled by a number made from its slug. Deterministic, written like real counts.
 */
async function simulateViews(db: Db, now: Date): Promise<void> {
  const stories = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'first_published_at'])
    .where('status', '=', 'published')
    .execute();
  const counter = createViewCounter({ maxKeys: 1_000_000 });
  const from = now.getTime() - 48 * HOUR;
  for (const s of stories) {
    const published = Date.parse(s.first_published_at ?? '');
    if (Number.isNaN(published)) continue;
    const appeal = 1 + ([...s.slug].reduce((n, c) => n + c.charCodeAt(0), 0) % 7);
    for (let t = Math.max(published, from); t <= now.getTime(); t += BUCKET_MS) {
      const ageHours = (t - published) / HOUR;
      const views = Math.round((appeal * 6) / (1 + ageHours / 3));
      for (let i = 0; i < views; i++) counter.record(s.id, new Date(t));
    }
  }
  await counter.flush(db);
}

/**
 * The demo's curated home page (src/fronts): the flood story held at the top, an election pick
 * that ends in three hours, a version of the lead list scheduled for twelve hours on, a video
 * row, and a row per top-level section.
 */
async function seedDemoFront(
  tx: Db,
  now: Date,
  sections: Map<string, number>,
  stories: Map<string, number>,
): Promise<void> {
  const by = { id: null, email: 'demo', label: 'demo', now: now.toISOString() };
  const story = (slug: string) => {
    const id = stories.get(slug);
    if (id === undefined) throw new Error(`demo front: unknown story ${slug}`);
    return id;
  };
  const lead = {
    source: { kind: 'latest' as const },
    pins: [
      { articleId: story('spring-flood-forces-evacuations-in-zarechny-district'), slot: 1 },
      {
        articleId: story('early-results-point-to-hung-council-in-aarhus'),
        slot: 2,
        expiresAt: new Date(now.getTime() + 3 * HOUR).toISOString(),
      },
    ],
    limit: 7,
    variant: 'lead' as const,
  };
  await createList(tx, { slug: 'home-lead', front: 'home', definition: lead }, by);
  await saveList(
    tx,
    'home-lead',
    {
      version: 1,
      title: '',
      definition: lead,
      scheduled: {
        at: new Date(now.getTime() + 12 * HOUR).toISOString(),
        definition: { source: { kind: 'latest' }, limit: 7, variant: 'lead' },
      },
    },
    by,
  );
  await createList(
    tx,
    {
      slug: 'home-watch',
      front: 'home',
      title: 'Watch',
      definition: { source: { kind: 'video' }, limit: 4, variant: 'video' },
    },
    by,
  );
  // Filled from the demo's simulated views (simulateViews), counted over the last day.
  await createList(
    tx,
    {
      slug: 'home-most-read',
      front: 'home',
      title: 'Most read',
      definition: { source: { kind: 'most_read', window: 'day' }, limit: 5, variant: 'headlines' },
    },
    by,
  );
  for (const root of demoSections) {
    if (root.slug === 'video') continue; // the Watch row above
    const sectionId = sections.get(root.slug);
    if (sectionId === undefined) continue;
    await createList(
      tx,
      {
        slug: `home-${root.slug}`,
        front: 'home',
        title: root.name,
        definition: {
          source: { kind: 'section', sectionId },
          limit: 4,
          variant: root.slug === 'opinion' ? 'row' : 'grid',
        },
      },
      by,
    );
  }
}

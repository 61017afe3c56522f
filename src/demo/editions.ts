import { createArticle, createSection } from '../content/index.js';
import type { Context } from '../context.js';
import type { Db } from '../db/index.js';
import { createEdition, type Edition } from '../editions/index.js';
import { createList, homeFront } from '../fronts/index.js';
import { demoBlocksToDocument } from './blocks.js';
import { arabicArticles, arabicSections } from './data/articles-ar.js';
import { spanishArticles, spanishSections } from './data/articles-es.js';
import type { DemoEditionArticle, DemoSection } from './data/types.js';

const HOUR = 3_600_000;

/** The demo's other editions: Spanish on /es/, Arabic (right to left) on /ar/. */
const EDITIONS: {
  code: string;
  language: string;
  name: string;
  timeZone: string;
  sections: DemoSection[];
  articles: DemoEditionArticle[];
  /** A curated home (src/fronts): this story held at the top over the newest, a row per section. */
  lead?: string;
}[] = [
  {
    code: 'es',
    language: 'es',
    name: 'Masthead Noticias',
    timeZone: 'Europe/Madrid',
    sections: spanishSections,
    articles: spanishArticles,
    lead: 'la-ola-de-frio-deja-temperaturas-record-en-el-interior',
  },
  {
    code: 'ar',
    language: 'ar',
    name: 'ماستهد بالعربية',
    timeZone: 'Asia/Dubai',
    sections: arabicSections,
    articles: arabicArticles,
  },
];

/**
 * Adds the demo's Spanish and Arabic editions with their sections and stories, and links the
 * translated ones to their English originals (one translation group each). Runs inside the
 * demo seed's transaction, through the same domain functions as the newsroom.
 */
export async function seedDemoEditions(
  tx: Db,
  ctx: Context,
  now: Date,
  image: (key: string, alt?: string) => Promise<number>,
  authorIds: ReadonlyMap<string, number>,
  storyIds: ReadonlyMap<string, number>,
): Promise<number> {
  const at = now.toISOString();
  let count = 0;
  for (const [position, e] of EDITIONS.entries()) {
    const edition = await createEdition(
      tx,
      ctx.config.site,
      {
        code: e.code,
        language: e.language,
        name: e.name,
        timeZone: e.timeZone,
        prefix: e.code,
        position: position + 1,
      },
      at,
    );
    const sectionIds = new Map<string, number>();
    for (const [i, s] of e.sections.entries()) {
      const row = await createSection(tx, { ...s, position: i, editionId: edition.id }, at);
      sectionIds.set(s.slug, row.id);
    }
    const ordered = [...e.articles].sort((a, b) => b.hoursAgo - a.hoursAgo);
    const ids = new Map<string, number>();
    for (const a of ordered) {
      const published = new Date(now.getTime() - a.hoursAgo * HOUR);
      const updated = new Date(published.getTime() + (a.updatedAfterHours ?? 0) * HOUR);
      const sectionId = sectionIds.get(a.section);
      if (sectionId === undefined) throw new Error(`demo story ${a.slug}: unknown section ${a.section}`);
      const story = await createArticle(
        tx,
        {
          slug: a.slug,
          headline: a.headline,
          dek: a.dek,
          body: demoBlocksToDocument(a.body, () => 0),
          sectionId,
          authorIds: a.authors.map((slug) => {
            const id = authorIds.get(slug);
            if (id === undefined) throw new Error(`demo story ${a.slug}: unknown author ${slug}`);
            return id;
          }),
          // Arabic names get transliterated slugs (content/tags.ts).
          tags: a.tags,
          leadMediaId: await image(a.lead.image, a.lead.alt),
          leadCaption: a.lead.caption,
          leadCredit: a.lead.credit,
          leadFilePhoto: a.lead.filePhoto ?? false,
          status: 'published',
          dateline: a.dateline ?? null,
          firstPublishedAt: published.toISOString(),
        },
        { by: 'demo', timeZone: e.timeZone, now: updated.toISOString() },
      );
      count++;
      ids.set(a.slug, story.id);
      const source = a.translationOf === undefined ? undefined : storyIds.get(a.translationOf);
      if (a.translationOf !== undefined && source === undefined) {
        throw new Error(`demo story ${a.slug}: no English story ${a.translationOf}`);
      }
      if (source !== undefined) {
        // The English original names the group (as "Translate" in the newsroom would).
        await tx
          .updateTable('articles')
          .set({ translation_group_id: source })
          .where('id', 'in', [source, story.id])
          .execute();
      }
    }
    if (e.lead) await seedEditionFront(tx, now, edition, e.sections, sectionIds, ids, e.lead);
  }
  return count;
}

/**
 * An edition's curated home (docs/editions.md, "Curating an edition"): `lead` pinned at the top
 * of its newest stories, then a row per top-level section, as the English home is laid out.
 */
async function seedEditionFront(
  tx: Db,
  now: Date,
  edition: Edition,
  sections: readonly DemoSection[],
  sectionIds: ReadonlyMap<string, number>,
  stories: ReadonlyMap<string, number>,
  lead: string,
): Promise<void> {
  const by = { id: null, email: 'demo', label: 'demo', now: now.toISOString() };
  const front = homeFront(edition);
  const pinned = stories.get(lead);
  if (pinned === undefined) throw new Error(`demo front of ${edition.code}: unknown story ${lead}`);
  await createList(
    tx,
    {
      slug: `${edition.code}-portada`,
      front,
      definition: {
        source: { kind: 'latest' },
        pins: [{ articleId: pinned, slot: 1 }],
        limit: 7,
        variant: 'lead',
      },
    },
    by,
  );
  for (const s of sections) {
    const sectionId = sectionIds.get(s.slug);
    if (sectionId === undefined) continue;
    await createList(
      tx,
      {
        slug: `${edition.code}-${s.slug}`,
        front,
        title: s.name,
        definition: { source: { kind: 'section', sectionId }, limit: 4, variant: 'grid' },
      },
      by,
    );
  }
}

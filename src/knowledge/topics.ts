import { announceChange, articleTag, entityListTag, entityTag, SITEMAPS } from '../cache/index.js';
import { isPublicArticle, publicArticles } from '../content/index.js';
import { compiledQuery, type Db, type EntityRow, type EntityType } from '../db/index.js';
import { normaliseName } from './normalise.js';

/**
 * The readers' side of the registry: topic pages (/topics/{slug}, one per entity with a confirmed
 * link to a public story), a story's topics and its JSON-LD `about`/`mentions`, and the cache
 * tags a decision or a registry edit makes stale.
 */

/** The entity a topic slug names, or where a merged-away slug now lives. */
export type TopicLookup = { entity: EntityRow } | { movedTo: string } | undefined;

export async function topicBySlug(db: Db, slug: string): Promise<TopicLookup> {
  const row = await db.selectFrom('entities').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  if (row.merged_into === null) return { entity: row };
  // Merges re-point earlier merges at the survivor, so one step reaches it.
  const into = await db
    .selectFrom('entities')
    .select(['slug', 'merged_into'])
    .where('id', '=', row.merged_into)
    .executeTakeFirst();
  return into && into.merged_into === null ? { movedTo: into.slug } : undefined;
}

/** An entity another topic page links to: confirmed on the same public stories. */
export interface RelatedEntity {
  id: number;
  type: EntityType;
  name: string;
  slug: string;
  /** Public stories confirmed about both. */
  shared: number;
}

/** The entities most often confirmed on the same public stories as `entityId`, most shared first. */
export async function relatedEntities(
  db: Db,
  now: string,
  entityId: number,
  limit = 8,
): Promise<RelatedEntity[]> {
  const rows = await db
    .selectFrom('article_entities as mine')
    .innerJoin('article_entities as other', 'other.article_id', 'mine.article_id')
    .innerJoin('entities as e', 'e.id', 'other.entity_id')
    .select(['e.id', 'e.type', 'e.name', 'e.slug', (eb) => eb.fn.countAll<number>().as('shared')])
    .where('mine.entity_id', '=', entityId)
    .where('mine.state', '=', 'confirmed')
    .where('other.state', '=', 'confirmed')
    .where('other.entity_id', '!=', entityId)
    .where('e.merged_into', 'is', null)
    .where('mine.article_id', 'in', publicArticles(db, now).select('articles.id'))
    .groupBy(['e.id', 'e.type', 'e.name', 'e.slug'])
    .orderBy('shared', 'desc')
    .orderBy('e.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, shared: Number(r.shared) }));
}

/** A confirmed entity of a story as its page shows it. */
export interface ArticleTopic {
  id: number;
  type: EntityType;
  name: string;
  slug: string;
  description: string;
  wikidataQid: string | null;
  sameAs: string[];
  /** What the story is about (2+ mentions, or named in the headline) rather than merely mentions. */
  about: boolean;
}

/** `sameAs` of an entity: its Wikidata page (from the QID), then the newsroom's own links. */
export function sameAsOf(row: Pick<EntityRow, 'wikidata_qid' | 'same_as'>): string[] {
  const links = JSON.parse(row.same_as) as string[];
  const wikidata = row.wikidata_qid ? `https://www.wikidata.org/wiki/${row.wikidata_qid}` : null;
  return wikidata ? [wikidata, ...links.filter((l) => l !== wikidata)] : links;
}

/** The story's confirmed entities, those it is about first, then by name. */
export async function articleTopics(db: Db, articleId: number, headline: string): Promise<ArticleTopic[]> {
  return (await topicsOfStories(db, [{ id: articleId, headline }])).get(articleId) ?? [];
}

const topicRows = compiledQuery((db, articleIds: readonly number[]) =>
  db
    .selectFrom('article_entities as l')
    .innerJoin('entities as e', 'e.id', 'l.entity_id')
    .select([
      'l.article_id',
      'e.id',
      'e.type',
      'e.name',
      'e.slug',
      'e.description',
      'e.wikidata_qid',
      'e.same_as',
      'l.mentions',
    ])
    .where('l.article_id', 'in', articleIds)
    .where('l.state', '=', 'confirmed')
    .where('e.merged_into', 'is', null)
    .orderBy('l.article_id')
    .orderBy('e.name'),
);

/**
 * The confirmed entities of many stories (the static export loads every public story's at once),
 * each story's those it is about first, then by name. Stories with none are left out.
 */
export async function topicsOfStories(
  db: Db,
  stories: readonly { id: number; headline: string }[],
): Promise<Map<number, ArticleTopic[]>> {
  const out = new Map<number, ArticleTopic[]>();
  for (let i = 0; i < stories.length; i += 500) {
    const chunk = stories.slice(i, i + 500);
    const rows = await topicRows(
      db,
      chunk.map((s) => s.id),
    );
    if (rows.length === 0) continue;
    const aliases = new Map<number, string[]>();
    const entityIds = [...new Set(rows.map((r) => r.id))];
    for (let j = 0; j < entityIds.length; j += 500) {
      for (const a of await db
        .selectFrom('entity_aliases')
        .select(['entity_id', 'normalised'])
        .where('entity_id', 'in', entityIds.slice(j, j + 500))
        .execute()) {
        const list = aliases.get(a.entity_id);
        if (list) list.push(a.normalised);
        else aliases.set(a.entity_id, [a.normalised]);
      }
    }
    const headlines = new Map(chunk.map((s) => [s.id, ` ${normaliseName(s.headline)} `]));
    for (const r of rows) {
      const title = headlines.get(r.article_id) ?? '';
      const names = [normaliseName(r.name), ...(aliases.get(r.id) ?? [])];
      const inHeadline = names.some((n) => n !== '' && title.includes(` ${n} `));
      const topic: ArticleTopic = {
        id: r.id,
        type: r.type,
        name: r.name,
        slug: r.slug,
        description: r.description,
        wikidataQid: r.wikidata_qid,
        sameAs: sameAsOf(r),
        about: r.mentions >= 2 || inHeadline,
      };
      const list = out.get(r.article_id);
      if (list) list.push(topic);
      else out.set(r.article_id, [topic]);
    }
  }
  for (const [id, topics] of out)
    out.set(id, [...topics.filter((t) => t.about), ...topics.filter((t) => !t.about)]);
  return out;
}

/**
 * After a decision on a story's link: the story's own cached answers go and, when the story is
 * public, the topic pages of every entity confirmed on it before or after (their lists, and the
 * related entities they show, change). `entityIds`: the entities the decision touched.
 */
export async function announceDecision(
  db: Db,
  articleId: number,
  entityIds: readonly (number | null)[],
  now: string,
) {
  const tags = new Set([articleTag(articleId)]);
  const story = await db
    .selectFrom('articles')
    .select(['status', 'first_published_at', 'deleted_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (story && isPublicArticle(story, now)) {
    // A topic page may come into being or go: the sitemaps list topic pages.
    tags.add(SITEMAPS);
    for (const id of entityIds) if (id !== null) tags.add(entityListTag(id));
    for (const id of await confirmedOn(db, [articleId])) tags.add(entityListTag(id));
  }
  announceChange(db, [...tags]);
}

/**
 * After a registry edit or merge: the entities' own pages and every page naming them (topics
 * lines, related entities), the stories confirmed about them; with `lists` (a merge moves story
 * links) also the topic pages of every entity confirmed on those stories.
 */
export async function announceEntities(db: Db, entityIds: readonly number[], opts: { lists?: boolean } = {}) {
  const tags = new Set(entityIds.map(entityTag));
  const stories = await db
    .selectFrom('article_entities')
    .select('article_id')
    .distinct()
    .where('entity_id', 'in', entityIds)
    .where('state', '=', 'confirmed')
    .execute();
  for (const s of stories) tags.add(articleTag(s.article_id));
  if (opts.lists) {
    // A merged-away entity's topic page leaves the sitemaps (it answers 301 now).
    tags.add(SITEMAPS);
    for (const id of entityIds) tags.add(entityListTag(id));
    const alongside = await db
      .selectFrom('article_entities')
      .select('entity_id')
      .distinct()
      .where('state', '=', 'confirmed')
      .where('article_id', 'in', (eb) =>
        eb
          .selectFrom('article_entities as l')
          .select('l.article_id')
          .where('l.entity_id', 'in', entityIds)
          .where('l.state', '=', 'confirmed'),
      )
      .execute();
    for (const r of alongside) if (r.entity_id !== null) tags.add(entityListTag(r.entity_id));
  }
  announceChange(db, [...tags]);
}

async function confirmedOn(db: Db, articleIds: readonly number[]): Promise<number[]> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_entities')
    .select('entity_id')
    .distinct()
    .where('article_id', 'in', articleIds)
    .where('state', '=', 'confirmed')
    .execute();
  return rows.flatMap((r) => (r.entity_id === null ? [] : [r.entity_id]));
}

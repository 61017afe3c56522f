import { sql } from 'kysely';
import { isPublicArticle } from '../content/index.js';
import { compiledQuery, type Db } from '../db/index.js';

/** Newest links read per shared entity: bounds the work for an entity on 50,000 stories. */
const CANDIDATES_PER_ENTITY = 200;
/**
 * Stories counted per entity, at most: past it an entity is common and its weight hardly moves
 * (1/ln 2002 ≈ 0.13 against 0.09 for 80,000 stories), and counting stops costing milliseconds.
 */
const COUNT_CAP = 2_000;
/** A story's weight halves every this many days. */
const HALF_LIFE_DAYS = 60;

/**
 * Stories related to `articleId` by the confirmed entities they share, strongest first. Each
 * shared entity adds 1 / ln(2 + the number of stories confirmed about it): a name on few
 * stories binds them more than "Russia" does. The sum is halved for every HALF_LIFE_DAYS of the
 * candidate's age. Candidates are each entity's newest CANDIDATES_PER_ENTITY links (by link id,
 * which the (entity_id, state) index returns in order), so the cost does not grow with the
 * archive; only public stories are returned.
 */
export async function relatedStories(db: Db, now: string, articleId: number, limit = 4): Promise<number[]> {
  const own = await ownEntities(db, articleId);
  const entityIds = own.flatMap((r) => (r.entity_id === null ? [] : [r.entity_id]));
  if (entityIds.length === 0) return [];
  const shared = await Promise.all(
    entityIds.map(async (entityId) => {
      const [count, links] = await Promise.all([
        db
          .selectFrom((eb) =>
            eb
              .selectFrom('article_entities')
              .select('id')
              .where('entity_id', '=', entityId)
              .where('state', '=', 'confirmed')
              .limit(COUNT_CAP)
              .as('capped'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('article_entities')
          .select('article_id')
          .where('entity_id', '=', entityId)
          .where('state', '=', 'confirmed')
          .where('article_id', '!=', articleId)
          .orderBy('id', 'desc')
          .limit(CANDIDATES_PER_ENTITY)
          .execute(),
      ]);
      return { stories: Number(count.n), candidates: links.map((l) => l.article_id) };
    }),
  );
  const score = scoreCandidates(shared);
  if (score.size === 0) return [];
  // By primary key, then the public rule in hand: with the rule in SQL the planner walks the
  // (status, first_published_at) index over the whole archive instead (measured: 30 ms at 200,000).
  const rows = (
    await db
      .selectFrom('articles')
      .select(['id', 'status', 'first_published_at', 'deleted_at'])
      .where('id', 'in', [...score.keys()])
      .execute()
  ).filter((r) => isPublicArticle(r, now));
  return strongest(
    score,
    rows.map((r) => ({ id: r.id, publishedAt: r.first_published_at })),
    now,
    limit,
  );
}

const ownEntities = compiledQuery((db, articleId: number) =>
  db
    .selectFrom('article_entities')
    .select('entity_id')
    .where('article_id', '=', articleId)
    .where('state', '=', 'confirmed')
    .orderBy('entity_id'),
);

/** Per shared entity (in entity id order, so sums add up the same everywhere): its weight to each candidate. */
function scoreCandidates(shared: readonly { stories: number; candidates: readonly number[] }[]) {
  const score = new Map<number, number>();
  for (const { stories, candidates } of shared) {
    const weight = 1 / Math.log(2 + stories);
    for (const id of candidates) score.set(id, (score.get(id) ?? 0) + weight);
  }
  return score;
}

/** The public candidates, their score halved for every HALF_LIFE_DAYS of age, strongest first. */
function strongest(
  score: Map<number, number>,
  visible: readonly { id: number; publishedAt: string | null }[],
  now: string,
  limit: number,
): number[] {
  const at = Date.parse(now);
  return visible
    .map((r) => {
      const days = Math.max(0, (at - Date.parse(r.publishedAt ?? now)) / 86_400_000);
      return { id: r.id, s: (score.get(r.id) ?? 0) * 0.5 ** (days / HALF_LIFE_DAYS) };
    })
    .sort((a, b) => b.s - a.s || b.id - a.id)
    .slice(0, limit)
    .map((r) => r.id);
}

/**
 * What `relatedStories` reads, for the whole archive at once (the static export renders every
 * story page): each entity's confirmed-story count (capped) and its newest links, one more than
 * the candidates so that leaving the story itself out still leaves enough. Same answers as
 * `relatedStories`, without a query per story.
 */
export class RelatedIndex {
  private constructor(
    private readonly counts: Map<number, number>,
    private readonly newest: Map<number, number[]>,
  ) {}

  static async load(db: Db): Promise<RelatedIndex> {
    const counts = new Map<number, number>();
    for (const r of await db
      .selectFrom('article_entities')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', '=', 'confirmed')
      .where('entity_id', 'is not', null)
      .groupBy('entity_id')
      .execute())
      if (r.entity_id !== null) counts.set(r.entity_id, Math.min(COUNT_CAP, Number(r.n)));
    const ranked = db
      .selectFrom('article_entities')
      .select([
        'id',
        'article_id',
        'entity_id',
        sql<number>`row_number() over (partition by entity_id order by id desc)`.as('rank'),
      ])
      .where('state', '=', 'confirmed')
      .where('entity_id', 'is not', null)
      .as('ranked');
    const newest = new Map<number, number[]>();
    for (const r of await db
      .selectFrom(ranked)
      .select(['ranked.article_id', 'ranked.entity_id'])
      .where('ranked.rank', '<=', CANDIDATES_PER_ENTITY + 1)
      .orderBy('ranked.entity_id')
      .orderBy('ranked.id', 'desc')
      .execute()) {
      if (r.entity_id === null) continue;
      const list = newest.get(r.entity_id);
      if (list) list.push(r.article_id);
      else newest.set(r.entity_id, [r.article_id]);
    }
    return new RelatedIndex(counts, newest);
  }

  /**
   * The story's related stories, as `relatedStories` ranks them. `entityIds`: its confirmed
   * entities; `publishedAt`: a public story's first publication, undefined for any other.
   */
  related(
    articleId: number,
    entityIds: readonly number[],
    publishedAt: (id: number) => string | null | undefined,
    now: string,
    limit = 4,
  ): number[] {
    if (entityIds.length === 0) return [];
    const shared = [...entityIds]
      .sort((a, b) => a - b)
      .map((id) => ({
        stories: this.counts.get(id) ?? 0,
        candidates: (this.newest.get(id) ?? [])
          .filter((a) => a !== articleId)
          .slice(0, CANDIDATES_PER_ENTITY),
      }));
    const score = scoreCandidates(shared);
    const visible: { id: number; publishedAt: string | null }[] = [];
    for (const id of score.keys()) {
      const at = publishedAt(id);
      if (at !== undefined) visible.push({ id, publishedAt: at });
    }
    return strongest(score, visible, now, limit);
  }
}

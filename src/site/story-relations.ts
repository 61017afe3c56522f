import { compiledQuery, type Db } from '../db/index.js';

/**
 * Which of the rows a story may have besides its bylines, tags and images it has: a video
 * (content/video), standing notices (content/notices), live coverage (live/) and confirmed
 * entities (knowledge/: its topics and related stories). Most stories have none of them, yet each
 * domain's read is a statement of its own, and on a crawl every statement of a story pays for
 * memory gone cold since the story was last read (docs/benchmarks.md, issue #18). One statement
 * asks all four; the page then calls only the domains whose rows exist, through their own
 * functions as before. Each test is the domain's own condition or wider, never narrower: a yes
 * costs the domain's read, a wrong no would lose what the page shows.
 */
export interface StoryRelations {
  video: boolean;
  notices: boolean;
  live: boolean;
  entities: boolean;
}

export async function storyRelations(db: Db, articleId: number): Promise<StoryRelations> {
  const [row] = await relations(db, articleId);
  // Booleans on PostgreSQL, 0 or 1 on SQLite.
  return {
    video: Boolean(row?.video),
    notices: Boolean(row?.notices),
    live: Boolean(row?.live),
    entities: Boolean(row?.entities),
  };
}

const relations = compiledQuery((db, articleId: number) =>
  db.selectNoFrom((eb) => [
    eb
      .exists(eb.selectFrom('article_videos').select('article_id').where('article_id', '=', articleId))
      .as('video'),
    eb
      .exists(
        eb
          .selectFrom('article_notices')
          .select('id')
          .where('article_id', '=', articleId)
          .where('removed_at', 'is', null),
      )
      .as('notices'),
    eb
      .exists(eb.selectFrom('live_coverage').select('article_id').where('article_id', '=', articleId))
      .as('live'),
    eb
      .exists(
        eb
          .selectFrom('article_entities')
          .select('id')
          .where('article_id', '=', articleId)
          .where('state', '=', 'confirmed'),
      )
      .as('entities'),
  ]),
);

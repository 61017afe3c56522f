import type { Transaction } from 'kysely';
import {
  ALL_LIST,
  announceChange,
  articleTag,
  authorListTag,
  entityListTag,
  SITEMAPS,
  sectionListTag,
  tagListTag,
} from '../cache/index.js';
import type { ArticleRow, Database, Db } from '../db/index.js';
import type { PublicNotice } from './notices.js';
import { isPublicArticle } from './queries.js';
import { ancestry, loadSectionTree } from './sections.js';

/**
 * The one seam every article write goes through, inside the writer's transaction. Domains that
 * keep state derived from articles (the search index, the webhook outbox) are called from here
 * explicitly, so the derived state commits or rolls back with the story itself; caches hear of
 * the change once it has committed.
 *
 * `before` is null for a new article; `after` is null for a hard delete. Bylines and tags are
 * already written when this runs; `linksBefore` carries the old ones when the write changed them.
 */
export interface ArticleChange {
  before: ArticleRow | null;
  after: ArticleRow | null;
  linksBefore?: ArticleLinks;
  /** The writer's clock (ISO): what is public "now", when webhook deliveries fall due. */
  now: string;
  /** Set when the change is a notice added to, edited on or removed from a public story. */
  notice?: PublicNotice & { action: 'added' | 'edited' | 'removed' };
}

export interface ArticleLinks {
  authorIds: number[];
  tagIds: number[];
}

/** State another domain derives from stories, written inside the story's own transaction. */
export type ArticleChangeHook = (tx: Transaction<Database>, change: ArticleChange) => Promise<void>;

let derivedState: readonly ArticleChangeHook[] | null = null;
let rederive: ((tx: Db, ids: readonly number[]) => Promise<void>) | null = null;

/**
 * Names the derived state every article write keeps in step (context.ts lists it: the webhook
 * outbox, the search index), and how to bring the search index up to date for stories whose
 * byline or tag names changed. Those domains build on content, so content cannot import them:
 * the list is handed down once per process instead, and a write before that is refused, never
 * silently left out of search.
 */
export function installArticleChangeHooks(
  hooks: readonly ArticleChangeHook[],
  opts: { reindex(tx: Db, ids: readonly number[]): Promise<void> },
): void {
  derivedState = hooks;
  rederive = opts.reindex;
}

/**
 * Re-derives what depends on the names around stories (a renamed tag or byline is searchable
 * under its new name), inside the caller's transaction. Not an article change: no webhook fires.
 */
export async function reindexStories(tx: Db, ids: readonly number[]): Promise<void> {
  if (!rederive) {
    throw new Error('article change hooks are not installed: createContext() installs them before any write');
  }
  if (ids.length > 0) await rederive(tx, ids);
}

export async function recordArticleChange(tx: Transaction<Database>, change: ArticleChange): Promise<void> {
  if (!derivedState) {
    throw new Error('article change hooks are not installed: createContext() installs them before any write');
  }
  for (const hook of derivedState) await hook(tx, change);
  announceChange(tx, await invalidationsOf(tx, change));
}

/** The bylines and tags of a story, for `linksBefore`. */
export async function linksOf(db: Db, articleId: number): Promise<ArticleLinks> {
  const [authors, tags] = await Promise.all([
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', articleId).execute(),
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute(),
  ]);
  return { authorIds: authors.map((a) => a.author_id), tagIds: tags.map((t) => t.tag_id) };
}

/**
 * What a story's change makes stale, in the cache tag vocabulary. Readers only ever see public
 * stories, so a change to a draft touches nothing. Every page that showed the story carries its
 * `article:` tag; lists it enters or leaves (and whose later pages shift by one) are named by scope.
 */
async function invalidationsOf(
  tx: Db,
  { before, after, linksBefore, now }: ArticleChange,
): Promise<string[]> {
  const wasPublic = before !== null && isPublicArticle(before, now);
  const isPublic = after !== null && isPublicArticle(after, now);
  const story = after ?? before;
  if ((!wasPublic && !isPublic) || !story) return [];
  const tags = new Set([articleTag(story.id), SITEMAPS]);
  const linksNow = after ? await linksOf(tx, after.id) : { authorIds: [], tagIds: [] };
  const moved =
    wasPublic !== isPublic ||
    before?.section_id !== after?.section_id ||
    before?.first_published_at !== after?.first_published_at ||
    before?.path !== after?.path;
  if (moved) {
    tags.add(ALL_LIST);
    const tree = await loadSectionTree(tx);
    for (const row of [before, after]) {
      if (row) for (const s of ancestry(tree, row.section_id)) tags.add(sectionListTag(s.id));
    }
    for (const id of [...(linksBefore?.authorIds ?? []), ...linksNow.authorIds]) tags.add(authorListTag(id));
    for (const id of [...(linksBefore?.tagIds ?? []), ...linksNow.tagIds]) tags.add(tagListTag(id));
    // Its topic pages (src/knowledge decides the links; a save never changes them).
    for (const id of await confirmedEntityIds(tx, story.id)) tags.add(entityListTag(id));
  } else if (linksBefore) {
    // Same place in every list, except the author and tag lists it joined or left.
    for (const id of symmetricDifference(linksBefore.authorIds, linksNow.authorIds))
      tags.add(authorListTag(id));
    for (const id of symmetricDifference(linksBefore.tagIds, linksNow.tagIds)) tags.add(tagListTag(id));
  }
  return [...tags];
}

async function confirmedEntityIds(db: Db, articleId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_entities')
    .select('entity_id')
    .where('article_id', '=', articleId)
    .where('state', '=', 'confirmed')
    .where('entity_id', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.entity_id === null ? [] : [r.entity_id]));
}

function symmetricDifference(a: number[], b: number[]): number[] {
  const sa = new Set(a);
  const sb = new Set(b);
  return [...a.filter((x) => !sb.has(x)), ...b.filter((x) => !sa.has(x))];
}

/**
 * Stories published with a time still in the future become public when the clock passes it,
 * with no write to announce them. Called every second by each process with the window since its
 * last call, it announces those that came due so lists and feeds show them at once.
 */
export async function announceStoriesComingDue(db: Db, since: string, now: string): Promise<number> {
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where('first_published_at', '>', since)
    .where('first_published_at', '<=', now)
    // Written before its time came (a story published at once was announced by its write: said
    // again a second later, it dropped pages other nodes had just cached for nothing).
    .whereRef('updated_at', '<', 'first_published_at')
    .execute();
  for (const row of rows) {
    announceChange(
      db,
      await invalidationsOf(db, { before: { ...row, status: 'scheduled' }, after: row, now }),
    );
  }
  return rows.length;
}

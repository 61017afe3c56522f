import type { Transaction } from 'kysely';
import type { ArticleRow, Database } from '../db/index.js';
import { enqueueArticleEvents } from '../distribution/webhooks/events.js';
import { indexArticleChange } from '../search/indexer.js';

/**
 * The one seam every article write goes through, inside the writer's transaction. Domains that
 * keep state derived from articles (the search index, the webhook outbox) are called from here
 * explicitly, so the derived state commits or rolls back with the story itself.
 *
 * `before` is null for a new article; `after` is null for a hard delete. Bylines and tags are
 * already written when this runs.
 */
export interface ArticleChange {
  before: ArticleRow | null;
  after: ArticleRow | null;
}

export async function recordArticleChange(tx: Transaction<Database>, change: ArticleChange): Promise<void> {
  // Derived state is added here, one call per domain.
  await enqueueArticleEvents(tx, change);
  await indexArticleChange(tx, change);
}

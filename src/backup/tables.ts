/**
 * What a backup holds of the database: the newsroom's own tables, in an order where every row's
 * references come before it (restore inserts in this order), each with the key it is read by.
 * A new table must be added to COPIED or SKIPPED: tables.test.ts fails until it is.
 */
export interface CopiedTable {
  name: string;
  /** The primary key: rows are read in its order, in keyset pages. */
  key: readonly string[];
  /** Has a generated `id`, whose sequence restore sets past the archived rows. */
  generatedId?: boolean;
  /**
   * A column referring to the same table (sections.parent_id): a section may have been moved under
   * a newer one, so restore inserts it empty and fills it once every row of the table is in.
   */
  selfReference?: string;
  /**
   * A new database already holds rows a migration wrote (the default edition, migration 030):
   * the target counts as empty with them, and restore replaces them with the archive's.
   */
  migrationRows?: boolean;
}

const id = (name: string, extra: Partial<CopiedTable> = {}): CopiedTable => ({
  name,
  key: ['id'],
  generatedId: true,
  ...extra,
});

export const COPIED: readonly CopiedTable[] = [
  id('editions', { migrationRows: true }),
  id('media'),
  id('sections', { selfReference: 'parent_id' }),
  id('authors'),
  id('tags'),
  id('users'),
  id('articles'),
  { name: 'article_authors', key: ['article_id', 'author_id'] },
  { name: 'article_tags', key: ['article_id', 'tag_id'] },
  id('revisions'),
  id('redirects'),
  { name: 'settings', key: ['key'] },
  id('api_keys'),
  id('webhook_subscriptions'),
  id('webhook_deliveries'),
  id('webhook_attempts'),
  { name: 'article_videos', key: ['article_id'] },
  id('live_streams'),
  id('personal_tokens'),
  id('audit_log'),
  { name: 'mirror_checks', key: ['url'] },
  { name: 'working_copies', key: ['article_id'] },
  id('article_notices'),
  id('article_notes'),
  { name: 'import_items', key: ['source', 'kind', 'source_id'] },
  id('alerts'),
  { name: 'story_views', key: ['article_id', 'bucket'] },
  { name: 'story_views_daily', key: ['article_id', 'day'] },
  id('import_runs'),
  id('front_lists'),
  id('ingest_sources'),
  id('ingest_items'),
  { name: 'ingest_uses', key: ['article_id'] },
  { name: 'live_coverage', key: ['article_id'] },
  id('live_entries'),
  id('live_entry_revisions'),
  id('entities', { selfReference: 'merged_into' }),
  id('entity_aliases'),
  id('article_entities'),
  { name: 'entity_extraction_queue', key: ['article_id'] },
];

/** Tables a backup leaves out, and why (docs/operations.md, "What is in the archive"). */
export const SKIPPED: Readonly<Record<string, string>> = {
  search_documents: 'rebuilt from the stories after a restore',
  sessions: 'sign-ins are not carried over: everyone signs in again after a restore',
  editing_sessions: 'who has a story open right now',
  password_resets: 'reset links are short-lived; ask for a new one after a restore',
  login_throttle: 'failed sign-in counters of the last minutes',
  rate_limit_counters: 'Content API request counts of the current minute',
};

/** Tables of the database itself or of a table we keep (the migration log, FTS5's own tables). */
export function isInternalTable(name: string): boolean {
  return name.startsWith('kysely_migration') || name.startsWith('search_fts') || name.startsWith('sqlite_');
}

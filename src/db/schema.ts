import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ArticleStatus, Role } from '../shared/vocabulary.js';

/**
 * Row types of every table, as the application sees them on both databases:
 * timestamps are ISO-8601 UTC strings, flags are 0/1 integers, JSON is text.
 * (The adapter makes PostgreSQL hand values back in the same shapes as SQLite.)
 */
// The words the app shares (src/shared/vocabulary.ts): the columns below hold exactly these.
export { ARTICLE_STATUSES, type ArticleStatus, ROLES, type Role } from '../shared/vocabulary.js';

export interface SectionsTable {
  id: Generated<number>;
  parent_id: number | null;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** Materialized slug path ("news/politics/russia"); the public URL of the section front. */
  path: string;
  created_at: string;
  updated_at: string;
  /** The edition whose tree it is in (src/editions); a prefixed edition's paths start with it. */
  edition_id: Generated<number>;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  avatar_media_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  /** Storage key of the original, relative to the media directory. */
  file: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  file_photo: number;
  /** Focal point as fractions of width and height (0..1); crops keep it in view. */
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  /** 1: served to anyone even while nothing public uses it (src/media/visibility.ts). */
  public: Generated<number>;
  /** The file's name on the uploader's computer ('' for images kept before it was recorded). */
  original_name: Generated<string>;
  /** When the newsroom took the image down: never served to readers, left out of pages. */
  taken_down_at: Generated<string | null>;
  created_at: string;
  updated_at: string;
  /** The user who uploaded it (contributors edit only their own); null: the system added it. */
  uploaded_by: number | null;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  /** The body document as JSON text, validated by shared/document on every write. */
  body: string;
  section_id: number;
  lead_media_id: number | null;
  lead_caption: string;
  lead_credit: string;
  lead_file_photo: number;
  status: ArticleStatus;
  publish_at: string | null;
  first_published_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  seo_title: string | null;
  seo_description: string | null;
  dateline: string | null;
  /** Public permalink path, fixed at first publication; changes leave a redirect behind. */
  path: string | null;
  /** The user who created the story: "own stories" in the permission policy. */
  created_by: number | null;
  /** No public face shows the story before this time; publishing earlier is refused. */
  embargo_until: string | null;
  /** Soft delete: restorable for 30 days, hidden everywhere meanwhile. */
  deleted_at: string | null;
  /** The edition the story belongs to (src/editions); 1, the default edition, unless set. */
  edition_id: Generated<number>;
  /** Its translation group: the id of the group's source story; null without translations. */
  translation_group_id: number | null;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** JSON snapshot of the article, its authors and tags as saved. */
  snapshot: string;
  created_by: string | null;
  created_at: string;
  /** What made it (RevisionKind); autosaves by one user within a few minutes share a revision. */
  kind: Generated<RevisionKind>;
  updated_at: string | null;
  /** JSON array of the field names this save changed. */
  changed: Generated<string>;
  /** JSON, what the kind needs to be told in words (e.g. `{"fromVersion":3}` for a restore). */
  detail: string | null;
}

/**
 * What a revision records: a save or autosave, a restore of an earlier version, a workflow move
 * (named by its transition), an applied `update` of a live story, a `notice` added to it.
 */
export type RevisionKind =
  | 'save'
  | 'autosave'
  | 'restore'
  | 'submit'
  | 'return'
  | 'publish'
  | 'schedule'
  | 'unschedule'
  | 'unpublish'
  | 'archive'
  | 'update'
  | 'notice';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  author_id: number | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface PersonalTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Null: never expires. */
  expires_at: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  window_start: string;
  failures: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  created_at: string;
}

export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  to_path: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** `skipped`: not checked from here (an .onion address without a Tor proxy). */
export type MirrorStatus = 'reachable' | 'stale' | 'unreachable' | 'skipped';

/** The last health check of one address (primary or alternate). */
export interface MirrorChecksTable {
  url: string;
  status: MirrorStatus;
  latency_ms: number | null;
  /** Path of the newest story the address served. */
  newest_path: string | null;
  detail: string;
  checked_at: string;
  last_success_at: string | null;
}

export type WebhookEvent =
  | 'article.published'
  | 'article.updated'
  | 'article.unpublished'
  | 'article.deleted'
  | 'article.corrected'
  | 'alert.raised';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  url: string;
  /** JSON array of WebhookEvent names. */
  events: string;
  /** Standard Webhooks secret ("whsec_" + base64 key); needed in clear to sign. */
  secret: string;
  description: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** The outbox: one row per event per subscription, written in the article's transaction. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  event_id: string;
  event_type: WebhookEvent;
  /** JSON of the event data (article representation with its path; the URL is added on send). */
  payload: string;
  subscription_id: number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  /** Retries stop after this time (a day after the event, or after a re-send). */
  retry_until: string;
  /** A dispatcher holds the row until then; another node may take it over afterwards. */
  claimed_until: string | null;
  claim_token: string | null;
  last_status_code: number | null;
  last_response_ms: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempted_at: string;
  ok: number;
  status_code: number | null;
  response_ms: number;
  error: string | null;
}

export type VideoKind = 'hls' | 'mp4';
export type VideoQuality = 'SD' | 'HD' | 'FHD' | 'UHD';

export interface ArticleVideosTable {
  article_id: number;
  source_url: string;
  kind: VideoKind;
  duration_seconds: number;
  poster_media_id: number | null;
  /** WebVTT file. */
  captions_url: string | null;
  captions_language: string | null;
  quality: VideoQuality;
  created_at: string;
  updated_at: string;
}

export interface LiveStreamsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  hls_url: string;
  poster_media_id: number | null;
  description: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** A Content API key; the key itself is shown once and only its sha256 is kept. */
export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  /** First characters of the key, for telling keys apart in lists. */
  prefix: string;
  key_hash: string;
  /** Requests per minute. */
  rate_limit: number;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Requests counted per bucket ("key:ID" or "ip:ADDR") in fixed one-minute windows. */
export interface RateLimitCountersTable {
  bucket: string;
  window_start: string;
  count: number;
}

/**
 * One row per article (any status): what searches filter and rank on. PostgreSQL adds a
 * weighted `tsv tsvector` column; SQLite keeps the text index in the FTS5 table `search_fts`
 * (rowid = article id). Both are written only by src/search.
 */
export interface SearchDocumentsTable {
  article_id: number;
  status: ArticleStatus;
  published_at: string | null;
  section_id: number;
  /** Days since 1970 of first publication (drafts: last update). */
  recency_day: number;
  /** Language code the entry was analysed in (src/search/language.ts; migration 031). */
  language: Generated<string>;
}

export interface Database {
  mirror_checks: MirrorChecksTable;
  sections: SectionsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  revisions: RevisionsTable;
  redirects: RedirectsTable;
  settings: SettingsTable;
  api_keys: ApiKeysTable;
  rate_limit_counters: RateLimitCountersTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  article_videos: ArticleVideosTable;
  live_streams: LiveStreamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  personal_tokens: PersonalTokensTable;
  password_resets: PasswordResetsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  search_documents: SearchDocumentsTable;
  working_copies: WorkingCopiesTable;
  article_notices: ArticleNoticesTable;
  article_notes: ArticleNotesTable;
  import_items: ImportItemsTable;
}

export type SectionRow = Selectable<SectionsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
export type RevisionRow = Selectable<RevisionsTable>;
export type MirrorCheckRow = Selectable<MirrorChecksTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type ArticleVideoRow = Selectable<ArticleVideosTable>;
export type LiveStreamRow = Selectable<LiveStreamsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** The pending edits of a published or scheduled story (content/working-copy.ts). */
export interface WorkingCopiesTable {
  article_id: number;
  /** JSON of the editable fields (updateArticle's input without status); null: no pending copy. */
  content: string | null;
  /** The story's version when this copy was started. */
  base_version: number;
  /** Counts every save of the copy; never goes down, so stale editors get a 409. */
  version: number;
  review_state: 'draft' | 'in_review';
  updated_by: string | null;
  updated_by_id: number | null;
  created_at: string;
  updated_at: string;
}
export type WorkingCopyRow = Selectable<WorkingCopiesTable>;
/** Who has a story open in the editor: one row per tab, kept fresh by its heartbeat (content/presence.ts). */
export interface EditingSessionsTable {
  article_id: number;
  user_id: number;
  /** Random id the editor tab picks when it opens the story. */
  tab_id: string;
  since: string;
  last_seen: string;
  /** The editor who took the story over from this tab, told to it at its next heartbeat. */
  taken_over_by: number | null;
  taken_over_at: string | null;
}

// Declared apart from the main list so the table's lines stay together (interfaces merge).
export interface Database {
  editing_sessions: EditingSessionsTable;
}
export type EditingSessionRow = Selectable<EditingSessionsTable>;
export type { NoticeKind } from '../shared/inputs.js';
import type { NoticeKind } from '../shared/inputs.js';

/** A notice readers see with a story (src/content/notices.ts); removed ones stay on record. */
export interface ArticleNoticesTable {
  id: Generated<number>;
  article_id: number;
  kind: NoticeKind;
  /** Plain text; every face escapes it. */
  text: string;
  created_at: string;
  /** Who added it (the same label revisions record). */
  created_by: string | null;
  edited_at: string | null;
  edited_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
}
export type NoticeRow = Selectable<ArticleNoticesTable>;
/** Notes between writer and editor on a story (src/content/notes.ts). Never public. */
export interface ArticleNotesTable {
  id: Generated<number>;
  article_id: number;
  /** The writer; null once their account is deleted. */
  user_id: number | null;
  body: string;
  /** The workflow move the note came with, if any. */
  transition: 'submit' | 'return' | null;
  created_at: string;
  /** A note no user wrote (the wire desk's "agency killed this item"): the name it shows. */
  author_label: ColumnType<string | null, string | null | undefined, string | null>;
}
export type ArticleNoteRow = Selectable<ArticleNotesTable>;
/** What an archive import made of each source item (src/import; migration 019-import-items). */
export interface ImportItemsTable {
  /** The source site, e.g. "wordpress:https://old.example.com". */
  source: string;
  /** 'post' | 'page' | 'attachment' | 'media' | 'category' | 'tag' | 'author'. */
  kind: string;
  /** The item's id in the source (a WordPress post id, a term id, an author login, a file path). */
  source_id: string;
  /** The article, media, section, tag or author id it became. */
  target_id: number;
  created_at: string;
}

// Declared apart from the main list so the table's lines stay together (interfaces merge).
export interface Database {
  alerts: AlertsTable;
}
export type { AlertLevel } from '../shared/inputs.js';
import type { AlertLevel } from '../shared/inputs.js';

/** A breaking-news alert: the banner on every public page (src/content/alerts.ts). */
export interface AlertsTable {
  id: Generated<number>;
  /** One line of plain text; every face escapes it. */
  text: string;
  /** An internal path ("/world/…") or an https URL; null: the banner links nowhere. */
  link: string | null;
  level: AlertLevel;
  raised_at: string;
  raised_by: string | null;
  /** Always set: an alert nobody remembers to withdraw still ends. */
  expires_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  /** The edition whose pages show it (src/editions); null: every edition's. */
  edition_id: number | null;
}
export type AlertRow = Selectable<AlertsTable>;

export interface Database {
  story_views: StoryViewsTable;
  story_views_daily: StoryViewsDailyTable;
}
/** Reads of a story in one five-minute bucket, from every node (src/audience; kept 8 days). */
export interface StoryViewsTable {
  article_id: number;
  /** The bucket's start, ISO, on a five-minute boundary. */
  bucket: string;
  views: number;
}
/** Reads of a story in one UTC day (src/audience; kept for good: the totals). */
export interface StoryViewsDailyTable {
  article_id: number;
  /** YYYY-MM-DD, UTC. */
  day: string;
  views: number;
}

export interface Database {
  import_runs: ImportRunsTable;
}
/** One `masthead import` run and its report (src/import/runs.ts). */
export interface ImportRunsTable {
  id: Generated<number>;
  kind: 'wordpress' | 'ghost';
  /** The file's base name. */
  file: string;
  status: 'running' | 'done' | 'failed';
  started_at: string;
  finished_at: string | null;
  /** JSON of the report's counts. */
  counts: string | null;
  /** JSON: items with problems and missing media files. */
  report: string | null;
  error: string | null;
}
export type ImportRunRow = Selectable<ImportRunsTable>;

export interface Database {
  front_lists: FrontListsTable;
}

/** One list of a curated front (src/fronts): its definition and scheduled version are JSON. */
export interface FrontListsTable {
  id: Generated<number>;
  /** The list's name in the Content API and its cache tag (`front-list:SLUG`). */
  slug: string;
  /** `home`, or `section:ID`. */
  front: string;
  position: number;
  title: string;
  /** shared/fronts.ts `ListDefinition` as JSON. */
  definition: string;
  /** The version that takes over at `scheduled_at` (JSON), or null. */
  scheduled: string | null;
  scheduled_at: string | null;
  /** When the list's output next changes by the clock alone (null: never). */
  next_change_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}
export type FrontListRow = Selectable<FrontListsTable>;
// Wire ingest (src/ingest; migration 023-ingest).
export interface Database {
  ingest_sources: IngestSourcesTable;
  ingest_items: IngestItemsTable;
  ingest_uses: IngestUsesTable;
}

/** An agency the newsroom takes copy from. */
export interface IngestSourcesTable {
  id: Generated<number>;
  /** The address part of POST /api/ingest/{slug}. */
  slug: string;
  name: string;
  /** The push signing secret ("whsec_…"), stored as webhook secrets are; shown once. */
  secret: string;
  /** A drop folder polled for files; null: push only. */
  drop_dir: string | null;
  active: ColumnType<number, number | undefined, number>;
  created_at: string;
}
export type IngestSourceRow = Selectable<IngestSourcesTable>;

export type IngestState = 'queued' | 'quarantined';
export type PubStatus = 'usable' | 'withheld' | 'canceled';

/** One arrival: a version of an agency item in the queue, or something refused (quarantined). */
export interface IngestItemsTable {
  id: Generated<number>;
  source_id: number;
  state: IngestState;
  /** Why it was quarantined. */
  reason: string | null;
  /** 'ninjs1' | 'ninjs2' | 'ninjs3' | 'newsml-g2', when recognised. */
  format: string | null;
  guid: string | null;
  version: number;
  latest: ColumnType<number, number | undefined, number>;
  pub_status: PubStatus | null;
  headline: string;
  dek: string;
  /** The body document as JSON text (shared/document); null when quarantined. */
  body: string | null;
  byline: string;
  provider: string;
  rights: string;
  /** 1 (most urgent) … 9. */
  priority: number | null;
  /** Codes between spaces: " medtop:20000106 subj:04000000 ". */
  subjects: string;
  subject_names: string;
  language: string | null;
  embargo_until: string | null;
  first_created: string | null;
  version_created: string | null;
  search_text: string;
  via: 'push' | 'folder';
  push_id: string | null;
  file_name: string | null;
  raw: string;
  received_at: string;
}
export type IngestItemRow = Selectable<IngestItemsTable>;

/** A story built from an agency item. */
export interface IngestUsesTable {
  article_id: number;
  item_id: number;
  source_id: number;
  guid: string;
  version: number;
  rights: string;
  embargo_until: string | null;
  used_by: number | null;
  used_at: string;
  flag: 'update' | 'kill' | null;
  flag_item_id: number | null;
  flagged_at: string | null;
}
export type IngestUseRow = Selectable<IngestUsesTable>;

// Live coverage (src/live; migration 028-live).
export interface Database {
  live_coverage: LiveCoverageTable;
  live_entries: LiveEntriesTable;
  live_entry_revisions: LiveEntryRevisionsTable;
}

export type LiveState = 'live' | 'ended';
export type LiveEntryKind = 'text' | 'image' | 'video' | 'quote';

/** A story covered live: started, and maybe ended (then it reads as a normal story). */
export interface LiveCoverageTable {
  article_id: number;
  state: LiveState;
  started_at: string;
  started_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
}
export type LiveCoverageRow = Selectable<LiveCoverageTable>;

/** One timestamped entry of a live story; the body is a document as JSON text (shared/document). */
export interface LiveEntriesTable {
  id: Generated<number>;
  article_id: number;
  author_id: number | null;
  /** The reporter's name as readers saw it when the entry was posted. */
  author_name: ColumnType<string, string | undefined, string>;
  kind: LiveEntryKind;
  title: ColumnType<string, string | undefined, string>;
  body: string;
  key_point: ColumnType<number, number | undefined, number>;
  pinned: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}
export type LiveEntryRow = Selectable<LiveEntriesTable>;

/** The state an entry was in at each version (written by every change, the first post included). */
export interface LiveEntryRevisionsTable {
  id: Generated<number>;
  entry_id: number;
  version: number;
  kind: LiveEntryKind;
  title: string;
  body: string;
  key_point: number;
  pinned: number;
  deleted: ColumnType<number, number | undefined, number>;
  saved_at: string;
  saved_by: string | null;
}
export type LiveEntryRevisionRow = Selectable<LiveEntryRevisionsTable>;
/** The kinds of things stories are about (src/knowledge). */
export type EntityType = 'person' | 'organisation' | 'place' | 'event' | 'topic';
export type ArticleEntityState = 'suggested' | 'confirmed' | 'rejected';

/** A person, organisation, place, event or topic of the registry (migration 029). */
export interface EntitiesTable {
  id: Generated<number>;
  type: EntityType;
  name: string;
  slug: string;
  description: string;
  wikidata_qid: string | null;
  /** JSON list of URLs naming the same thing elsewhere. */
  same_as: string;
  /** Set when merged: the entity this one became (its row stays for history). */
  merged_into: number | null;
  /** A person's current title or role ("Foreign Minister"; migration 032); '' when not recorded. */
  title: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}

export interface EntityAliasesTable {
  id: Generated<number>;
  entity_id: number;
  alias: string;
  normalised: string;
  language: string | null;
}

/** What extraction suggested for a story, and what the newsroom decided about it. */
export interface ArticleEntitiesTable {
  id: Generated<number>;
  article_id: number;
  /** "e:ID" for a registry entity, "n:normalised name" for a name the registry does not know. */
  key: string;
  entity_id: number | null;
  name: string;
  type: EntityType;
  state: ArticleEntityState;
  mentions: number;
  first_offset: number | null;
  snippet: string;
  decided_by: string | null;
  decided_at: string | null;
  updated_at: string;
}

export interface EntityExtractionQueueTable {
  article_id: number;
  queued_at: string;
}

export interface Database {
  entities: EntitiesTable;
  entity_aliases: EntityAliasesTable;
  article_entities: ArticleEntitiesTable;
  entity_extraction_queue: EntityExtractionQueueTable;
}
export type EntityRow = Selectable<EntitiesTable>;
export type ArticleEntityRow = Selectable<ArticleEntitiesTable>;

/**
 * An edition (src/editions): one language of the newsroom at its own address. NULL name,
 * language or time zone: as configured (the default edition of a site that predates editions).
 */
export interface EditionsTable {
  id: Generated<number>;
  code: string;
  language: string | null;
  name: string | null;
  time_zone: string | null;
  /** `es` for `/es/…` on the primary host; null for the default edition or a host edition. */
  path_prefix: string | null;
  /** A host of its own (`es.example.com`); null for a prefixed or the default edition. */
  host: string | null;
  is_default: number;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  editions: EditionsTable;
}
export type EditionRow = Selectable<EditionsTable>;

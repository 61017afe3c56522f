import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of every table, as the application sees them on both databases:
 * timestamps are ISO-8601 UTC strings, flags are 0/1 integers, JSON is text.
 * (The adapter makes PostgreSQL hand values back in the same shapes as SQLite.)
 */
export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished' | 'archived';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'unpublished',
  'archived',
];

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
  created_at: string;
  updated_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  /** The body document as JSON text, validated by content/document on every write. */
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

export interface Database {
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
}

export type SectionRow = Selectable<SectionsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;

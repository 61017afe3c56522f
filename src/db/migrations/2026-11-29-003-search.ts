import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: the full-text search index, and a backfill of the stories that already exist.
 *
 * - `search_documents`: one slim row per article (any status) with what searches filter and
 *   rank on, so a search never reads the wide `articles` rows of thousands of matches.
 * - SQLite: `search_fts`, a contentless FTS5 table (rowid = article id; the text itself lives
 *   in `articles`, snippets are made from it), with prefix indexes for the last word typed
 *   (3 to 5 characters). PostgreSQL: a weighted `tsvector` column on
 *   `search_documents` with a GIN index.
 *
 * Text is accent-folded before it is indexed (the same fold the query uses). The backfill
 * carries its own copy of the fold and of the body-to-text walk, so this file never changes
 * when the application's code does; `masthead search reindex` rebuilds with the current code.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('search_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('section_id', 'integer', (c) => c.notNull())
    // Days since 1970 of first publication (or last update, for drafts): ranking and date sort.
    .addColumn('recency_day', d.floatType, (c) => c.notNull())
    .$call((t) => (d.fullText === 'tsvector' ? t.addColumn('tsv', sql`tsvector`, (c) => c.notNull()) : t))
    .execute();
  await db.schema
    .createIndex('search_documents_status_published')
    .on('search_documents')
    .columns(['status', 'published_at'])
    .execute();
  if (d.fullText === 'tsvector') {
    await sql`CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      headline, dek, body, tags, authors, captions,
      content = '', contentless_delete = 1,
      tokenize = 'porter unicode61 remove_diacritics 2',
      prefix = '3 4 5'
    )`.execute(db);
  }
  await backfill(db, d.fullText);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db).fullText === 'fts5') await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  await db.schema.dropTable('search_documents').ifExists().execute();
}

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  ı: 'i',
};

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæÆœŒøØđĐðłŁþı]/g, (c) => SPECIAL[c] ?? c)
    .toLowerCase();
}

/** Every text node and image caption of a stored body document. */
function bodyText(json: string): { body: string; captions: string[] } {
  const parts: string[] = [];
  const captions: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string; attrs?: { caption?: string }; content?: unknown[] };
    if (n.type === 'text' && typeof n.text === 'string') parts.push(n.text);
    if (n.type === 'image' && typeof n.attrs?.caption === 'string') captions.push(n.attrs.caption);
    if (Array.isArray(n.content)) {
      for (const child of n.content) walk(child);
      parts.push(' ');
    }
  };
  try {
    walk(JSON.parse(json));
  } catch {
    // An unreadable body is indexed by its headline alone.
  }
  return { body: parts.join(''), captions };
}

async function backfill(db: AnyDb, fullText: 'fts5' | 'tsvector'): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .select([
        'id',
        'headline',
        'dek',
        'body',
        'status',
        'first_published_at',
        'updated_at',
        'section_id',
        'lead_caption',
      ])
      .where('id', '>', after)
      // Soft-deleted stories (migration 002) are hidden everywhere, search included.
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!rows.length) return;
    after = rows[rows.length - 1]?.id ?? after;
    const ids = rows.map((r) => r.id);
    const authors = await db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.name'])
      .where('article_authors.article_id', 'in', ids)
      .execute();
    const tags = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .execute();
    for (const r of rows) {
      const { body, captions } = bodyText(r.body);
      const text = {
        headline: fold(r.headline),
        dek: fold(r.dek),
        body: fold(body),
        tags: fold(
          tags
            .filter((t) => t.article_id === r.id)
            .map((t) => t.name)
            .join(' \n '),
        ),
        authors: fold(
          authors
            .filter((a) => a.article_id === r.id)
            .map((a) => a.name)
            .join(' \n '),
        ),
        captions: fold([r.lead_caption, ...captions].join(' \n ')),
      };
      const at = r.first_published_at ?? r.updated_at;
      const meta = {
        article_id: r.id,
        status: r.status,
        published_at: r.first_published_at,
        section_id: r.section_id,
        recency_day: new Date(at).getTime() / 86_400_000,
      };
      if (fullText === 'tsvector') {
        await db
          .insertInto('search_documents')
          .values({
            ...meta,
            tsv: sql`setweight(to_tsvector('english', ${text.headline}), 'A')
              || setweight(to_tsvector('english', ${`${text.dek} ${text.tags} ${text.authors}`}), 'B')
              || setweight(to_tsvector('english', ${text.captions}), 'C')
              || setweight(to_tsvector('english', ${text.body}), 'D')`,
          })
          .execute();
      } else {
        await db.insertInto('search_documents').values(meta).execute();
        await sql`INSERT INTO search_fts (rowid, headline, dek, body, tags, authors, captions)
          VALUES (${r.id}, ${text.headline}, ${text.dek}, ${text.body}, ${text.tags}, ${text.authors}, ${text.captions})`.execute(
          db,
        );
      }
    }
  }
}

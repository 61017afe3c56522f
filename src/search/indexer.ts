import type { Kysely } from 'kysely';
import { dialectOf } from '../db/adapter.js';
import type { ArticleRow, Database, Db } from '../db/index.js';
import { type Doc, renderText } from '../shared/document/index.js';
import type { IndexedMeta, IndexedText, SearchEngine } from './engine.js';
import { foldText } from './fold.js';
import { languageCode, storyLanguage } from './language.js';
import { postgresEngine } from './postgres-engine.js';
import { sqliteEngine } from './sqlite-engine.js';

/**
 * Keeps the index in step with the articles. Called from content/changes.ts inside the
 * writer's transaction, so a story is searchable the moment its save commits and gone the
 * moment an unpublish commits. Every status is indexed (editors search drafts); the public
 * face filters on status and publication time.
 *
 * Author and tag names are copied into the index when the story is saved: renaming an author
 * or a tag later needs `masthead search reindex` (or a reindex of their stories).
 */
export function engineFor(db: Kysely<Database>): SearchEngine {
  return dialectOf(db).fullText === 'tsvector' ? postgresEngine : sqliteEngine;
}

/** Upper bound of indexed body text; a longer body is indexed by its first 200,000 characters. */
const MAX_BODY_CHARS = 200_000;

function imageCaptions(nodes: readonly unknown[] | undefined, out: string[]): void {
  for (const node of nodes ?? []) {
    const n = node as { type: string; attrs?: { caption?: string }; content?: unknown[] };
    if (n.type === 'image' && n.attrs?.caption) out.push(n.attrs.caption);
    imageCaptions(n.content, out);
  }
}

/** Plain text of a stored body; an unreadable one indexes as empty rather than failing a save. */
export function bodyTextOf(json: string): { text: string; captions: string[] } {
  try {
    const doc = JSON.parse(json) as Doc;
    const captions: string[] = [];
    imageCaptions(doc.content, captions);
    return { text: renderText(doc), captions };
  } catch {
    return { text: '', captions: [] };
  }
}

export function metaOf(row: ArticleRow, language: string): IndexedMeta {
  return {
    status: row.status,
    publishedAt: row.first_published_at,
    sectionId: row.section_id,
    recencyDay: new Date(row.first_published_at ?? row.updated_at).getTime() / 86_400_000,
    language,
  };
}

async function textOf(db: Db, row: ArticleRow): Promise<IndexedText> {
  const [authors, tags] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.name')
      .where('article_authors.article_id', '=', row.id)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_tags.article_id', '=', row.id)
      .orderBy('article_tags.position')
      .execute(),
  ]);
  const body = bodyTextOf(row.body);
  return {
    headline: foldText(row.headline),
    dek: foldText(row.dek),
    body: foldText(body.text.slice(0, MAX_BODY_CHARS)),
    tags: foldText(tags.map((t) => t.name).join(' \n ')),
    authors: foldText(authors.map((a) => a.name).join(' \n ')),
    captions: foldText([row.lead_caption, ...body.captions].join(' \n ')),
  };
}

/**
 * (Re)index one article row as it is now, in its language (`storyLanguage`, unless the caller
 * names one: a language tag such as `es` or `es-MX`).
 */
export async function indexArticle(db: Db, row: ArticleRow, language?: string): Promise<void> {
  const code = languageCode(language ?? (await storyLanguage(db, row)));
  await engineFor(db).upsert(db, row.id, metaOf(row, code), await textOf(db, row));
}

/**
 * The seam's call: index the new state; drop a deleted article (hard or soft: a soft-deleted
 * story is hidden everywhere, newsroom search included, and indexed again when restored).
 */
export async function indexArticleChange(
  tx: Db,
  change: { before: ArticleRow | null; after: ArticleRow | null },
): Promise<void> {
  const row = change.after ?? change.before;
  if (!row) return;
  if (change.after && !change.after.deleted_at) await indexArticle(tx, change.after);
  else await engineFor(tx).remove(tx, row.id);
}

/**
 * Index again the stories whose tag or byline names changed (a rename, a merge, a deletion): the
 * index keeps those names as words, so a story must be found by a tag's new name, and no longer
 * by its old one, as soon as the rename returns. Runs in the caller's transaction, like the
 * story seam; `ids` are read before the change when it removes the links.
 */
export async function reindexArticles(tx: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx
      .selectFrom('articles')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) await indexArticleChange(tx, { before: null, after: row });
  }
}

/**
 * Rebuild the whole index from the articles, in batches of `batch` stories per transaction
 * (readers keep searching the old entries while it runs). Reports progress as it goes.
 */
export async function reindexAll(
  db: Db,
  onProgress: (done: number, total: number) => void = () => {},
  batch = 200,
): Promise<number> {
  const total = Number(
    (
      await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // Stale entries of articles that no longer exist.
  await db
    .deleteFrom('search_documents')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('articles')
            .select('articles.id')
            .whereRef('articles.id', '=', 'search_documents.article_id'),
        ),
      ),
    )
    .execute();
  let done = 0;
  let after = 0;
  onProgress(0, total);
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (!rows.length) break;
    await db.transaction().execute(async (tx) => {
      for (const row of rows) await indexArticleChange(tx, { before: null, after: row });
    });
    after = rows[rows.length - 1]!.id;
    done += rows.length;
    onProgress(done, total);
  }
  return done;
}

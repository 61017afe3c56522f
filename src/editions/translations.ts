import type { Config } from '../config.js';
import { articleInputOf, ContentError, createArticle } from '../content/index.js';
import type { ArticleRow, Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import { type Edition, editionOf } from './model.js';
import { type TranslationInput, translationInput } from './schema.js';

/**
 * Translations: stories in different editions linked as one piece of journalism. A group is
 * named by the id of its first story (`articles.translation_group_id`); a story with no
 * translation has none. One story per edition in a group (a unique index says so too).
 */

export interface TranslationLink {
  articleId: number;
  editionId: number;
  language: string;
  /** Public path, null until published. */
  path: string | null;
  headline: string;
  status: ArticleRow['status'];
  /** Readers may see it now (published, its time reached). */
  public: boolean;
}

/** The stories of `article`'s group in other editions (any state; callers filter for readers). */
export async function translationsOf(
  db: Db,
  site: Config['site'],
  article: Pick<ArticleRow, 'id' | 'translation_group_id'>,
  now?: string,
): Promise<TranslationLink[]> {
  if (article.translation_group_id === null) return [];
  const rows = await db
    .selectFrom('articles')
    .innerJoin('editions', 'editions.id', 'articles.edition_id')
    .select([
      'articles.id',
      'articles.edition_id',
      'articles.path',
      'articles.headline',
      'articles.status',
      'articles.first_published_at',
      'articles.deleted_at',
      'editions.language',
    ])
    .where('articles.translation_group_id', '=', article.translation_group_id)
    .where('articles.id', '!=', article.id)
    .where('articles.deleted_at', 'is', null)
    .orderBy('editions.position')
    .orderBy('editions.id')
    .execute();
  return rows.map((r) => ({
    articleId: r.id,
    editionId: r.edition_id,
    language: r.language ?? site.language,
    path: r.path,
    headline: r.headline,
    status: r.status,
    public:
      r.status === 'published' &&
      r.path !== null &&
      r.first_published_at !== null &&
      (now === undefined || r.first_published_at <= now),
  }));
}

/** Published translations of many stories at once (the sitemap's alternates), by story id. */
export async function publicTranslationGroups(
  db: Db,
  site: Config['site'],
  now: string,
  groupIds: readonly number[],
): Promise<Map<number, { editionId: number; language: string; path: string; isDefault: boolean }[]>> {
  if (!groupIds.length) return new Map();
  const rows = await db
    .selectFrom('articles')
    .innerJoin('editions', 'editions.id', 'articles.edition_id')
    .select([
      'articles.translation_group_id',
      'articles.path',
      'articles.edition_id',
      'editions.language',
      'editions.is_default',
    ])
    .where('articles.translation_group_id', 'in', [...new Set(groupIds)])
    .where('articles.status', '=', 'published')
    .where('articles.first_published_at', '<=', now)
    .where('articles.deleted_at', 'is', null)
    .where('articles.path', 'is not', null)
    .orderBy('editions.position')
    .orderBy('editions.id')
    .execute();
  const groups = new Map<
    number,
    { editionId: number; language: string; path: string; isDefault: boolean }[]
  >();
  for (const r of rows) {
    const group = groups.get(r.translation_group_id as number) ?? [];
    group.push({
      editionId: r.edition_id,
      language: r.language ?? site.language,
      path: r.path as string,
      isDefault: r.is_default === 1,
    });
    groups.set(r.translation_group_id as number, group);
  }
  return groups;
}

/** The language of a story: its edition's (the search index stores it with the story). */
export async function storyLanguage(db: Db, site: Config['site'], articleId: number): Promise<string> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('editions', 'editions.id', 'articles.edition_id')
    .select('editions.language')
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  return row?.language ?? site.language;
}

/**
 * "Translate": a draft in another edition starting from the source's words (headline, dek,
 * body, bylines, lead image), linked to it in its translation group. The translator rewrites
 * it in the target language side by side with the source. Refused when the group already has
 * a story in that edition (409), or the section named is not in it (400).
 */
export async function createTranslation(
  db: Db,
  site: Config['site'],
  sourceId: number,
  input: TranslationInput,
  opts: { by: string | null; createdBy: number | null; now: string },
): Promise<ArticleRow> {
  const parsed = translationInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ContentError(
      `${issue?.path.join('.') || 'translation'}: ${issue?.message}`,
      400,
      issue?.path.join('.'),
    );
  }
  const { editionId, sectionId } = parsed.data;
  return inTransaction(db, async (tx) => {
    const source = await tx.selectFrom('articles').selectAll().where('id', '=', sourceId).executeTakeFirst();
    if (!source || source.deleted_at) throw new ContentError(`article ${sourceId} does not exist`, 404);
    const row = await tx.selectFrom('editions').selectAll().where('id', '=', editionId).executeTakeFirst();
    if (!row) throw new ContentError(`editionId: edition ${editionId} does not exist`, 400, 'editionId');
    const target: Edition = editionOf(row, site);
    if (target.id === source.edition_id) {
      throw new ContentError('editionId: the story is already in that edition', 400, 'editionId');
    }
    const group = source.translation_group_id ?? source.id;
    const existing = await tx
      .selectFrom('articles')
      .select('id')
      .where('translation_group_id', '=', group)
      .where('edition_id', '=', target.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      throw new ContentError(
        `editionId: story ${existing.id} is already its translation there`,
        409,
        'editionId',
      );
    }
    const section = await targetSection(tx, source.section_id, target.id, sectionId);
    const from = await articleInputOf(tx, source);
    const draft = await createArticle(
      tx,
      {
        ...from,
        sectionId: section,
        status: 'draft',
        publishAt: null,
        // Tags are words of the source's language; the translator adds the edition's own.
        tags: [],
        embargoUntil: from.embargoUntil,
      },
      { by: opts.by, createdBy: opts.createdBy, now: opts.now, timeZone: target.timeZone },
    );
    if (source.translation_group_id === null) {
      await tx
        .updateTable('articles')
        .set({ translation_group_id: group })
        .where('id', '=', source.id)
        .execute();
    }
    return tx
      .updateTable('articles')
      .set({ translation_group_id: group })
      .where('id', '=', draft.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** The section a translation goes in: the one named, else the target's of the same slug, else its first. */
async function targetSection(
  db: Db,
  sourceSection: number,
  editionId: number,
  named?: number,
): Promise<number> {
  if (named !== undefined) {
    const s = await db.selectFrom('sections').select('edition_id').where('id', '=', named).executeTakeFirst();
    if (!s || s.edition_id !== editionId) {
      throw new ContentError(`sectionId: section ${named} is not in edition ${editionId}`, 400, 'sectionId');
    }
    return named;
  }
  const slug = await db
    .selectFrom('sections')
    .select('slug')
    .where('id', '=', sourceSection)
    .executeTakeFirst();
  const sections = await db
    .selectFrom('sections')
    .select(['id', 'slug', 'parent_id'])
    .where('edition_id', '=', editionId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const same = sections.find((s) => s.slug === slug?.slug);
  const first = same ?? sections.find((s) => s.parent_id === null) ?? sections[0];
  if (!first) throw new ContentError(`editionId: edition ${editionId} has no sections yet`, 400, 'editionId');
  return first.id;
}

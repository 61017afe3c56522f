import type { Db } from '../db/index.js';
import { CORRECTION_KINDS, type PublicNotice, publicNotice } from './notices.js';
import { publicArticles } from './queries.js';

/**
 * The public record of corrections (/corrections and its feed): every standing correction and
 * clarification on a story readers can see, newest first. Stories come through the one
 * visibility rule (`publicArticles`), so a draft's notice never shows here.
 */
export interface CorrectionEntry {
  notice: PublicNotice;
  article: { id: number; headline: string; path: string; publishedAt: string };
}

/** `editionId`: only that edition's stories (an edition's /es/corrections); none: every story. */
export interface CorrectionScope {
  editionId?: number;
}

function corrections(db: Db, now: string, scope: CorrectionScope) {
  return publicArticles(db, now, scope)
    .innerJoin('article_notices', 'article_notices.article_id', 'articles.id')
    .where('article_notices.kind', 'in', [...CORRECTION_KINDS])
    .where('article_notices.removed_at', 'is', null);
}

export async function listCorrections(
  db: Db,
  now: string,
  page: { limit: number; offset: number },
  scope: CorrectionScope = {},
): Promise<CorrectionEntry[]> {
  const rows = await corrections(db, now, scope)
    .selectAll('article_notices')
    .select(['articles.headline', 'articles.path', 'articles.first_published_at'])
    .orderBy('article_notices.created_at', 'desc')
    .orderBy('article_notices.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    notice: publicNotice(r),
    article: {
      id: r.article_id,
      headline: r.headline,
      path: r.path ?? '/',
      publishedAt: r.first_published_at ?? r.created_at,
    },
  }));
}

export async function countCorrections(db: Db, now: string, scope: CorrectionScope = {}): Promise<number> {
  const row = await corrections(db, now, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

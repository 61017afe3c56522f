import { type RawBuilder, sql } from 'kysely';
import type { EngineQuery } from './engine.js';

/** Filters on `search_documents d`, the same SQL on both databases. */
export function filters(opts: EngineQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (opts.publicAt !== undefined)
    where.push(sql`d.status = 'published' AND d.published_at <= ${opts.publicAt}`);
  else if (opts.statuses)
    where.push(sql`d.status IN (${sql.join(opts.statuses.length ? opts.statuses : [''])})`);
  if (opts.sectionIds)
    where.push(sql`d.section_id IN (${sql.join(opts.sectionIds.length ? opts.sectionIds : [-1])})`);
  if (opts.authorId !== undefined)
    where.push(
      sql`EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = d.article_id AND aa.author_id = ${opts.authorId})`,
    );
  if (opts.tagId !== undefined)
    where.push(
      sql`EXISTS (SELECT 1 FROM article_tags atg WHERE atg.article_id = d.article_id AND atg.tag_id = ${opts.tagId})`,
    );
  if (opts.createdBy !== undefined)
    where.push(
      sql`EXISTS (SELECT 1 FROM articles ca WHERE ca.id = d.article_id AND ca.created_by = ${opts.createdBy})`,
    );
  if (opts.from !== undefined) where.push(sql`d.published_at >= ${opts.from}`);
  if (opts.to !== undefined) where.push(sql`d.published_at < ${opts.to}`);
  return where;
}

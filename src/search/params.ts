import { z } from 'zod';
import { descendantIds, type SectionNode, type SectionTree } from '../content/index.js';
import type { AuthorRow, Db, TagRow } from '../db/index.js';
import { singleLine } from '../lib/text.js';
import type { SearchOptions } from './search.js';

/**
 * The query string of the public search page and the search API, validated in one place.
 * Anything malformed is a 400 with a message naming the parameter; the text query itself is
 * refused only for control characters (like every text field), otherwise only cut to length.
 */
const slug = z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a slug');
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'must be a real date');

export const searchParams = z.object({
  q: singleLine().default(''),
  section: z
    .string()
    .regex(/^[a-z0-9][a-z0-9/-]{0,199}$/, 'must be a section path such as news/politics')
    .optional(),
  author: slug.optional(),
  tag: slug.optional(),
  from: date.optional(),
  to: date.optional(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** The API refuses parameters it does not know, like the rest of the Content API. */
const strictParams = searchParams.strict();
export type SearchParams = z.infer<typeof searchParams>;

/** `invalid`: a malformed value (400); `unknown`: a filter naming nothing (404 in the API). */
export class SearchParamError extends Error {
  constructor(
    message: string,
    readonly param: string,
    readonly kind: 'invalid' | 'unknown' = 'invalid',
  ) {
    super(message);
  }
}

/** Query-string values: a repeated parameter (?q=a&q=b) takes the first. Empty means absent. */
function firstValues(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string' && (value !== '' || k === 'q')) out[k] = value;
  }
  return out;
}

export function parseSearchParams(raw: unknown, opts: { strict?: boolean } = {}): SearchParams {
  const parsed = (opts.strict ? strictParams : searchParams).safeParse(firstValues(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new SearchParamError('unknown parameter', String(issue.keys[0] ?? 'query').slice(0, 40));
    }
    const param = String(issue?.path[0] ?? 'query');
    throw new SearchParamError(`${param}: ${issue?.message ?? 'invalid'}`, param);
  }
  const p = parsed.data;
  if (p.from && p.to && p.from > p.to) throw new SearchParamError('from: must not be after to', 'from');
  return p;
}

export interface ResolvedFilters {
  tree: SectionTree;
  section?: SectionNode;
  author?: AuthorRow;
  tag?: TagRow;
  options: Omit<SearchOptions, 'q' | 'now'>;
}

/** Slugs and paths → ids (a section includes its descendants); unknown ones are a 400. */
/** `tree` is the caller's section tree (pages already load it for their navigation). */
export async function resolveFilters(
  db: Db,
  tree: SectionTree,
  p: SearchParams,
  publicAt: string,
): Promise<ResolvedFilters> {
  const [author, tag] = await Promise.all([
    p.author
      ? db.selectFrom('authors').selectAll().where('slug', '=', p.author).executeTakeFirst()
      : undefined,
    p.tag ? db.selectFrom('tags').selectAll().where('slug', '=', p.tag).executeTakeFirst() : undefined,
  ]);
  const section = p.section ? tree.byPath.get(p.section.replace(/\/+$/, '')) : undefined;
  if (p.section && !section) throw new SearchParamError('section: no such section', 'section', 'unknown');
  if (p.author && !author) throw new SearchParamError('author: no such author', 'author', 'unknown');
  if (p.tag && !tag) throw new SearchParamError('tag: no such tag', 'tag', 'unknown');
  const nextDay = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  return {
    tree,
    section,
    author,
    tag,
    options: {
      publicAt,
      sectionIds: section ? descendantIds(tree, section.id) : undefined,
      authorId: author?.id,
      tagId: tag?.id,
      from: p.from ? new Date(`${p.from}T00:00:00Z`).toISOString() : undefined,
      to: p.to ? nextDay(p.to) : undefined,
      sort: p.sort,
      limit: p.limit,
      offset: (p.page - 1) * p.limit,
    },
  };
}

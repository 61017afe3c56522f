import { z } from 'zod';
import { audit } from '../accounts/index.js';
import { addNote, createArticle, createAuthor, type Editor } from '../content/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { containsText, type Db, dialectOf, type IngestItemRow, inTransaction } from '../db/index.js';
import { MAX_ROW_ID } from '../shared/ids.js';
import { slugify } from '../shared/slug.js';
import { singleLine } from '../shared/text.js';

/**
 * The ingest desk: the queue as editors search it, one item in full, the quarantine, and "use" —
 * a draft built from an item. The queue is the `ingest_items` table itself, so an item is
 * searchable the moment its arrival commits (no index to wait for): text is matched with
 * `containsText` (LIKE/ILIKE) over a lower-cased copy of headline, dek, byline and body, subject
 * codes as words of a space-separated column, priority and source by their columns.
 */
export const queueQuery = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional(),
  /** At most this priority number: 1 shows flashes only, 3 everything from 1 to 3. */
  priority: z.coerce.number().int().min(1).max(9).optional(),
  subject: singleLine().trim().min(1).max(200).optional(),
  q: singleLine().trim().min(1).max(200).optional(),
  before: z.coerce.number().int().positive().max(MAX_ROW_ID).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type QueueQuery = z.input<typeof queueQuery>;

export const quarantineQuery = z.object({
  source: queueQuery.shape.source,
  before: queueQuery.shape.before,
  limit: queueQuery.shape.limit,
});

export const useInput = z.object({ sectionId: z.number().int().positive().max(MAX_ROW_ID) });

export interface ItemSummary {
  id: number;
  source: { slug: string; name: string };
  guid: string;
  version: number;
  format: string;
  pubStatus: string;
  headline: string;
  dek: string;
  byline: string;
  provider: string;
  priority: number | null;
  subjects: { code: string; name: string }[];
  language: string | null;
  embargoUntil: string | null;
  versionCreated: string | null;
  receivedAt: string;
  /** Stories built from this item (any version). */
  usedBy: number;
}

type SummaryRow = IngestItemRow & { source_slug: string; source_name: string };

function subjectsOf(row: IngestItemRow): { code: string; name: string }[] {
  const codes = row.subjects.trim() ? row.subjects.trim().split(' ') : [];
  const names = row.subject_names ? row.subject_names.split(', ') : [];
  return codes.map((code, i) => ({ code, name: names[i] ?? '' }));
}

function summary(row: SummaryRow, usedBy: number): ItemSummary {
  return {
    id: row.id,
    source: { slug: row.source_slug, name: row.source_name },
    guid: row.guid ?? '',
    version: row.version,
    format: row.format ?? '',
    pubStatus: row.pub_status ?? 'usable',
    headline: row.headline,
    dek: row.dek,
    byline: row.byline,
    provider: row.provider,
    priority: row.priority,
    subjects: subjectsOf(row),
    language: row.language,
    embargoUntil: row.embargo_until,
    versionCreated: row.version_created,
    receivedAt: row.received_at,
    usedBy,
  };
}

function items(db: Db) {
  return db
    .selectFrom('ingest_items as i')
    .innerJoin('ingest_sources as s', 's.id', 'i.source_id')
    .selectAll('i')
    .select(['s.slug as source_slug', 's.name as source_name']);
}

async function usesPerItem(db: Db, rows: IngestItemRow[]): Promise<Map<string, number>> {
  const guids = [...new Set(rows.map((r) => r.guid).filter((g): g is string => g !== null))];
  if (!guids.length) return new Map();
  const uses = await db
    .selectFrom('ingest_uses')
    .select(['source_id', 'guid'])
    .where('guid', 'in', guids)
    .execute();
  const out = new Map<string, number>();
  for (const u of uses) out.set(`${u.source_id}:${u.guid}`, (out.get(`${u.source_id}:${u.guid}`) ?? 0) + 1);
  return out;
}

/** The queue, newest arrival first: the latest version of each item, filtered. */
export async function listQueue(
  db: Db,
  query: QueueQuery,
): Promise<{ items: ItemSummary[]; next: number | null }> {
  const q = queueQuery.parse(query);
  const dialect = dialectOf(db);
  let sql = items(db).where('i.state', '=', 'queued').where('i.latest', '=', 1);
  if (q.source) sql = sql.where('s.slug', '=', q.source);
  if (q.priority) sql = sql.where('i.priority', '<=', q.priority);
  if (q.subject) sql = sql.where(containsText(dialect, 'i.subjects', ` ${q.subject.replace(/\s+/g, '_')} `));
  // Every word must appear (in any order), as in the newsroom's story search.
  for (const word of (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10))
    sql = sql.where(containsText(dialect, 'i.search_text', word));
  if (q.before) sql = sql.where('i.id', '<', q.before);
  const rows = (await sql
    .orderBy('i.id', 'desc')
    .limit(q.limit + 1)
    .execute()) as SummaryRow[];
  const page = rows.slice(0, q.limit);
  const counts = await usesPerItem(db, page);
  return {
    items: page.map((r) => summary(r, counts.get(`${r.source_id}:${r.guid}`) ?? 0)),
    next: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export interface ItemView extends ItemSummary {
  body: unknown;
  rights: string;
  firstCreated: string | null;
  /** What the conversion of the agency's markup could not keep. */
  notes: string;
  latest: boolean;
  versions: { id: number; version: number; pubStatus: string; receivedAt: string }[];
  stories: { articleId: number; headline: string; status: string; version: number; flag: string | null }[];
}

/** One queued item in full, with its other versions and the stories built from it. */
export async function getItem(db: Db, id: number): Promise<ItemView> {
  const row = (await items(db).where('i.id', '=', id).where('i.state', '=', 'queued').executeTakeFirst()) as
    | SummaryRow
    | undefined;
  if (!row) throw notFound(`no queued item ${id}`);
  const versions = await db
    .selectFrom('ingest_items')
    .select(['id', 'version', 'pub_status', 'received_at'])
    .where('source_id', '=', row.source_id)
    .where('guid', '=', row.guid as string)
    .orderBy('version', 'desc')
    .execute();
  const stories = await db
    .selectFrom('ingest_uses as u')
    .innerJoin('articles as a', 'a.id', 'u.article_id')
    .select(['u.article_id', 'a.headline', 'a.status', 'u.version', 'u.flag'])
    .where('u.source_id', '=', row.source_id)
    .where('u.guid', '=', row.guid as string)
    .where('a.deleted_at', 'is', null)
    .orderBy('u.article_id')
    .execute();
  return {
    ...summary(row, stories.length),
    body: JSON.parse(row.body ?? '{"type":"doc","content":[]}'),
    rights: row.rights,
    firstCreated: row.first_created,
    notes: row.raw,
    latest: row.latest === 1,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      pubStatus: v.pub_status ?? 'usable',
      receivedAt: v.received_at,
    })),
    stories: stories.map((s) => ({
      articleId: s.article_id,
      headline: s.headline,
      status: s.status,
      version: s.version,
      flag: s.flag,
    })),
  };
}

export interface QuarantinedView {
  id: number;
  source: { slug: string; name: string };
  reason: string;
  via: string;
  fileName: string | null;
  receivedAt: string;
  /** The start of what arrived, as text (escaped by whoever shows it). */
  excerpt: string;
}

/** Refused arrivals, newest first, with why. */
export async function listQuarantine(
  db: Db,
  query: z.input<typeof quarantineQuery>,
): Promise<{ items: QuarantinedView[]; next: number | null }> {
  const q = quarantineQuery.parse(query);
  let sql = items(db).where('i.state', '=', 'quarantined');
  if (q.source) sql = sql.where('s.slug', '=', q.source);
  if (q.before) sql = sql.where('i.id', '<', q.before);
  const rows = (await sql
    .orderBy('i.id', 'desc')
    .limit(q.limit + 1)
    .execute()) as SummaryRow[];
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      source: { slug: r.source_slug, name: r.source_name },
      reason: r.reason ?? '',
      via: r.via,
      fileName: r.file_name,
      receivedAt: r.received_at,
      excerpt: r.raw.slice(0, 2000),
    })),
    next: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The agency's byline as an author profile: the one of that name, else a new one. */
async function bylineAuthor(db: Db, name: string, now: string): Promise<number | null> {
  const clean = name
    .replace(/^by\s+/i, '')
    .trim()
    .slice(0, 200);
  const slug = slugify(clean);
  if (!slug) return null;
  const found = await db
    .selectFrom('authors')
    .select(['id', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (found) return found.id;
  return (await createAuthor(db, { slug, name: clean, bio: '', avatarMediaId: null }, new Date(now))).id;
}

/**
 * "Use": a draft from a queued item, in one transaction: headline, dek and body from the item,
 * the agency's byline, its embargo (which no later edit can lift), and a link back to the item
 * (`ingest_uses`) carrying the source and rights; a note on the story says where it came from and
 * what the rights allow. Refused for a killed or withheld item, or one superseded by a newer version.
 */
export async function useItem(db: Db, itemId: number, input: z.input<typeof useInput>, by: Editor) {
  const { sectionId } = useInput.parse(input);
  return inTransaction(db, async (tx) => {
    const item = await tx
      .selectFrom('ingest_items as i')
      .innerJoin('ingest_sources as s', 's.id', 'i.source_id')
      .selectAll('i')
      .select(['s.name as source_name'])
      .where('i.id', '=', itemId)
      .where('i.state', '=', 'queued')
      .executeTakeFirst();
    if (!item?.guid) throw notFound(`no queued item ${itemId}`);
    if (item.latest !== 1) throw conflict(`a newer version of item ${itemId} has arrived: use that one`);
    if (item.pub_status === 'canceled') throw conflict('the agency has killed this item: it may not be used');
    if (item.pub_status === 'withheld') throw conflict('the agency has withheld this item for now');
    const section = await tx
      .selectFrom('sections')
      .select('id')
      .where('id', '=', sectionId)
      .executeTakeFirst();
    if (!section) throw invalidInput('sectionId: no such section', 'sectionId');
    const byline = item.byline || item.provider || item.source_name;
    const authorId = await bylineAuthor(tx, byline, by.now);
    const article = await createArticle(
      tx,
      {
        headline: item.headline || `${item.source_name} item ${item.guid}`.slice(0, 300),
        dek: item.dek,
        body: JSON.parse(item.body ?? '{"type":"doc","content":[{"type":"paragraph"}]}'),
        sectionId,
        authorIds: authorId ? [authorId] : [],
        embargoUntil: item.embargo_until,
        status: 'draft',
      },
      { by: by.label, createdBy: by.id, timeZone: by.timeZone, now: by.now },
    );
    await tx
      .insertInto('ingest_uses')
      .values({
        article_id: article.id,
        item_id: item.id,
        source_id: item.source_id,
        guid: item.guid,
        version: item.version,
        rights: item.rights,
        embargo_until: item.embargo_until,
        used_by: by.id,
        used_at: by.now,
      })
      .execute();
    const lines = [
      `From the wire: ${item.provider || item.source_name}, item ${item.guid} (version ${item.version}).`,
      `Rights: ${item.rights || 'none stated by the agency'}.`,
      item.embargo_until ? `Embargoed until ${item.embargo_until}: it cannot be published before.` : '',
    ].filter(Boolean);
    await addNote(tx, {
      articleId: article.id,
      userId: null,
      authorLabel: `Wire desk · ${item.source_name}`,
      text: lines.join('\n'),
      now: by.now,
    });
    await audit(
      tx,
      {
        actor: { id: by.id, label: by.label },
        action: 'ingest.use',
        subject: { type: 'article', id: article.id },
        details: { item: item.id, guid: item.guid, version: item.version },
      },
      by.now,
    );
    return { articleId: article.id, version: article.version };
  });
}

/** The wire item a story was built from, for the story's screen: where from, rights, what changed since. */
export async function storyWireLink(db: Db, articleId: number) {
  const use = await db
    .selectFrom('ingest_uses as u')
    .innerJoin('ingest_sources as s', 's.id', 'u.source_id')
    .select([
      'u.item_id',
      'u.guid',
      'u.version',
      'u.rights',
      'u.embargo_until',
      'u.flag',
      'u.flag_item_id',
      'u.flagged_at',
      's.slug',
      's.name',
    ])
    .where('u.article_id', '=', articleId)
    .executeTakeFirst();
  if (!use) return null;
  return {
    itemId: use.item_id,
    source: { slug: use.slug, name: use.name },
    guid: use.guid,
    version: use.version,
    rights: use.rights,
    embargoUntil: use.embargo_until,
    flag: use.flag,
    flagItemId: use.flag_item_id,
    flaggedAt: use.flagged_at,
  };
}

/** Stories whose agency item changed or was killed since they were built, newest flag first. */
export async function flaggedStories(db: Db, limit = 50) {
  const rows = await db
    .selectFrom('ingest_uses as u')
    .innerJoin('articles as a', 'a.id', 'u.article_id')
    .innerJoin('ingest_sources as s', 's.id', 'u.source_id')
    .select(['u.article_id', 'a.headline', 'a.status', 'u.flag', 'u.flag_item_id', 'u.flagged_at', 's.name'])
    .where('u.flag', 'is not', null)
    .where('a.deleted_at', 'is', null)
    .orderBy('u.flagged_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    articleId: r.article_id,
    headline: r.headline,
    status: r.status,
    flag: r.flag,
    itemId: r.flag_item_id,
    flaggedAt: r.flagged_at,
    source: r.name,
  }));
}

import { addNote } from '../content/index.js';
import { type Db, dialectOf, type IngestItemRow, type IngestSourceRow, inTransaction } from '../db/index.js';
import { renderText } from '../shared/document/index.js';
import { clean, QuarantineError, type WireItem } from './item.js';
import { parseArrival } from './parse.js';

/**
 * An arrival (a push's body or a dropped file) into the queue, in one transaction: each item
 * becomes a row, idempotent on (source, guid, version) — the same version twice is a duplicate,
 * not a second row; an older version arriving late is kept but is not the one the desk lists.
 * Something that is not a valid item becomes one quarantined row with the reason. A newer
 * version or a kill of an item a story was built from flags that story and leaves a note on it,
 * in the same transaction, so the story's editors see it as soon as it is committed.
 */
export interface Arrival {
  source: IngestSourceRow;
  bytes: Buffer;
  via: 'push' | 'folder';
  pushId?: string | null;
  fileName?: string | null;
  now: string;
}

export interface ArrivalResult {
  id: number;
  state: 'queued' | 'quarantined' | 'duplicate';
  guid: string | null;
  version: number;
  reason: string | null;
  /** Stories flagged by this arrival (an update or a kill of an item they were built from). */
  flagged: number[];
}

/** What is kept of a refused arrival for whoever looks into it. */
const RAW_KEEP = 64 * 1024;

function rawOf(bytes: Buffer): string {
  return bytes.subarray(0, RAW_KEEP).toString('utf8').replaceAll('\u0000', '');
}

export async function receive(db: Db, a: Arrival): Promise<ArrivalResult[]> {
  let items: WireItem[];
  try {
    items = await parseArrival(a.bytes);
  } catch (err) {
    if (!(err instanceof QuarantineError)) throw err;
    return [await quarantine(db, a, err.message)];
  }
  const rowLocks = dialectOf(db).rowLocks;
  return inTransaction(db, async (tx) => {
    // One arrival per source at a time (PostgreSQL runs them side by side): which version is
    // the latest is then decided by one writer.
    if (rowLocks)
      await tx.selectFrom('ingest_sources').select('id').where('id', '=', a.source.id).forUpdate().execute();
    const out: ArrivalResult[] = [];
    for (const item of items) out.push(await store(tx, a, item));
    return out;
  });
}

/** Records a refused arrival. */
export async function quarantine(db: Db, a: Arrival, reason: string): Promise<ArrivalResult> {
  const row = await db
    .insertInto('ingest_items')
    .values({
      source_id: a.source.id,
      state: 'quarantined',
      reason: clean(reason, 500),
      version: 0,
      headline: '',
      dek: '',
      byline: '',
      provider: '',
      rights: '',
      subjects: ' ',
      subject_names: '',
      search_text: '',
      via: a.via,
      push_id: a.pushId ?? null,
      file_name: a.fileName ?? null,
      raw: rawOf(a.bytes),
      latest: 0,
      received_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, state: 'quarantined', guid: null, version: 0, reason, flagged: [] };
}

function searchText(item: WireItem): string {
  const text = [item.headline, item.dek, item.byline, item.provider, renderText(item.body)].join('\n');
  return text.toLowerCase().slice(0, 200_000);
}

async function store(tx: Db, a: Arrival, item: WireItem): Promise<ArrivalResult> {
  const inserted = await tx
    .insertInto('ingest_items')
    .values({
      source_id: a.source.id,
      state: 'queued',
      format: item.format,
      guid: item.guid,
      version: item.version,
      pub_status: item.pubStatus,
      headline: item.headline,
      dek: item.dek,
      body: JSON.stringify(item.body),
      byline: item.byline,
      provider: item.provider,
      rights: item.rights,
      priority: item.priority,
      subjects: ` ${item.subjects.map((s) => s.code.replace(/\s+/g, '_')).join(' ')} `,
      subject_names: item.subjects.map((s) => s.name).join(', '),
      language: item.language,
      embargo_until: item.embargoUntil,
      first_created: item.firstCreated,
      version_created: item.versionCreated,
      search_text: searchText(item),
      via: a.via,
      push_id: a.pushId ?? null,
      file_name: a.fileName ?? null,
      raw: item.problems.length ? `Conversion notes: ${item.problems.join('; ')}` : '',
      received_at: a.now,
    })
    .onConflict((oc) => oc.columns(['source_id', 'guid', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await tx
      .selectFrom('ingest_items')
      .select(['id', 'pub_status'])
      .where('source_id', '=', a.source.id)
      .where('guid', '=', item.guid)
      .where('version', '=', item.version)
      .executeTakeFirstOrThrow();
    // Some agencies kill without a new version number: the same version, now canceled, is a
    // kill and not a duplicate — the one change to a stored version ingest accepts.
    if (item.pubStatus === 'canceled' && existing.pub_status !== 'canceled') {
      await tx
        .updateTable('ingest_items')
        .set({ pub_status: 'canceled' })
        .where('id', '=', existing.id)
        .execute();
      const flagged = await flagUses(tx, a, item, existing.id);
      return {
        id: existing.id,
        state: 'queued',
        guid: item.guid,
        version: item.version,
        reason: null,
        flagged,
      };
    }
    return {
      id: existing.id,
      state: 'duplicate',
      guid: item.guid,
      version: item.version,
      reason: null,
      flagged: [],
    };
  }
  const newer = await tx
    .selectFrom('ingest_items')
    .select('id')
    .where('source_id', '=', a.source.id)
    .where('guid', '=', item.guid)
    .where('version', '>', item.version)
    .executeTakeFirst();
  if (newer) {
    await tx.updateTable('ingest_items').set({ latest: 0 }).where('id', '=', inserted.id).execute();
  } else {
    await tx
      .updateTable('ingest_items')
      .set({ latest: 0 })
      .where('source_id', '=', a.source.id)
      .where('guid', '=', item.guid)
      .where('id', '<>', inserted.id)
      .execute();
  }
  const flagged = await flagUses(tx, a, item, inserted.id);
  return { id: inserted.id, state: 'queued', guid: item.guid, version: item.version, reason: null, flagged };
}

/** Flags (and notes on) every story built from an earlier version of this item, or from any, on a kill. */
async function flagUses(tx: Db, a: Arrival, item: WireItem, itemId: number): Promise<number[]> {
  const uses = await tx
    .selectFrom('ingest_uses')
    .selectAll()
    .where('source_id', '=', a.source.id)
    .where('guid', '=', item.guid)
    .execute();
  const kill = item.pubStatus === 'canceled';
  const agency = item.provider || a.source.name;
  const flagged: number[] = [];
  for (const use of uses) {
    if (use.flag === 'kill') continue;
    if (!kill && item.version <= use.version) continue;
    // A newer version may lift or shorten the embargo; a later one is for the editor to read.
    const embargo =
      !kill &&
      (item.embargoUntil === null || (use.embargo_until !== null && item.embargoUntil < use.embargo_until))
        ? item.embargoUntil
        : use.embargo_until;
    await tx
      .updateTable('ingest_uses')
      .set({
        flag: kill ? 'kill' : 'update',
        flag_item_id: itemId,
        flagged_at: a.now,
        embargo_until: embargo,
      })
      .where('article_id', '=', use.article_id)
      .execute();
    const text = kill
      ? `KILL: ${agency} has withdrawn "${item.headline}" (version ${item.version}). Do not publish the agency's copy; take the story down or rewrite it without it.`
      : item.pubStatus === 'withheld'
        ? `WITHHELD: ${agency} has withheld "${item.headline}" (version ${item.version}) for now. Do not publish it until the agency releases it.`
        : `UPDATE: ${agency} sent version ${item.version} of "${item.headline}" (this story was built from version ${use.version}). Compare it in the ingest desk.${
            item.embargoUntil !== use.embargo_until
              ? ` Embargo in the new version: ${item.embargoUntil ?? 'none'}${embargo === item.embargoUntil ? ' (applied to this story)' : ' (not applied: it is later; check the story)'}.`
              : ''
          }`;
    await addNote(tx, {
      articleId: use.article_id,
      userId: null,
      authorLabel: `Wire desk · ${a.source.name}`,
      text,
      now: a.now,
    });
    flagged.push(use.article_id);
  }
  return flagged;
}

export type { IngestItemRow };

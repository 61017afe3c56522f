import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type ArticleEntityRow,
  type ArticleRow,
  type Db,
  type EntityType,
  inTransaction,
} from '../db/index.js';
import { conflict, notFound } from '../errors.js';
import { type Doc, renderText } from '../shared/document/index.js';
import { buildGazetteer, extractEntities, type Gazetteer, type Recogniser, type Span } from './extract.js';
import { demonyms } from './gazetteer.js';
import { loadRecogniser } from './nlp.js';
import { createEntity, getEntity } from './registry.js';
import { normaliseName } from './normalise.js';
import { announceDecision } from './topics.js';

/** A story's entity as the newsroom sees it (the admin article detail, the editor's side panel). */
export interface StoryEntity {
  /** The link's id: what confirm, reject and link name. */
  id: number;
  entityId: number | null;
  name: string;
  type: EntityType;
  state: 'suggested' | 'confirmed' | 'rejected';
  mentions: number;
  snippet: string;
}

const presentLink = (r: ArticleEntityRow): StoryEntity => ({
  id: r.id,
  entityId: r.entity_id,
  name: r.name,
  type: r.type,
  state: r.state,
  mentions: r.mentions,
  snippet: r.snippet,
});

/** The story's confirmed and suggested entities (rejected ones only with `rejected`), most mentioned first. */
export async function storyEntities(
  db: Db,
  articleId: number,
  opts: { rejected?: boolean } = {},
): Promise<StoryEntity[]> {
  let q = db.selectFrom('article_entities').selectAll().where('article_id', '=', articleId);
  if (!opts.rejected) q = q.where('state', '!=', 'rejected');
  const rows = await q.orderBy('state').orderBy('mentions', 'desc').orderBy('name').execute();
  return rows.map(presentLink);
}

/** The text extraction reads: headline, dek, lead caption, then the body's blocks (captions included). */
export function storyParts(row: Pick<ArticleRow, 'headline' | 'dek' | 'lead_caption' | 'body'>): string[] {
  let blocks: string[] = [];
  const captions: string[] = [];
  try {
    const doc = JSON.parse(row.body) as Doc;
    blocks = renderText(doc).split('\n\n');
    imageCaptions(doc.content, captions);
  } catch {
    // Every write validates the body; an unreadable one has nothing to suggest, and fails nothing.
  }
  return [row.headline, row.dek, row.lead_caption, ...blocks, ...captions].filter((p) => p.trim() !== '');
}

function imageCaptions(nodes: readonly unknown[] | undefined, out: string[]): void {
  for (const node of nodes ?? []) {
    const n = node as { type: string; attrs?: { caption?: string }; content?: unknown[] };
    if (n.type === 'image' && n.attrs?.caption) out.push(n.attrs.caption);
    imageCaptions(n.content, out);
  }
}

/**
 * The article change hook (context.ts installs it): a story whose words changed is queued for
 * extraction, inside the save's transaction, with one small upsert. The save never waits for the
 * extraction itself (a long story takes a few hundred milliseconds); the job does it.
 */
export async function queueEntityExtraction(
  tx: Db,
  change: { before: ArticleRow | null; after: ArticleRow | null; now: string },
): Promise<void> {
  const { before, after } = change;
  if (!after || after.deleted_at) return;
  if (
    before &&
    before.headline === after.headline &&
    before.dek === after.dek &&
    before.body === after.body &&
    before.lead_caption === after.lead_caption
  )
    return;
  await queueStories(tx, [after.id], change.now);
}

async function queueStories(db: Db, ids: readonly number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('entity_extraction_queue')
    .values(ids.map((article_id) => ({ article_id, queued_at: now })))
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ queued_at: now }))
    .execute();
}

/** Queues every story (not deleted) for extraction again: after a registry grows, or a new extractor. */
export async function queueAllStories(db: Db, now: string): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom('articles')
        .select('id')
        .where('deleted_at', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    await queueStories(db, ids, now);
    total += ids.length;
    after = ids[ids.length - 1]!;
  }
}

/** Whether the story waits for extraction (the editor's panel asks again until it is done). */
export async function extractionPending(db: Db, articleId: number): Promise<boolean> {
  const row = await db
    .selectFrom('entity_extraction_queue')
    .select('article_id')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many stories wait for extraction. */
export async function extractionBacklog(db: Db): Promise<number> {
  const row = await db
    .selectFrom('entity_extraction_queue')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Per database: a process may hold two (tests do), whose registries differ.
const cached = new WeakMap<Db, { stamp: string; gazetteer: Gazetteer }>();

/** The registry as extraction reads it; built again only when the registry changed. */
export async function loadGazetteer(db: Db): Promise<Gazetteer> {
  const s = await db
    .selectFrom('entities')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  const aliasCount = await db
    .selectFrom('entity_aliases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const stamp = `${s.n}|${String(s.latest)}|${aliasCount.n}`;
  const known = cached.get(db);
  if (known?.stamp === stamp) return known.gazetteer;
  const rows = await db
    .selectFrom('entity_aliases as a')
    .innerJoin('entities as e', 'e.id', 'a.entity_id')
    .select(['a.normalised', 'e.id', 'e.name', 'e.type'])
    .where('e.merged_into', 'is', null)
    .orderBy('e.id')
    .execute();
  const gazetteer = buildGazetteer(
    rows.map((r) => ({ normalised: r.normalised, entityId: r.id, name: r.name, type: r.type })),
    demonyms(),
  );
  cached.set(db, { stamp, gazetteer });
  return gazetteer;
}

/**
 * Suggestions for one story, with a turn of the event loop between paragraphs, so requests
 * served by the same process never wait behind a long story for more than one paragraph's work.
 */
async function extractYielding(parts: string[], g: Gazetteer, recognise: Recogniser) {
  const spans = new Map<string, Span[]>();
  for (const part of parts) {
    if (!spans.has(part)) spans.set(part, recognise(part));
    await nextTurn();
  }
  return extractEntities(parts, g, (part) => spans.get(part) ?? []);
}

/**
 * Extracts one story and stores its suggestions. Decisions stay: a confirmed or rejected link
 * keeps its state (its mention count follows the text); suggestions the text no longer supports go.
 */
export async function extractStory(
  db: Db,
  articleId: number,
  now: string,
  deps?: { gazetteer?: Gazetteer; recognise?: Recogniser },
): Promise<number> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
  if (!row || row.deleted_at) return 0;
  const g = deps?.gazetteer ?? (await loadGazetteer(db));
  const recognise = deps?.recognise ?? (await loadRecogniser());
  const suggestions = await extractYielding(storyParts(row), g, recognise);
  await inTransaction(db, async (tx) => {
    const existing = new Map(
      (await tx.selectFrom('article_entities').selectAll().where('article_id', '=', articleId).execute()).map(
        (r) => [r.key, r],
      ),
    );
    for (const s of suggestions) {
      const fields = {
        mentions: s.mentions,
        first_offset: s.offsets[0] ?? null,
        snippet: s.snippet,
        updated_at: now,
      };
      const old = existing.get(s.key);
      existing.delete(s.key);
      if (old) {
        await tx.updateTable('article_entities').set(fields).where('id', '=', old.id).execute();
      } else {
        await tx
          .insertInto('article_entities')
          .values({
            article_id: articleId,
            key: s.key,
            entity_id: s.entityId,
            name: s.name,
            type: s.type,
            state: 'suggested',
            decided_by: null,
            decided_at: null,
            ...fields,
          })
          .execute();
      }
    }
    for (const gone of existing.values()) {
      if (gone.state === 'suggested')
        await tx.deleteFrom('article_entities').where('id', '=', gone.id).execute();
      else if (gone.mentions !== 0)
        await tx
          .updateTable('article_entities')
          .set({ mentions: 0, updated_at: now })
          .where('id', '=', gone.id)
          .execute();
    }
  });
  return suggestions.length;
}

/**
 * Works off the extraction queue, oldest first, `limit` stories per call (the `entity-extraction`
 * job, and `masthead entities extract`). A story saved again while it was being extracted keeps
 * its place in the queue (its queued_at moved), so the newer text is extracted too.
 */
export async function runExtractionQueue(db: Db, now: string, limit = 20): Promise<number> {
  const due = await db
    .selectFrom('entity_extraction_queue')
    .selectAll()
    .orderBy('queued_at')
    .orderBy('article_id')
    .limit(limit)
    .execute();
  for (const item of due) {
    await extractStory(db, item.article_id, now);
    await db
      .deleteFrom('entity_extraction_queue')
      .where('article_id', '=', item.article_id)
      .where('queued_at', '=', item.queued_at)
      .execute();
  }
  return due.length;
}

async function linkOf(db: Db, articleId: number, linkId: number): Promise<ArticleEntityRow> {
  const row = await db
    .selectFrom('article_entities')
    .selectAll()
    .where('id', '=', linkId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) throw notFound(`story ${articleId} has no entity suggestion ${linkId}`);
  return row;
}

/**
 * Confirms or rejects a suggestion on a story. Confirming a name the registry does not know adds
 * it to the registry (with the suggested type), so the next story finds it by name.
 */
export async function decideSuggestion(
  db: Db,
  articleId: number,
  linkId: number,
  decision: { state: 'confirmed' | 'rejected'; by: string; now: string },
): Promise<StoryEntity> {
  const link = await linkOf(db, articleId, linkId);
  if (decision.state === 'confirmed' && link.entity_id === null) {
    const existing = await db
      .selectFrom('entity_aliases as a')
      .innerJoin('entities as e', 'e.id', 'a.entity_id')
      .select('e.id')
      .where('a.normalised', '=', normaliseName(link.name))
      .where('e.type', '=', link.type)
      .where('e.merged_into', 'is', null)
      .executeTakeFirst();
    const entityId =
      existing?.id ?? (await createEntity(db, { type: link.type, name: link.name }, decision.now)).id;
    return linkSuggestion(db, articleId, linkId, entityId, decision);
  }
  await db
    .updateTable('article_entities')
    .set({
      state: decision.state,
      decided_by: decision.by,
      decided_at: decision.now,
      updated_at: decision.now,
    })
    .where('id', '=', linkId)
    .execute();
  // The Content API and the story's page show confirmed entities; topic pages list the story.
  await announceDecision(db, articleId, [link.entity_id], decision.now);
  return presentLink(await linkOf(db, articleId, linkId));
}

/**
 * Takes a decision back: the link is a suggestion again (an editor who rejected or confirmed by
 * mistake). A name confirmed into the registry stays there; the story link is what changes.
 */
export async function reopenSuggestion(
  db: Db,
  articleId: number,
  linkId: number,
  now: string,
): Promise<StoryEntity> {
  const link = await linkOf(db, articleId, linkId);
  if (link.state !== 'suggested') {
    await db
      .updateTable('article_entities')
      .set({ state: 'suggested', decided_by: null, decided_at: null, updated_at: now })
      .where('id', '=', linkId)
      .execute();
    await announceDecision(db, articleId, [link.entity_id], now);
  }
  return presentLink(await linkOf(db, articleId, linkId));
}

/**
 * Links a suggestion to an existing entity and confirms it; the name it was found under becomes
 * one of the entity's aliases, so extraction finds it in the registry next time. Where the story
 * already links that entity, the two become one link.
 */
export async function linkSuggestion(
  db: Db,
  articleId: number,
  linkId: number,
  entityId: number,
  decision: { by: string; now: string },
): Promise<StoryEntity> {
  const entity = await getEntity(db, entityId);
  if (entity.mergedInto !== null) throw conflict(`entity ${entityId} was merged into ${entity.mergedInto}`);
  await inTransaction(db, async (tx) => {
    const link = await linkOf(tx, articleId, linkId);
    const key = `e:${entityId}`;
    const twin = await tx
      .selectFrom('article_entities')
      .select(['id', 'mentions'])
      .where('article_id', '=', articleId)
      .where('key', '=', key)
      .where('id', '!=', linkId)
      .executeTakeFirst();
    if (twin) await tx.deleteFrom('article_entities').where('id', '=', twin.id).execute();
    await tx
      .updateTable('article_entities')
      .set({
        key,
        entity_id: entityId,
        name: entity.name,
        type: entity.type,
        state: 'confirmed',
        mentions: link.mentions + (twin?.mentions ?? 0),
        decided_by: decision.by,
        decided_at: decision.now,
        updated_at: decision.now,
      })
      .where('id', '=', linkId)
      .execute();
    const normalised = normaliseName(link.name);
    if (normalised) {
      await tx
        .insertInto('entity_aliases')
        .values({ entity_id: entityId, alias: link.name, normalised, language: null })
        .onConflict((oc) => oc.columns(['entity_id', 'normalised']).doNothing())
        .execute();
    }
    await tx.updateTable('entities').set({ updated_at: decision.now }).where('id', '=', entityId).execute();
    await announceDecision(tx, articleId, [link.entity_id, entityId], decision.now);
  });
  return presentLink(await linkOf(db, articleId, linkId));
}

/** An entity as public faces show it (the Content API's `entities`, later topic pages and JSON-LD). */
export interface PublicEntity {
  id: number;
  type: EntityType;
  name: string;
  slug: string;
  wikidataQid: string | null;
  sameAs: string[];
}

/** The confirmed entities of each story, in one query, by name (not by mentions: a re-extraction changes no public answer). */
export async function confirmedEntitiesOf(
  db: Db,
  articleIds: readonly number[],
): Promise<Map<number, PublicEntity[]>> {
  const out = new Map<number, PublicEntity[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .selectFrom('article_entities as l')
    .innerJoin('entities as e', 'e.id', 'l.entity_id')
    .select(['l.article_id', 'e.id', 'e.type', 'e.name', 'e.slug', 'e.wikidata_qid', 'e.same_as'])
    .where('l.article_id', 'in', articleIds)
    .where('l.state', '=', 'confirmed')
    .orderBy('l.article_id')
    .orderBy('e.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    list.push({
      id: r.id,
      type: r.type,
      name: r.name,
      slug: r.slug,
      wikidataQid: r.wikidata_qid,
      sameAs: JSON.parse(r.same_as) as string[],
    });
    out.set(r.article_id, list);
  }
  return out;
}

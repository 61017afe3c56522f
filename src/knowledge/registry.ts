import { sql } from 'kysely';
import { audit } from '../accounts/index.js';
import { type Db, type EntityRow, type EntityType, inTransaction } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { slugify } from '../shared/slug.js';
import { normaliseName } from './normalise.js';
import { announceEntities } from './topics.js';

/** An entity as the newsroom sees it, with its aliases. */
export interface Entity {
  id: number;
  type: EntityType;
  name: string;
  slug: string;
  description: string;
  /** A person's current title or role; '' when not recorded. */
  title: string;
  wikidataQid: string | null;
  sameAs: string[];
  mergedInto: number | null;
  aliases: { alias: string; language: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export interface EntityInput {
  type: EntityType;
  name: string;
  description?: string;
  title?: string;
  wikidataQid?: string | null;
  sameAs?: string[];
  aliases?: { alias: string; language?: string | null }[];
}

export type EntityPatch = Partial<EntityInput>;

function present(row: EntityRow, aliases: { alias: string; language: string | null }[]): Entity {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    slug: row.slug,
    description: row.description,
    title: row.title,
    wikidataQid: row.wikidata_qid,
    sameAs: JSON.parse(row.same_as) as string[],
    mergedInto: row.merged_into,
    aliases,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A slug no other entity has: the name's, then "-2", "-3"… */
async function freeSlug(db: Db, name: string, type: EntityType): Promise<string> {
  const base = slugify(name) || type;
  const taken = new Set(
    (
      await db
        .selectFrom('entities')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Adds aliases (the name itself is always one), skipping those the entity already has. */
export async function addAliases(
  db: Db,
  entityId: number,
  aliases: readonly { alias: string; language?: string | null }[],
): Promise<void> {
  const existing = new Set(
    (
      await db.selectFrom('entity_aliases').select('normalised').where('entity_id', '=', entityId).execute()
    ).map((r) => r.normalised),
  );
  const rows: { entity_id: number; alias: string; normalised: string; language: string | null }[] = [];
  for (const a of aliases) {
    const normalised = normaliseName(a.alias);
    if (!normalised || existing.has(normalised)) continue;
    existing.add(normalised);
    rows.push({ entity_id: entityId, alias: a.alias.trim(), normalised, language: a.language ?? null });
  }
  // One statement per 200 aliases (a country has up to ~60 names; SQLite limits bound variables).
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('entity_aliases')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

/** One entity with its aliases; merged ones too (they point at what they became). */
export async function getEntity(db: Db, id: number): Promise<Entity> {
  const row = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`no entity ${id}`);
  const aliases = await db
    .selectFrom('entity_aliases')
    .select(['alias', 'language'])
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
  return present(row, aliases);
}

/** Creates an entity; its name is its first alias. */
export async function createEntity(db: Db, input: EntityInput, now: string): Promise<Entity> {
  if (!normaliseName(input.name)) throw invalidInput('a name needs at least one letter or digit', 'name');
  const id = await inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('entities')
      .values({
        type: input.type,
        name: input.name.trim(),
        slug: await freeSlug(tx, input.name, input.type),
        description: input.description ?? '',
        title: input.title ?? '',
        wikidata_qid: input.wikidataQid ?? null,
        same_as: JSON.stringify(input.sameAs ?? []),
        merged_into: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addAliases(tx, row.id, [{ alias: input.name }, ...(input.aliases ?? [])]);
    return row.id;
  });
  return getEntity(db, id);
}

/** Changes an entity; `aliases`, when given, replaces the list (the name stays an alias). */
export async function updateEntity(db: Db, id: number, patch: EntityPatch, now: string): Promise<Entity> {
  await inTransaction(db, async (tx) => {
    const row = await tx.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`no entity ${id}`);
    if (row.merged_into !== null) throw conflict(`entity ${id} was merged into ${row.merged_into}`);
    const name = patch.name?.trim() ?? row.name;
    if (!normaliseName(name)) throw invalidInput('a name needs at least one letter or digit', 'name');
    await tx
      .updateTable('entities')
      .set({
        type: patch.type ?? row.type,
        name,
        description: patch.description ?? row.description,
        title: patch.title ?? row.title,
        wikidata_qid: patch.wikidataQid === undefined ? row.wikidata_qid : patch.wikidataQid,
        same_as: patch.sameAs ? JSON.stringify(patch.sameAs) : row.same_as,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (patch.aliases) await tx.deleteFrom('entity_aliases').where('entity_id', '=', id).execute();
    await addAliases(tx, id, [{ alias: name }, ...(patch.aliases ?? [])]);
    await announceEntities(tx, [id]);
    // Stories' links show the entity's current name and type.
    if (patch.name !== undefined || patch.type !== undefined) {
      await tx
        .updateTable('article_entities')
        .set({ name, type: patch.type ?? row.type })
        .where('entity_id', '=', id)
        .execute();
    }
  });
  return getEntity(db, id);
}

const STATE_RANK = { confirmed: 2, rejected: 1, suggested: 0 } as const;

/**
 * Merges `fromId` into `intoId`: aliases (and the old name) move, story links move (where a story
 * links both, the stronger decision wins: confirmed, then rejected, then a suggestion), and the
 * old entity stays as a row pointing at the new one, so its id still resolves.
 */
export async function mergeEntities(
  db: Db,
  fromId: number,
  intoId: number,
  now: string,
  by?: EntityActor,
): Promise<Entity> {
  if (fromId === intoId) throw invalidInput('an entity cannot be merged into itself', 'into');
  await inTransaction(db, async (tx) => {
    const [from, into] = await Promise.all(
      [fromId, intoId].map((id) =>
        tx.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst(),
      ),
    );
    if (!from) throw notFound(`no entity ${fromId}`);
    if (!into) throw notFound(`no entity ${intoId}`);
    if (from.merged_into !== null || into.merged_into !== null)
      throw conflict('one of them is already merged');
    await announceEntities(tx, [fromId, intoId], { lists: true });
    const aliases = await tx
      .selectFrom('entity_aliases')
      .select(['alias', 'language'])
      .where('entity_id', '=', fromId)
      .execute();
    await addAliases(tx, intoId, [{ alias: from.name }, ...aliases]);
    await tx.deleteFrom('entity_aliases').where('entity_id', '=', fromId).execute();
    const links = await tx
      .selectFrom('article_entities')
      .selectAll()
      .where('entity_id', '=', fromId)
      .execute();
    for (const link of links) {
      const other = await tx
        .selectFrom('article_entities')
        .selectAll()
        .where('article_id', '=', link.article_id)
        .where('key', '=', `e:${intoId}`)
        .executeTakeFirst();
      if (other) {
        if (STATE_RANK[link.state] > STATE_RANK[other.state]) {
          await tx
            .updateTable('article_entities')
            .set({
              state: link.state,
              decided_by: link.decided_by,
              decided_at: link.decided_at,
              updated_at: now,
            })
            .where('id', '=', other.id)
            .execute();
        }
        await tx.deleteFrom('article_entities').where('id', '=', link.id).execute();
      } else {
        await tx
          .updateTable('article_entities')
          .set({ entity_id: intoId, key: `e:${intoId}`, name: into.name, type: into.type, updated_at: now })
          .where('id', '=', link.id)
          .execute();
      }
    }
    // Anything merged into the old one earlier now points at the survivor, so chains stay one step.
    await tx.updateTable('entities').set({ merged_into: intoId }).where('merged_into', '=', fromId).execute();
    await tx
      .updateTable('entities')
      .set({ merged_into: intoId, updated_at: now })
      .where('id', '=', fromId)
      .execute();
    await tx.updateTable('entities').set({ updated_at: now }).where('id', '=', intoId).execute();
    if (by) {
      const details = { from: fromId, into: intoId, aliases: aliases.length + 1, links: links.length };
      for (const id of [fromId, intoId])
        await audit(tx, { actor: by, action: 'entity.merge', subject: { type: 'entity', id }, details }, now);
    }
  });
  return getEntity(db, intoId);
}

/** Who changed the registry, for its history (the audit log). */
export interface EntityActor {
  id: number | null;
  label: string;
}

export interface EntitySplit {
  /** The new entity's name (one of its aliases from the start); type etc. default to the old one's type. */
  name: string;
  type?: EntityType;
  description?: string;
  wikidataQid?: string | null;
  /** Aliases of the old entity that name the new one instead (not the old one's own name). */
  aliases: string[];
  /** Stories whose link to the old entity (whatever its state) is about the new one. */
  articleIds: number[];
}

/**
 * The reverse of a merge: a new entity takes some of an entity's aliases and some of its story
 * links ("Georgia" the country and the US state were one entity). Both are announced like a
 * merge, and the history (the audit log) records what moved, on both entities. Every alias and
 * story named must belong to the old entity; otherwise nothing changes (400).
 */
export async function splitEntity(
  db: Db,
  fromId: number,
  split: EntitySplit,
  now: string,
  by: EntityActor,
): Promise<{ from: Entity; into: Entity }> {
  const intoId = await inTransaction(db, async (tx) => {
    const from = await tx.selectFrom('entities').selectAll().where('id', '=', fromId).executeTakeFirst();
    if (!from) throw notFound(`no entity ${fromId}`);
    if (from.merged_into !== null) throw conflict(`entity ${fromId} was merged into ${from.merged_into}`);
    if (split.aliases.length === 0 && split.articleIds.length === 0)
      throw invalidInput('name the aliases or the stories that move to the new entity', 'aliases');
    const own = await tx
      .selectFrom('entity_aliases')
      .select(['alias', 'normalised', 'language'])
      .where('entity_id', '=', fromId)
      .execute();
    const byKey = new Map(own.map((a) => [a.normalised, a]));
    const moving = [...new Set(split.aliases.map(normaliseName))];
    for (const key of moving) {
      if (!byKey.has(key)) throw invalidInput(`“${key}” is not an alias of entity ${fromId}`, 'aliases');
      if (key === normaliseName(from.name))
        throw invalidInput('the entity’s own name stays with it (rename it first)', 'aliases');
    }
    const articleIds = [...new Set(split.articleIds)];
    const links =
      articleIds.length === 0
        ? []
        : await tx
            .selectFrom('article_entities')
            .select(['id', 'article_id'])
            .where('entity_id', '=', fromId)
            .where('article_id', 'in', articleIds)
            .execute();
    const linked = new Set(links.map((l) => l.article_id));
    const stray = articleIds.filter((id) => !linked.has(id));
    if (stray.length)
      throw invalidInput(`stories not linked to entity ${fromId}: ${stray.join(', ')}`, 'articleIds');

    const into = await createEntity(
      tx,
      {
        type: split.type ?? from.type,
        name: split.name,
        description: split.description ?? '',
        wikidataQid: split.wikidataQid ?? null,
      },
      now,
    );
    const moved = moving.flatMap((k) => {
      const a = byKey.get(k);
      return a ? [a] : [];
    });
    if (moved.length) {
      await tx
        .deleteFrom('entity_aliases')
        .where('entity_id', '=', fromId)
        .where('normalised', 'in', moving)
        .execute();
      await addAliases(tx, into.id, moved);
    }
    if (links.length) {
      await tx
        .updateTable('article_entities')
        .set({ entity_id: into.id, key: `e:${into.id}`, name: into.name, type: into.type, updated_at: now })
        .where(
          'id',
          'in',
          links.map((l) => l.id),
        )
        .execute();
    }
    await tx.updateTable('entities').set({ updated_at: now }).where('id', '=', fromId).execute();
    await announceEntities(tx, [fromId, into.id], { lists: true });
    const details = {
      from: fromId,
      into: into.id,
      aliases: moved.map((a) => a.alias),
      articleIds: links.map((l) => l.article_id).sort((a, b) => a - b),
    };
    for (const id of [fromId, into.id])
      await audit(tx, { actor: by, action: 'entity.split', subject: { type: 'entity', id }, details }, now);
    return into.id;
  });
  return { from: await getEntity(db, fromId), into: await getEntity(db, intoId) };
}

/** An entity's merges and splits, oldest first (from the audit log). */
export async function entityHistory(db: Db, id: number) {
  await getEntity(db, id);
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_type', '=', 'entity')
    .where('subject_id', '=', String(id))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    by: r.actor_label,
    at: r.created_at,
    ...(JSON.parse(r.details) as Record<string, unknown>),
  }));
}

export interface EntityListQuery {
  /** Matches the start of the name or of any alias, accents and case aside. */
  q?: string;
  type?: EntityType;
  limit: number;
  offset?: number;
}

/** Entities not merged away, by name; `q` searches names and aliases. */
export async function listEntities(db: Db, query: EntityListQuery): Promise<Entity[]> {
  let q = db.selectFrom('entities').selectAll().where('merged_into', 'is', null);
  if (query.type) q = q.where('type', '=', query.type);
  const needle = query.q ? normaliseName(query.q) : '';
  if (needle) {
    // The start of the alias, or of any word in it ("putin" finds "Vladimir Putin").
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entity_aliases as a')
          .select(sql`1`.as('one'))
          .whereRef('a.entity_id', '=', 'entities.id')
          .where((w) =>
            w.or([w('a.normalised', 'like', `${needle}%`), w('a.normalised', 'like', `% ${needle}%`)]),
          ),
      ),
    );
  }
  const rows = await q
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit)
    .offset(query.offset ?? 0)
    .execute();
  if (rows.length === 0) return [];
  const aliases = await db
    .selectFrom('entity_aliases')
    .select(['entity_id', 'alias', 'language'])
    .where(
      'entity_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) =>
    present(
      r,
      aliases.filter((a) => a.entity_id === r.id).map(({ alias, language }) => ({ alias, language })),
    ),
  );
}

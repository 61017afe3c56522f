import type { z } from 'zod';
import { audit } from '../accounts/index.js';
import { announceChange, frontListTag, frontTag } from '../cache/index.js';
import { type Db, type FrontListRow, inTransaction } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import {
  type FrontKey,
  frontOrder,
  type ListCreateInput,
  type ListDefinition,
  listCreate,
  type ListSaveInput,
  listSave,
} from '../shared/fronts.js';
import { editionOfHome, sectionIdOf } from './defaults.js';
import { iso, nextChangeAfter, type StoredList, storedListOf } from './model.js';

/**
 * The writes of curated fronts, each one transaction with its audit entry, announcing after the
 * commit exactly the tags of what changed: a list's edit its own tag (the pages showing it), a
 * list added, removed or moved its front's tag. Saves carry the version they started from; a
 * stale one is refused with 409 and the list as it is now, as story saves are.
 */
export interface FrontWriter {
  id: number | null;
  /** Written in the audit log. */
  email: string;
  /** Written on the list (`user:12`). */
  label: string;
  now: string;
}

/** A list as the newsroom API shows it. */
export type FrontList = StoredList;

export async function createList(db: Db, input: ListCreateInput, by: FrontWriter): Promise<FrontList> {
  const data = parse(listCreate, input);
  return inTransaction(db, async (tx) => {
    const edition = await frontEdition(tx, data.front);
    await checkReferences(tx, data.definition, 'definition', edition);
    const clash = await tx
      .selectFrom('front_lists')
      .select('id')
      .where('slug', '=', data.slug)
      .executeTakeFirst();
    if (clash) throw conflict(`slug: a list is already called "${data.slug}"`, [{ field: 'slug' }]);
    const last = await tx
      .selectFrom('front_lists')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('front', '=', data.front)
      .executeTakeFirst();
    const position = data.position ?? Number(last?.p ?? -1) + 1;
    const draft: StoredList = {
      id: null,
      slug: data.slug,
      front: data.front,
      position,
      title: data.title,
      definition: data.definition,
      scheduled: null,
      version: 1,
      updatedAt: by.now,
      updatedBy: by.label,
    };
    const row = await tx
      .insertInto('front_lists')
      .values({
        slug: data.slug,
        front: data.front,
        position,
        title: data.title,
        definition: JSON.stringify(data.definition),
        scheduled: null,
        scheduled_at: null,
        next_change_at: nextChangeAfter(draft, by.now),
        created_at: by.now,
        updated_at: by.now,
        updated_by: by.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditList(tx, by, 'front.list.create', row, { front: data.front });
    // The front's layout changed (a first stored list also replaces its default).
    announceChange(tx, [frontTag(data.front), frontListTag(data.slug)]);
    return storedListOf(row);
  });
}

/** Save a list's title, definition and scheduled version, from the version the editor saw. */
export async function saveList(
  db: Db,
  slug: string,
  input: ListSaveInput,
  by: FrontWriter,
): Promise<FrontList> {
  const data = parse(listSave, input);
  if (data.scheduled && iso(data.scheduled.at) <= by.now) {
    throw invalidInput('scheduled.at: must be in the future', 'scheduled.at');
  }
  return inTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom('front_lists')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!current) throw notFound(`no list is called "${slug}"`);
    const edition = await frontEdition(tx, current.front);
    await checkReferences(tx, data.definition, 'definition', edition);
    if (data.scheduled) await checkReferences(tx, data.scheduled.definition, 'scheduled.definition', edition);
    const next: StoredList = {
      ...storedListOf(current),
      title: data.title,
      definition: data.definition,
      scheduled: data.scheduled,
    };
    const row = await tx
      .updateTable('front_lists')
      .set({
        title: data.title,
        definition: JSON.stringify(data.definition),
        scheduled: data.scheduled ? JSON.stringify(data.scheduled.definition) : null,
        scheduled_at: data.scheduled ? iso(data.scheduled.at) : null,
        next_change_at: nextChangeAfter(next, by.now),
        version: current.version + 1,
        updated_at: by.now,
        updated_by: by.label,
      })
      .where('id', '=', current.id)
      .where('version', '=', data.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw conflict(`list "${slug}" was saved by someone else (version ${current.version}); reload it`, {
        current: storedListOf(current),
      });
    }
    await auditList(tx, by, 'front.list.save', row, {
      version: row.version,
      pins: data.definition.pins.map((p) => p.articleId),
      scheduledAt: data.scheduled?.at ?? null,
    });
    announceChange(tx, [frontListTag(slug)]);
    return storedListOf(row);
  });
}

/** Remove a list from its front (the last one gone: the front shows its default again). */
export async function deleteList(db: Db, slug: string, version: number, by: FrontWriter): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom('front_lists')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!current) throw notFound(`no list is called "${slug}"`);
    if (current.version !== version) {
      throw conflict(`list "${slug}" was saved by someone else (version ${current.version}); reload it`, {
        current: storedListOf(current),
      });
    }
    await tx.deleteFrom('front_lists').where('id', '=', current.id).execute();
    await auditList(tx, by, 'front.list.delete', current, {});
    announceChange(tx, [frontTag(current.front), frontListTag(slug)]);
  });
}

/** Put a front's lists in a new order (every one of its lists named once). */
export async function reorderFront(db: Db, front: FrontKey, input: unknown, by: FrontWriter): Promise<void> {
  const { slugs } = parse(frontOrder, input);
  await inTransaction(db, async (tx) => {
    const rows = await tx
      .selectFrom('front_lists')
      .select(['id', 'slug'])
      .where('front', '=', front)
      .execute();
    const have = new Set(rows.map((r) => r.slug));
    if (
      slugs.length !== rows.length ||
      new Set(slugs).size !== slugs.length ||
      slugs.some((s) => !have.has(s))
    ) {
      throw invalidInput('slugs: name every list of this front once', 'slugs');
    }
    for (const [position, slug] of slugs.entries()) {
      await tx
        .updateTable('front_lists')
        .set({ position })
        .where('front', '=', front)
        .where('slug', '=', slug)
        .execute();
    }
    await audit(
      tx,
      {
        actor: { id: by.id, label: by.email },
        action: 'front.reorder',
        subject: { type: 'front', id: front },
        details: { slugs },
      },
      by.now,
    );
    announceChange(tx, [frontTag(front)]);
  });
}

/**
 * Lists whose output changed by the clock alone since they were saved: a scheduled version whose
 * time came takes over for good (the editor sees it as the list), expired pins are dropped, and
 * the pages showing the list are told. Each row is claimed by its version, so with several
 * nodes exactly one does it, and its announcement reaches the others through Redis as any
 * write's does. Returns how many lists changed.
 */
export async function applyDueListChanges(db: Db, now: string): Promise<number> {
  const due = await db.selectFrom('front_lists').selectAll().where('next_change_at', '<=', now).execute();
  let changed = 0;
  for (const row of due) {
    const list = storedListOf(row);
    const promoted = list.scheduled !== null && list.scheduled.at <= now;
    const base = promoted && list.scheduled ? list.scheduled.definition : list.definition;
    const definition = {
      ...base,
      pins: base.pins.filter((p) => p.expiresAt === null || iso(p.expiresAt) > now),
    };
    const next: StoredList = { ...list, definition, scheduled: promoted ? null : list.scheduled };
    const done = await inTransaction(db, async (tx) => {
      const claimed = await tx
        .updateTable('front_lists')
        .set({
          definition: JSON.stringify(definition),
          ...(promoted ? { scheduled: null, scheduled_at: null } : {}),
          next_change_at: nextChangeAfter(next, now),
          version: row.version + 1,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return false; // another node did it, or an editor saved meanwhile
      await auditList(
        tx,
        { id: null, email: 'scheduler', label: 'scheduler', now },
        promoted ? 'front.list.scheduled' : 'front.list.pins-expired',
        claimed,
        { version: claimed.version },
      );
      announceChange(tx, [frontListTag(row.slug)]);
      return true;
    });
    if (done) changed++;
  }
  return changed;
}

/** Input through its schema, or a 400 naming the first field it refuses; nothing is written. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'list';
  throw invalidInput(`${field}: ${issue?.message}`, field);
}

/**
 * The edition a front belongs to (a 400 naming `front` when it names none): `home` the default
 * edition's, `home@ID` that edition's, a section's front its section's.
 */
async function frontEdition(db: Db, front: FrontKey): Promise<number> {
  const home = editionOfHome(front);
  if (home !== null) {
    const row = await db
      .selectFrom('editions')
      .select('is_default')
      .where('id', '=', home)
      .executeTakeFirst();
    if (!row) throw invalidInput(`front: edition ${home} does not exist`, 'front');
    if (row.is_default === 1)
      throw invalidInput(`front: edition ${home} is the default edition, whose home is "home"`, 'front');
    return home;
  }
  if (front === 'home') {
    const row = await db.selectFrom('editions').select('id').where('is_default', '=', 1).executeTakeFirst();
    return row?.id ?? 1;
  }
  const id = sectionIdOf(front);
  const section = await db
    .selectFrom('sections')
    .select('edition_id')
    .where('id', '=', id ?? -1)
    .executeTakeFirst();
  if (!section) throw invalidInput(`front: section ${id} does not exist`, 'front');
  return section.edition_id;
}

/**
 * Every story, section, tag and author a definition names exists (a 400 naming the field), and
 * its stories and sections are of the front's edition: a Spanish home shows Spanish stories.
 */
async function checkReferences(db: Db, def: ListDefinition, at: string, edition: number): Promise<void> {
  const ids = def.pins.map((p) => p.articleId);
  if (ids.length) {
    const found = await db
      .selectFrom('articles')
      .select(['id', 'edition_id'])
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    const editionOf = new Map(found.map((r) => [r.id, r.edition_id]));
    const missing = def.pins.findIndex((p) => !editionOf.has(p.articleId));
    if (missing >= 0) {
      throw invalidInput(`${at}.pins.${missing}.articleId: no such story`, `${at}.pins.${missing}.articleId`);
    }
    const foreign = def.pins.findIndex((p) => editionOf.get(p.articleId) !== edition);
    if (foreign >= 0) {
      const field = `${at}.pins.${foreign}.articleId`;
      throw invalidInput(
        `${field}: story ${def.pins[foreign]?.articleId} belongs to another edition; a front shows its own edition's stories`,
        field,
      );
    }
  }
  const s = def.source;
  const ref =
    s.kind === 'section' || ((s.kind === 'video' || s.kind === 'most_read') && s.sectionId !== null)
      ? { table: 'sections' as const, id: s.sectionId as number, field: 'sectionId' }
      : s.kind === 'tag'
        ? { table: 'tags' as const, id: s.tagId, field: 'tagId' }
        : s.kind === 'author'
          ? { table: 'authors' as const, id: s.authorId, field: 'authorId' }
          : null;
  if (!ref) return;
  const field = `${at}.source.${ref.field}`;
  if (ref.table === 'sections') {
    const section = await db
      .selectFrom('sections')
      .select('edition_id')
      .where('id', '=', ref.id)
      .executeTakeFirst();
    if (!section) throw invalidInput(`${field}: ${ref.id} does not exist`, field);
    if (section.edition_id !== edition)
      throw invalidInput(`${field}: section ${ref.id} belongs to another edition`, field);
    return;
  }
  const row = await db.selectFrom(ref.table).select('id').where('id', '=', ref.id).executeTakeFirst();
  if (!row) throw invalidInput(`${field}: ${ref.id} does not exist`, field);
}

function auditList(
  tx: Db,
  by: FrontWriter,
  action: string,
  row: FrontListRow,
  details: Record<string, unknown>,
) {
  return audit(
    tx,
    {
      actor: { id: by.id, label: by.email },
      action,
      subject: { type: 'front_list', id: row.slug },
      details: { front: row.front, ...details },
    },
    by.now,
  );
}

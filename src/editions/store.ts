import { SITE, SITEMAPS, announceChange } from '../cache/index.js';
import type { Config } from '../config.js';
import type { Context } from '../context.js';
import type { Db, EditionRow } from '../db/index.js';
import { conflict, invalidInput, notFound } from '../errors.js';
import { RESERVED_SLUGS } from '../content/index.js';
import { type Edition, editionOf } from './model.js';
import { type EditionInput, type EditionPatch, editionInput, editionPatch } from './schema.js';

/**
 * The editions table: read whole (a newsroom has a handful), kept in the page cache's memo so
 * resolving a request's edition costs no query, and dropped by any announced change: creating
 * or changing an edition announces `SITE`, so every node re-reads it (no restart needed).
 */
export async function loadEditions(db: Db, site: Config['site']): Promise<Edition[]> {
  const rows = await db.selectFrom('editions').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map((r) => editionOf(r, site));
}

/**
 * Every edition, default first in position order, each with its own alternate addresses (the
 * address book's), from the cache. A change of the addresses announces `SITE` too, so the list
 * is read again after one.
 */
export function editionsOf(ctx: Pick<Context, 'db' | 'config' | 'cache' | 'addresses'>): Promise<Edition[]> {
  return ctx.cache.pages.memo(EDITIONS_MEMO, async () => {
    const owned = Object.entries(ctx.addresses.current().editions);
    return (await loadEditions(ctx.db, ctx.config.site)).map((e) => {
      const alternates = owned.filter(([, id]) => id === e.id).map(([origin]) => origin);
      return alternates.length ? { ...e, alternates } : e;
    });
  });
}

/** The memo key of the editions list (editions/hosts.ts peeks at it). */
export const EDITIONS_MEMO = 'editions';

export async function editionById(db: Db, site: Config['site'], id: number): Promise<Edition | undefined> {
  const row = await db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? editionOf(row, site) : undefined;
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw invalidInput(`${field ?? 'edition'}: ${issue?.message}`, field);
  }
  return r.data;
}

async function checkAddress(
  db: Db,
  prefix: string | null,
  host: string | null,
  self?: number,
): Promise<void> {
  if (prefix !== null && RESERVED_SLUGS.has(prefix)) {
    throw invalidInput(`prefix: "/${prefix}/" is used by the site itself`, 'prefix');
  }
  if (prefix !== null) {
    // A top-level section of that name would be shadowed by the edition's home.
    const section = await db
      .selectFrom('sections')
      .select('id')
      .where('path', '=', prefix)
      .executeTakeFirst();
    if (section) throw conflict(`prefix: /${prefix} is already a section's address`);
  }
  const clash = await db
    .selectFrom('editions')
    .select(['id', 'code'])
    .where((eb) =>
      eb.or([
        ...(prefix !== null ? [eb('path_prefix', '=', prefix)] : []),
        ...(host !== null ? [eb('host', '=', host)] : []),
      ]),
    )
    .$if(self !== undefined, (q) => q.where('id', '!=', self as number))
    .executeTakeFirst();
  if ((prefix !== null || host !== null) && clash) {
    throw conflict(`edition "${clash.code}" already has that address`);
  }
}

/** Create an edition; readers can reach it at once. */
export async function createEdition(
  db: Db,
  site: Config['site'],
  input: EditionInput,
  now: string,
): Promise<Edition> {
  const data = parse(editionInput, input);
  if (await db.selectFrom('editions').select('id').where('code', '=', data.code).executeTakeFirst()) {
    throw conflict(`code: an edition "${data.code}" exists`);
  }
  await checkAddress(db, data.prefix, data.host);
  const row = await db
    .insertInto('editions')
    .values({
      code: data.code,
      language: data.language,
      name: data.name,
      time_zone: data.timeZone,
      path_prefix: data.prefix,
      host: data.host,
      is_default: 0,
      position: data.position,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  announceChange(db, [SITE, SITEMAPS]);
  return editionOf(row, site);
}

/** Change an edition. The default edition stays at the site's own address (no prefix, no host). */
export async function updateEdition(
  db: Db,
  site: Config['site'],
  id: number,
  patch: EditionPatch,
  now: string,
): Promise<Edition> {
  const data = parse(editionPatch, patch);
  const row = await db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`edition ${id} does not exist`);
  const next: EditionRow = {
    ...row,
    code: data.code ?? row.code,
    language: data.language ?? row.language,
    name: data.name ?? row.name,
    time_zone: data.timeZone ?? row.time_zone,
    path_prefix: data.prefix === undefined ? row.path_prefix : data.prefix,
    host: data.host === undefined ? row.host : data.host,
    position: data.position ?? row.position,
    updated_at: now,
  };
  if (row.is_default === 1 && (next.path_prefix !== null || next.host !== null)) {
    throw invalidInput(
      'the default edition is the site itself: it has no prefix or host of its own',
      'prefix',
    );
  }
  if (row.is_default === 0 && (next.path_prefix === null) === (next.host === null)) {
    throw invalidInput('an edition has exactly one address: a path prefix or a host', 'prefix');
  }
  if (next.code !== row.code) {
    const taken = await db
      .selectFrom('editions')
      .select('id')
      .where('code', '=', next.code)
      .executeTakeFirst();
    if (taken) throw conflict(`code: an edition "${next.code}" exists`);
  }
  if (next.path_prefix !== row.path_prefix && row.path_prefix !== null) {
    // Its sections' and stories' addresses start with the prefix: moving them is not done here.
    const used = await db.selectFrom('sections').select('id').where('edition_id', '=', id).executeTakeFirst();
    if (used) throw conflict('prefix: the edition has sections; their addresses start with its prefix');
  }
  await checkAddress(db, next.path_prefix !== row.path_prefix ? next.path_prefix : null, next.host, id);
  const { id: _id, ...values } = next;
  const saved = await db
    .updateTable('editions')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  announceChange(db, [SITE, SITEMAPS]);
  return editionOf(saved, site);
}

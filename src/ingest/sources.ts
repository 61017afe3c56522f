import { z } from 'zod';
import { audit } from '../accounts/index.js';
import { conflict, notFound } from '../errors.js';
import type { Db, IngestSourceRow } from '../db/index.js';
import { slugInput } from '../shared/inputs.js';
import { singleLine } from '../shared/text.js';
import { newSourceSecret } from './signature.js';

/**
 * The agencies a newsroom takes copy from. A source has a slug (its push address,
 * POST /api/ingest/{slug}), a signing secret shown once when made or rotated (masked after), and
 * optionally a drop folder the server polls. Managed with `masthead ingest source …`.
 */
export const sourceInput = z.object({
  slug: slugInput,
  name: singleLine().trim().min(1).max(200),
  dropDir: z.string().trim().min(1).max(1000).nullable().default(null),
});
export type SourceInput = z.input<typeof sourceInput>;

export interface SourceView {
  id: number;
  slug: string;
  name: string;
  dropDir: string | null;
  active: boolean;
  secretHint: string;
  createdAt: string;
}

export function sourceView(row: IngestSourceRow): SourceView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    dropDir: row.drop_dir,
    active: row.active === 1,
    secretHint: `${row.secret.slice(0, 10)}…`,
    createdAt: row.created_at,
  };
}

/** Who changes sources (the CLI has no account). */
export interface SourceActor {
  id: number | null;
  label: string;
}

export async function addSource(
  db: Db,
  input: SourceInput,
  actor: SourceActor,
  now: string,
): Promise<SourceView & { secret: string }> {
  const data = sourceInput.parse(input);
  const clash = await db
    .selectFrom('ingest_sources')
    .select('id')
    .where('slug', '=', data.slug)
    .executeTakeFirst();
  if (clash) throw conflict(`slug: a source named "${data.slug}" exists`);
  const secret = newSourceSecret();
  const row = await db
    .insertInto('ingest_sources')
    .values({ slug: data.slug, name: data.name, drop_dir: data.dropDir, secret, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    db,
    {
      actor,
      action: 'ingest.source.add',
      subject: { type: 'ingest_source', id: row.id },
      details: { slug: row.slug },
    },
    now,
  );
  return { ...sourceView(row), secret };
}

export async function listSources(db: Db): Promise<SourceView[]> {
  const rows = await db.selectFrom('ingest_sources').selectAll().orderBy('slug').execute();
  return rows.map(sourceView);
}

export async function sourceBySlug(db: Db, slug: string): Promise<IngestSourceRow | undefined> {
  return db.selectFrom('ingest_sources').selectAll().where('slug', '=', slug).executeTakeFirst();
}

async function existing(db: Db, slug: string): Promise<IngestSourceRow> {
  const row = await sourceBySlug(db, slug);
  if (!row) throw notFound(`no ingest source "${slug}"`);
  return row;
}

/** A new secret; the old one stops working at once. */
export async function rotateSourceSecret(db: Db, slug: string, actor: SourceActor, now: string) {
  const row = await existing(db, slug);
  const secret = newSourceSecret();
  await db.updateTable('ingest_sources').set({ secret }).where('id', '=', row.id).execute();
  await audit(
    db,
    { actor, action: 'ingest.source.rotate', subject: { type: 'ingest_source', id: row.id } },
    now,
  );
  return { ...sourceView({ ...row, secret }), secret };
}

export async function setSourceActive(
  db: Db,
  slug: string,
  active: boolean,
  actor: SourceActor,
  now: string,
) {
  const row = await existing(db, slug);
  await db
    .updateTable('ingest_sources')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', row.id)
    .execute();
  await audit(
    db,
    {
      actor,
      action: active ? 'ingest.source.enable' : 'ingest.source.disable',
      subject: { type: 'ingest_source', id: row.id },
    },
    now,
  );
  return sourceView({ ...row, active: active ? 1 : 0 });
}

export async function setSourceDropDir(
  db: Db,
  slug: string,
  dropDir: string | null,
  actor: SourceActor,
  now: string,
) {
  const row = await existing(db, slug);
  await db.updateTable('ingest_sources').set({ drop_dir: dropDir }).where('id', '=', row.id).execute();
  await audit(
    db,
    {
      actor,
      action: 'ingest.source.folder',
      subject: { type: 'ingest_source', id: row.id },
      details: { dropDir },
    },
    now,
  );
  return sourceView({ ...row, drop_dir: dropDir });
}

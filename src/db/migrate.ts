import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './adapter.js';
import * as m001 from './migrations/2026-11-29-001-content.js';

/**
 * Migrations are listed here rather than globbed from disk, so the same list runs from
 * TypeScript sources (tests) and from the built package. Names sort by date prefix.
 */
const migrations: Record<string, Migration> = {
  '2026-11-29-001-content': m001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {}

/** Bring the schema up to date. Safe to call on every start and from several processes. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? '');
    throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

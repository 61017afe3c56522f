import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './adapter.js';
import * as m001 from './migrations/2026-11-29-001-content.js';
import * as m002 from './migrations/2026-11-29-002-accounts-workflow.js';
import * as m003 from './migrations/2026-11-29-003-search.js';
import * as m004 from './migrations/2026-11-29-004-api-keys.js';
import * as m005 from './migrations/2026-11-29-005-webhooks-video.js';
import * as m006 from './migrations/2026-11-29-006-mirror-checks.js';
import * as m007 from './migrations/2026-11-29-007-media-focal.js';
import * as m008 from './migrations/2026-11-29-008-search-vocab.js';
import * as m009 from './migrations/2026-11-29-009-search-inline-tsv.js';
import * as m010 from './migrations/2026-11-29-010-covering-list-indexes.js';
import * as m011 from './migrations/2026-12-05-011-token-expiry.js';
import * as m013 from './migrations/2026-12-05-013-media-public.js';
import * as m014 from './migrations/2026-12-05-014-working-copy.js';
import * as m015 from './migrations/2026-12-05-015-notices.js';
import * as m016 from './migrations/2026-12-05-016-presence.js';
import * as m017 from './migrations/2026-12-05-017-notes-history.js';
import * as m018 from './migrations/2026-12-06-018-media-library.js';
import * as m019 from './migrations/2026-12-06-019-import-items.js';
import * as m020 from './migrations/2026-12-06-020-alerts.js';
import * as m024 from './migrations/2026-12-06-024-story-views.js';
import * as m026 from './migrations/2026-12-06-026-import-runs.js';
import * as m027 from './migrations/2026-12-06-027-media-uploader.js';
import * as m021 from './migrations/2026-12-06-021-fronts.js';
import * as m023 from './migrations/2026-12-06-023-ingest.js';
import * as m028 from './migrations/2026-12-06-028-live.js';
import * as m029 from './migrations/2026-12-06-029-entities.js';
import * as m030 from './migrations/2026-12-07-030-editions.js';
import * as m031 from './migrations/2026-12-07-031-search-language.js';
import * as m032 from './migrations/2026-12-07-032-entity-title-link-order.js';
import * as m034 from './migrations/2026-12-07-034-alert-edition.js';

/**
 * Migrations are listed here rather than globbed from disk, so the same list runs from
 * TypeScript sources (tests) and from the built package. Names sort by date prefix.
 */
const migrations: Record<string, Migration> = {
  '2026-11-29-001-content': m001,
  '2026-11-29-002-accounts-workflow': m002,
  '2026-11-29-003-search': m003,
  '2026-11-29-004-api-keys': m004,
  '2026-11-29-005-webhooks-video': m005,
  '2026-11-29-006-mirror-checks': m006,
  '2026-11-29-007-media-focal': m007,
  '2026-11-29-008-search-vocab': m008,
  '2026-11-29-009-search-inline-tsv': m009,
  '2026-11-29-010-covering-list-indexes': m010,
  '2026-12-05-011-token-expiry': m011,
  '2026-12-05-013-media-public': m013,
  '2026-12-05-014-working-copy': m014,
  '2026-12-05-016-presence': m016,
  '2026-12-05-015-notices': m015,
  '2026-12-05-017-notes-history': m017,
  '2026-12-06-018-media-library': m018,
  '2026-12-06-019-import-items': m019,
  '2026-12-06-020-alerts': m020,
  '2026-12-06-024-story-views': m024,
  '2026-12-06-026-import-runs': m026,
  '2026-12-06-027-media-uploader': m027,
  '2026-12-06-021-fronts': m021,
  '2026-12-06-023-ingest': m023,
  '2026-12-06-028-live': m028,
  '2026-12-06-029-entities': m029,
  '2026-12-07-030-editions': m030,
  '2026-12-07-031-search-language': m031,
  '2026-12-07-032-entity-title-link-order': m032,
  '2026-12-07-034-alert-edition': m034,
};

/** Every migration this build knows, in the order they run (Kysely sorts by name). */
export const migrationNames: readonly string[] = Object.keys(migrations).sort();

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

import type { Kysely } from 'kysely';
import { dialectOf } from '../adapter.js';

/**
 * Frozen: Content API keys and the rate-limit counters. Counters live in the database (fixed
 * one-minute windows, bumped with an upsert) so every app process sharing the database
 * enforces one limit. Uses Kysely<any> on purpose: it must not follow later type changes.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen against Kysely<any>
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const d = dialectOf(db);
  const ts = d.timestampType;
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'integer', (c) => d.generatedId(c))
    .addColumn('name', 'text', (c) => c.notNull())
    // The first characters of the key, shown in lists so an admin can tell keys apart.
    .addColumn('prefix', 'text', (c) => c.notNull())
    // sha256 (hex) of the whole key; the key itself is shown once and never stored.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('rate_limit', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('last_used_at', ts)
    .execute();

  await db.schema
    .createTable('rate_limit_counters')
    // "key:12" or "ip:203.0.113.9".
    .addColumn('bucket', 'text', (c) => c.notNull())
    // Start of the one-minute window, ISO text on both databases (compared as text only).
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_window')
    .on('rate_limit_counters')
    .columns(['window_start'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('rate_limit_counters').ifExists().execute();
  await db.schema.dropTable('api_keys').ifExists().execute();
}

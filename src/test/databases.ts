import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Which databases the suite runs on. SQLite always; PostgreSQL when MASTHEAD_TEST_PG_URL names
 * a server we may create databases on (CI gives postgres://postgres@127.0.0.1:5432/postgres).
 * MASTHEAD_TEST_DIALECTS=postgres runs the database tests on PostgreSQL alone.
 */
export type TestDialect = 'sqlite' | 'postgres';

export const pgAdminUrl = process.env.MASTHEAD_TEST_PG_URL;

export function testDialects(): TestDialect[] {
  const only = process.env.MASTHEAD_TEST_DIALECTS?.split(',').map((s) => s.trim());
  const all: TestDialect[] = pgAdminUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  if (!pgAdminUrl && only?.includes('postgres')) {
    throw new Error('MASTHEAD_TEST_DIALECTS asks for postgres but MASTHEAD_TEST_PG_URL is not set');
  }
  return only ? all.filter((d) => only.includes(d)) : all;
}

if (!pgAdminUrl && !process.env.MASTHEAD_PG_NOTICE_SHOWN) {
  process.env.MASTHEAD_PG_NOTICE_SHOWN = '1';
  console.info(
    'PostgreSQL tests skipped: set MASTHEAD_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres to run them.',
  );
}

/** A fresh, uniquely named PostgreSQL database; drop() removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!pgAdminUrl) throw new Error('MASTHEAD_TEST_PG_URL is not set');
  const name = `masthead_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

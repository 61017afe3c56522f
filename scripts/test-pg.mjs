// `npm run test:pg`: the database tests on PostgreSQL alone. Uses MASTHEAD_TEST_PG_URL, or the
// local server CI machines run (postgres@127.0.0.1:5432, trust auth). Without a reachable
// server it skips with a message, except under CI=true, where that is a failure.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.MASTHEAD_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  const { rows } = await client.query('select version()');
  console.log(`PostgreSQL suite on ${rows[0].version.split(',')[0]}`);
} catch (err) {
  const msg = `PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//…@')}: ${err.message}`;
  if (process.env.CI === 'true') {
    console.error(`${msg}\nCI requires PostgreSQL.`);
    process.exit(1);
  }
  console.log(`${msg}\nPostgreSQL suite skipped.`);
  process.exit(0);
} finally {
  await client.end().catch(() => {});
}

const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, MASTHEAD_TEST_PG_URL: url, MASTHEAD_TEST_DIALECTS: 'postgres' },
});
process.exit(run.status ?? 1);

// `npm run test:pg`: the database tests on PostgreSQL alone, and the tests that need Redis (several
// app nodes sharing invalidations). Uses MASTHEAD_TEST_PG_URL / MASTHEAD_TEST_REDIS_URL, or the
// local servers CI machines run (postgres@127.0.0.1:5432 with trust auth; Redis on 6379).
// Without a reachable server it skips with a message, except under CI=true, where that is a failure.
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
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

const redisUrl = process.env.MASTHEAD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
let redisOk = false;
try {
  await redis.connect();
  console.log(`Redis ${(await redis.info('server')).match(/redis_version:(\S+)/)?.[1] ?? ''} at ${redisUrl}`);
  redisOk = true;
} catch (err) {
  const msg = `Redis is not reachable at ${redisUrl}: ${err.message}`;
  if (process.env.CI === 'true') {
    console.error(`${msg}\nCI requires Redis.`);
    process.exit(1);
  }
  console.log(`${msg}\nThe tests that need Redis are skipped.`);
} finally {
  redis.disconnect();
}

const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    MASTHEAD_TEST_PG_URL: url,
    MASTHEAD_TEST_DIALECTS: 'postgres',
    ...(redisOk ? { MASTHEAD_TEST_REDIS_URL: redisUrl } : {}),
  },
});
process.exit(run.status ?? 1);

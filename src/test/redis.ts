import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Redis for the tests that need one (several app nodes). `npm run test:pg` sets
 * MASTHEAD_TEST_REDIS_URL after checking the server answers (CI: redis://127.0.0.1:6379).
 */
export const redisTestUrl = process.env.MASTHEAD_TEST_REDIS_URL;

if (!redisTestUrl && !process.env.MASTHEAD_REDIS_NOTICE_SHOWN) {
  process.env.MASTHEAD_REDIS_NOTICE_SHOWN = '1';
  console.info('Redis tests skipped: set MASTHEAD_TEST_REDIS_URL=redis://127.0.0.1:6379 to run them.');
}

/** A key prefix of this test's own; cleanup() deletes whatever was written under it. */
export function redisTestPrefix(): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `masthead-test-${randomBytes(5).toString('hex')}:`;
  return {
    prefix,
    async cleanup() {
      if (!redisTestUrl) return;
      const r = new Redis(redisTestUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    },
  };
}

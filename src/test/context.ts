import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { SITE } from '../cache/index.js';
import { loadConfig } from '../config.js';
import { type Context, createContext } from '../context.js';
import { createPgDatabase, type TestDialect } from './databases.js';

export interface TestEnv {
  ctx: Context;
  app: FastifyInstance;
  dir: string;
  /**
   * Moves the context's clock to `date` (publication times are compared with it); `null` gives it
   * back the wall clock. The page cache is emptied too, unless `keepCache`: a test of what
   * invalidates cached pages when time passes keeps them.
   */
  setNow(date: Date | null, opts?: { keepCache?: boolean }): void;
  close(): Promise<void>;
}

/** A real database (a temp SQLite file, or a new PostgreSQL database) and the app over it. */
export async function testEnv(dialect: TestDialect, env: Record<string, string> = {}): Promise<TestEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : undefined;
  const config = loadConfig({
    MASTHEAD_DATA_DIR: dir,
    SITE_URL: 'https://news.example.com',
    SITE_NAME: 'Masthead Test News',
    SITE_TIMEZONE: 'Europe/Prague',
    LOG_LEVEL: 'silent',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...env,
  });
  let now: Date | null = null;
  const ctx = await createContext(config, { now: () => now ?? new Date() });
  const app = await buildApp(ctx);
  return {
    ctx,
    app,
    dir,
    setNow(date, opts = {}) {
      now = date;
      // Stories become visible as the clock passes their time, with no write to announce it.
      if (!opts.keepCache) {
        ctx.cache.pages.clear();
        ctx.cache.memo.invalidate([SITE]);
      }
    },
    async close() {
      await app.close();
      await ctx.close();
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

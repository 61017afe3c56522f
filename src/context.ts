import fs from 'node:fs';
import pino from 'pino';
import { createViewCounter, type ViewCounter } from './audience/index.js';
import { ADDRESSES, type CacheLayer, createCacheLayer } from './cache/index.js';
import type { Config } from './config.js';
import { installAlertHooks, installArticleChangeHooks } from './content/index.js';
import { type Db, type Dialect, migrateToLatest, openDatabase } from './db/index.js';
import { enqueueAlertEvents, enqueueArticleEvents } from './distribution/index.js';
// The file, not mirrors/index.js: every command starts through here, and the index loads routes.
import { type AddressBook, openAddressBook } from './mirrors/index.js';
import { queueEntityExtraction } from './knowledge/index.js';
import { configureSearchLanguage, indexArticleChange, reindexArticles } from './search/index.js';
import { alertBannerSource } from './site/index.js';

// What every story write keeps in step inside its transaction, in this order: the webhook outbox,
// then the search index (content/changes.ts calls them; they depend on content, not it on them),
// then the entity extraction queue (the extraction itself is a job: knowledge/story.ts).
installArticleChangeHooks([enqueueArticleEvents, indexArticleChange, queueEntityExtraction], {
  reindex: reindexArticles,
});
// A raised alert's webhook event is written in the alert's own transaction.
installAlertHooks([enqueueAlertEvents]);

/**
 * Everything a request or a command needs, built once and passed down explicitly (never
 * hung on the Fastify instance), so every function says what it depends on.
 */
export interface Context {
  config: Config;
  db: Db;
  dialect: Dialect;
  /** The page cache and the channels its invalidations travel (Redis, the CDN). */
  cache: CacheLayer;
  /** The alternate addresses and app links in effect (the newsroom's, or the environment's). */
  addresses: AddressBook;
  /** Story views counted in this process, written in batches (a job, and on close). */
  views: ViewCounter;
  /** The current time; tests replace it to look at the site from another moment. */
  now(): Date;
  close(): Promise<void>;
}

/** The machine's clock: the one place a process reads the wall time (tests pass their own). */
export const systemClock = (): Date => new Date();

export async function createContext(config: Config, opts: { now?: () => Date } = {}): Promise<Context> {
  // The language stories are indexed in until editions give each its own (search/language.ts).
  configureSearchLanguage(config.site.language);
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.mkdirSync(config.mediaDir, { recursive: true });
  const handle = openDatabase(config.database);
  try {
    await migrate(config.database, handle.db);
  } catch (err) {
    await handle.destroy();
    throw err;
  }
  const log = pino({ level: config.logLevel });
  let addresses: AddressBook;
  let cache: CacheLayer;
  const now = opts.now ?? systemClock;
  try {
    addresses = await openAddressBook(handle.db, config.addresses);
    cache = await createCacheLayer(config, log, {
      // Another node saved new addresses: read them before its purge drops this node's pages.
      refresh: (tags) => (tags === null || tags.includes(ADDRESSES) ? addresses.reload() : undefined),
      banner: alertBannerSource({ db: handle.db, now, config }),
      now: () => now().getTime(),
    });
  } catch (err) {
    await handle.destroy();
    throw err;
  }
  const views = createViewCounter();
  return {
    config,
    db: handle.db,
    dialect: handle.dialect,
    cache,
    addresses,
    views,
    now,
    close: async () => {
      // The views counted since the last flush are kept, unless the database is what failed.
      await views.flush(handle.db).catch(() => undefined);
      await cache.close();
      await handle.destroy();
    },
  };
}

/**
 * Migrations may build an index over a big table: on PostgreSQL they run on a connection of
 * their own without the statement timeout meant for requests.
 */
async function migrate(database: Config['database'], db: Db): Promise<void> {
  if (database.kind !== 'postgres' || !database.statementTimeoutMs) {
    await migrateToLatest(db);
    return;
  }
  const unlimited = openDatabase({ ...database, statementTimeoutMs: 0 });
  try {
    await migrateToLatest(unlimited.db);
  } finally {
    await unlimited.destroy();
  }
}

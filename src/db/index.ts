export { type Db, type DbHandle, type Dialect, inTransaction, onCommit, openDatabase } from './adapter.js';
export { migrateToLatest } from './migrate.js';
export * from './schema.js';

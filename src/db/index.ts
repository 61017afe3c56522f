export {
  type Db,
  type DbHandle,
  type Dialect,
  inTransaction,
  onCommit,
  openDatabase,
  withoutDiskSync,
} from './adapter.js';
export { migrateToLatest } from './migrate.js';
export * from './schema.js';

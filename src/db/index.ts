export {
  type Db,
  type DbHandle,
  type Dialect,
  dialectOf,
  inTransaction,
  onCommit,
  openDatabase,
  withoutDiskSync,
} from './adapter.js';
export { migrateToLatest } from './migrate.js';
export * from './schema.js';
export { addSettingIfAbsent, readSetting, type Setting } from './settings.js';
export { isDatabaseUnavailable } from './unavailable.js';

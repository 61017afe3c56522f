export {
  type Db,
  type DbHandle,
  type Dialect,
  dialectOf,
  generatedIdHighWater,
  inTransaction,
  onCommit,
  openDatabase,
  setGeneratedIdHighWater,
  withoutDiskSync,
  withSnapshot,
} from './adapter.js';
export { compiledQuery } from './compiled.js';
export { migrateToLatest, migrationNames } from './migrate.js';
export * from './schema.js';
export { addSettingIfAbsent, readSetting, type Setting } from './settings.js';
export { containsText } from './text-match.js';
export { isDatabaseUnavailable } from './unavailable.js';

/**
 * Curated fronts: the home page and each section's front as a layout of lists (picks over an
 * automatic source, pins that expire, a version scheduled to take over). Pages, the Content
 * API, the TV feeds and the static export read them through `resolveFront`/`resolveListBySlug`;
 * the newsroom writes them through the commands, which announce exactly the lists they changed.
 */
export {
  applyDueListChanges,
  createList,
  deleteList,
  type FrontList,
  type FrontWriter,
  reorderFront,
  saveList,
} from './commands.js';
export {
  defaultLists,
  editionOfHome,
  homeFront,
  isHomeFront,
  PAGE_LIST_LIMIT,
  sectionFront,
  sectionIdOf,
} from './defaults.js';
export { effectiveDefinition, nextChangeAfter, type StoredList } from './model.js';
export {
  curatedFronts,
  frontLists,
  type ResolvedFront,
  type ResolvedList,
  resolveFront,
  resolveListBySlug,
  resolveLists,
  storedLists,
  treeForFront,
} from './resolve.js';

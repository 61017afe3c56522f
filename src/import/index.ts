/** Archive imports (docs/operations.md, "Importing from WordPress", "Importing from Ghost"): the domain's public face. */
export {
  GhostExportError,
  type GhostImportOptions,
  type GhostReport,
  importGhost,
  readGhostExport,
} from './ghost.js';
export {
  type ImportOptions,
  type ImportReport,
  importWordpress,
  type PostReport,
  scanWordpress,
} from './wordpress.js';
export {
  type ImportRun,
  type ImportRunDetail,
  importRun,
  KEPT_ITEMS,
  listImportRuns,
  recordImport,
} from './runs.js';
export { WxrError } from './wxr.js';
// HTML → document, shared with wire ingest (src/ingest) for agencies' HTML and XHTML bodies.
export { type Converted, convertPost, type ImageResolver } from './html.js';

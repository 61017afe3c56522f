/** The static export's public face: the engine, and the server that serves an export's folder. */
export { type ExportOptions, type ExportSummary, exportStatic } from './export.js';
export { staticServer } from './static-server.js';

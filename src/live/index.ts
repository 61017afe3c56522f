/**
 * Live coverage of a story: timestamped entries posted by several reporters at once, with
 * history, pins and key points; readers get new entries through each node's hub (hub.ts).
 */
export { deleteEntry, editEntry, endCoverage, postEntry, startCoverage } from './commands.js';
export type { Coverage, LiveEntry, LiveEntryRevision, LiveWriter } from './model.js';
export { coverageFor, coverages, entryById, entryHistory, listEntries, TIMELINE_LIMIT } from './queries.js';

/** Wire ingest (docs/operations.md, "Wire ingest"): the domain's public face. */
export {
  flaggedStories,
  getItem,
  type ItemSummary,
  type ItemView,
  listQuarantine,
  listQueue,
  type QuarantinedView,
  type QueueQuery,
  quarantineQuery,
  queueQuery,
  storyWireLink,
  useInput,
  useItem,
} from './desk.js';
export { type FolderMemory, type PollReport, pollDropFolders } from './folder.js';
export { MAX_ITEM_BYTES, QuarantineError, type WireFormat, type WireItem } from './item.js';
export { parseArrival } from './parse.js';
export { ingestPushRoutes, PUSH_BODY_LIMIT } from './push.js';
export { type Arrival, type ArrivalResult, receive } from './queue.js';
export { SIGNATURE_TOLERANCE_SECONDS, signPush } from './signature.js';
export {
  addSource,
  listSources,
  rotateSourceSecret,
  type SourceActor,
  type SourceInput,
  type SourceView,
  setSourceActive,
  setSourceDropDir,
  sourceBySlug,
} from './sources.js';

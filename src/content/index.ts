/** The content domain's public face: what other domains may use. */
export {
  articleInputOf,
  createArticle,
  updateArticle,
  type UpdateOptions,
  type WriteOptions,
} from './articles.js';
export { announceChange, onContentChange } from './announce.js';
export type { ArticleChange } from './changes.js';
export { ContentError } from './errors.js';
export * from './queries.js';
export type { ArticleData, ArticleInput } from './schema.js';
export {
  ancestry,
  buildSectionTree,
  createSection,
  deleteSection,
  RESERVED_SLUGS,
  reorderSections,
  type SectionPatch,
  updateSection,
  descendantIds,
  loadSectionTree,
  type SectionNode,
  type SectionTree,
} from './sections.js';
export { ensureTags } from './tags.js';
export {
  addNotice,
  CORRECTION_KINDS,
  editNotice,
  listNotices,
  NOTICE_KINDS,
  NOTICE_LABELS,
  NOTICE_MAX_LENGTH,
  type Notice,
  type NoticeInput,
  type NoticePatch,
  type NoticeWriteOptions,
  noticeInput,
  noticePatch,
  noticesOf,
  type PublicNotice,
  removeNotice,
} from './notices.js';
export { type CorrectionEntry, countCorrections, listCorrections } from './corrections.js';

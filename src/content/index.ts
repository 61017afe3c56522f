/** The content domain's public face: what other domains may use. */

export {
  addStoryNotice,
  deleteStory,
  discardPendingChanges,
  type Editor,
  editStoryNotice,
  type MoveRequest,
  moveStory,
  publishPendingChanges,
  removeStoryNotice,
  restoreStory,
  reviewPendingChanges,
} from './commands.js';
export type { ArticleData, ArticleInput } from '../shared/article-input.js';
export {
  articleInputOf,
  createArticle,
  type UpdateOptions,
  updateArticle,
  type WriteOptions,
} from './articles.js';
export {
  type AuthorInput,
  createAuthor,
  deleteAuthor,
  listAuthors,
  updateAuthor,
} from './authors.js';
export type { ArticleChange } from './changes.js';
export { announceStoriesComingDue, installArticleChangeHooks } from './changes.js';
export {
  CHECK_ACTIONS,
  type CheckAction,
  type CheckOptions,
  checkStory,
  internalPath,
  SEO_TITLE_MAX,
  type StoryCheck,
} from './checks.js';
export { type CorrectionEntry, countCorrections, listCorrections } from './corrections.js';
export { ContentError } from './errors.js';
export { addNote, latestNotes, listNotes, type NoteTransition, noteBody, noteText } from './notes.js';
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
export { pendingChangesFor } from './pending-changes.js';
export { heartbeat, leave, purgeStalePresence, tabId, takeOver } from './presence.js';
export {
  checkMediaSignature,
  checkPreviewToken,
  issuePreview,
  PREVIEW_TTL_MS,
  type PreviewCheck,
  signMediaUrls,
} from './preview-links.js';
export * from './queries.js';
export { getRevision, listHistoryEvents, listRevisions } from './revisions.js';
export {
  ancestry,
  buildSectionTree,
  createSection,
  deleteSection,
  descendantIds,
  editionTree,
  loadSectionTree,
  RESERVED_SLUGS,
  reorderSections,
  type SectionNode,
  type SectionPatch,
  type SectionTree,
  updateSection,
} from './sections.js';
export {
  createTag,
  deleteTag,
  ensureTags,
  listTags,
  mergeTags,
  renameTag,
  type TagListOptions,
  tagSlug,
} from './tags.js';
export {
  createLiveStream,
  type LiveStreamInput,
  listLiveStreams,
  liveStreamInput,
  publicVideoStories,
  removeArticleVideo,
  removeLiveStream,
  setArticleVideo,
  updateLiveStream,
  VideoError,
  type VideoInput,
  type VideoStory,
  videoInput,
  videoOf,
  videoWithPoster,
} from './video/index.js';
export {
  publishDueArticles,
  purgeDeletedArticles,
  restoreArticle,
  softDeleteArticle,
  TRANSITIONS,
  type Transition,
  transitionArticle,
} from './workflow.js';
export {
  type ApplyOptions,
  applyWorkingCopy,
  discardWorkingCopy,
  editsGoToWorkingCopy,
  foldWorkingCopy,
  getWorkingCopy,
  reviewWorkingCopy,
  saveWorkingCopy,
  WORKING_COPY_ACTIONS,
  type WorkingCopy,
  type WorkingCopyAction,
  type WorkingCopyContent,
  workingCopyFields,
} from './working-copy.js';
export {
  ALERT_LEVELS,
  ALERT_MAX_HOURS,
  ALERT_MAX_LENGTH,
  type Alert,
  type AlertHook,
  type AlertInput,
  type AlertLevel,
  type AlertWriter,
  alertInput,
  alertOf,
  currentAlerts,
  installAlertHooks,
  listAlerts,
  raiseAlert,
  withdrawAlert,
} from './alerts.js';

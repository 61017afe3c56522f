/**
 * The article body as a typed document: schema and validation, embed allow-list, and the
 * HTML and plain-text renderers. Other domains import from here, not from the files behind it.
 */
export type { EmbedFrame, EmbedInfo, EmbedProvider, EmbedProviderSpec } from './embeds.js';
export {
  EMBED_FRAME_ORIGINS,
  EMBED_PROVIDER_NAMES,
  EMBED_PROVIDERS,
  isEmbedProvider,
  matchEmbed,
} from './embeds.js';
export { escapeHtml } from './escape.js';
export { embedFor, headingLevelOf, marksInside, textNodes, tidyInline, withMark } from './from-html.js';
export type { MediaView, RenderOptions } from './html.js';
export { renderHtml } from './html.js';
export type {
  BlockNode,
  BlockquoteNode,
  BoldMark,
  BulletListNode,
  Doc,
  EmbedNode,
  HardBreakNode,
  HeadingLevel,
  HeadingNode,
  HorizontalRuleNode,
  ImageAttrs,
  ImageNode,
  InlineNode,
  ItalicMark,
  LinkMark,
  ListItemNode,
  ListNode,
  Mark,
  OrderedListNode,
  ParagraphNode,
  PlainMark,
  StrikeMark,
  SubscriptMark,
  SuperscriptMark,
  TableCellNode,
  TableNode,
  TableRowNode,
  TextNode,
  UnderlineMark,
} from './schema.js';
export {
  DOCUMENT_LIMITS,
  DocumentError,
  emptyDocument,
  isSafeHref,
  isValidDocument,
  validateDocument,
} from './schema.js';
export { excerpt, renderText } from './text.js';

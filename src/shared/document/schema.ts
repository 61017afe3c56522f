/**
 * The article body schema: a ProseMirror/TipTap-compatible JSON tree restricted to a closed
 * set of nodes and marks (names are TipTap's, so the admin editor stores its JSON as is).
 *
 * The validator is hand-written rather than zod: recursive unions in zod give vague paths
 * ("invalid input" at the union), and we want messages an editor can act on, plus speed —
 * every save validates the whole body.
 */
import {
  EMBED_PROVIDER_NAMES,
  EMBED_PROVIDERS,
  type EmbedProvider,
  isEmbedProvider,
  matchEmbed,
} from './embeds.js';

export type HeadingLevel = 2 | 3 | 4;

export type BoldMark = { type: 'bold' };
export type ItalicMark = { type: 'italic' };
export type UnderlineMark = { type: 'underline' };
export type StrikeMark = { type: 'strike' };
export type SuperscriptMark = { type: 'superscript' };
export type SubscriptMark = { type: 'subscript' };
/** Marks without attributes. */
export type PlainMark = BoldMark | ItalicMark | UnderlineMark | StrikeMark | SuperscriptMark | SubscriptMark;
/**
 * `href` is an absolute http, https or mailto URL; `newTab` asks readers' browsers to open it
 * in a new tab (rendered with rel="noopener noreferrer").
 */
export type LinkMark = { type: 'link'; attrs: { href: string; title?: string; newTab?: boolean } };
export type Mark = PlainMark | LinkMark;

/** `text` is never empty; `marks` holds at most one mark of each type. */
export type TextNode = { type: 'text'; text: string; marks?: Mark[] };
export type HardBreakNode = { type: 'hardBreak' };
export type InlineNode = TextNode | HardBreakNode;

export type ParagraphNode = { type: 'paragraph'; content?: InlineNode[] };
export type HeadingNode = { type: 'heading'; attrs: { level: HeadingLevel }; content?: InlineNode[] };
/** At least one paragraph. */
export type BlockquoteNode = { type: 'blockquote'; attrs?: { citation?: string }; content: ParagraphNode[] };
/** At least one item. */
export type BulletListNode = { type: 'bulletList'; content: ListItemNode[] };
/** At least one item; `start` is a whole number ≥ 1. */
export type OrderedListNode = { type: 'orderedList'; attrs?: { start?: number }; content: ListItemNode[] };
export type ListNode = BulletListNode | OrderedListNode;
/** At least one child; the first is a paragraph. */
export type ListItemNode = { type: 'listItem'; content: (ParagraphNode | ListNode)[] };

export interface ImageAttrs {
  /** Id of a media item; renderers resolve it to files and dimensions. */
  mediaId: number;
  alt?: string;
  caption?: string;
  credit?: string;
  /** Marks an archive photo not taken for this story. */
  filePhoto?: boolean;
}
export type ImageNode = { type: 'image'; attrs: ImageAttrs };
/** `url` is an item URL served by `provider` (see embeds.ts). */
export type EmbedNode = { type: 'embed'; attrs: { provider: EmbedProvider; url: string } };
export type HorizontalRuleNode = { type: 'horizontalRule' };
/** One cell: inline content only (no merged cells, no blocks), so every renderer stays simple. */
export type TableCellNode = { type: 'tableCell'; content?: InlineNode[] };
/** At least one cell; every row of a table has the same number of cells. */
export type TableRowNode = { type: 'tableRow'; content: TableCellNode[] };
/**
 * A data table: at least one row. `headerRow` makes the first row the column headers;
 * `caption` names the table for screen readers and is shown above it.
 */
export type TableNode = {
  type: 'table';
  attrs?: { caption?: string; headerRow?: boolean };
  content: TableRowNode[];
};

export type BlockNode =
  | ParagraphNode
  | HeadingNode
  | BlockquoteNode
  | BulletListNode
  | OrderedListNode
  | ImageNode
  | EmbedNode
  | HorizontalRuleNode
  | TableNode;

/** The article body. `content` may be empty. */
export type Doc = { type: 'doc'; content: BlockNode[] };

/** Limits against abusive or runaway documents. A long feature is ~10,000 words, ~2,000 nodes. */
export const DOCUMENT_LIMITS = Object.freeze({
  maxDepth: 12,
  maxNodes: 20_000,
  /** Characters in one text node. */
  maxTextLength: 20_000,
  /** Characters in all text and attribute strings together. */
  maxTotalLength: 500_000,
  /** Characters in alt, caption, credit, citation and link titles. */
  maxAttrLength: 2_000,
  maxUrlLength: 2_048,
  /** A table wider than this does not fit a phone even scrolled; longer belongs in a download. */
  maxTableColumns: 20,
  maxTableRows: 500,
});

/** A document failed validation; `path` locates the node, e.g. `content[3].content[0].marks[1]`. */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

/** An empty body, the starting point of a new article. */
export function emptyDocument(): Doc {
  return { type: 'doc', content: [] };
}

/**
 * Validates untrusted JSON and returns a clean copy typed as a Doc, or throws DocumentError.
 * Optional attributes given as null (ProseMirror writes defaults that way) are dropped, as are
 * empty optional `content`/`marks` arrays; nothing unknown is ever carried over.
 */
export function validateDocument(input: unknown): Doc {
  const w = new Walker();
  const { obj } = w.node(input, '', 0, ['doc'], 'the document');
  const content = children(obj, '', 'doc', 0);
  return { type: 'doc', content: content.map((c, i) => w.block(c, at('', i), 1)) };
}

/** True if `input` is a valid document (validateDocument gives the reason when not). */
export function isValidDocument(input: unknown): boolean {
  try {
    validateDocument(input);
    return true;
  } catch (error) {
    if (error instanceof DocumentError) return false;
    throw error;
  }
}

/** True if `href` is an absolute http, https or mailto URL with no obfuscation. */
export function isSafeHref(href: string): boolean {
  return hrefProblem(href) === null;
}

// ---- validator internals ----------------------------------------------------------------

type Obj = Record<string, unknown>;
/** Fields a node or mark may have besides `type`, and the names its `attrs` may hold. */
type Shape = { fields: string[]; attrs?: string[]; attrsRequired?: true };

const L = DOCUMENT_LIMITS;
const NODE_SHAPES = new Map<string, Shape>([
  ['doc', { fields: ['content'] }],
  ['paragraph', { fields: ['content'] }],
  ['heading', { fields: ['attrs', 'content'], attrs: ['level'], attrsRequired: true }],
  ['blockquote', { fields: ['attrs', 'content'], attrs: ['citation'] }],
  ['bulletList', { fields: ['content'] }],
  ['orderedList', { fields: ['attrs', 'content'], attrs: ['start'] }],
  ['listItem', { fields: ['content'] }],
  [
    'image',
    { fields: ['attrs'], attrs: ['mediaId', 'alt', 'caption', 'credit', 'filePhoto'], attrsRequired: true },
  ],
  ['embed', { fields: ['attrs'], attrs: ['provider', 'url'], attrsRequired: true }],
  ['horizontalRule', { fields: [] }],
  ['table', { fields: ['attrs', 'content'], attrs: ['caption', 'headerRow'] }],
  ['tableRow', { fields: ['content'] }],
  ['tableCell', { fields: ['content'] }],
  ['text', { fields: ['text', 'marks'] }],
  // TipTap can put marks on a break pasted inside bold text; they are checked, then dropped.
  ['hardBreak', { fields: ['marks'] }],
]);
const MARK_SHAPES = new Map<string, Shape>([
  ['bold', { fields: [] }],
  ['italic', { fields: [] }],
  ['underline', { fields: [] }],
  ['strike', { fields: [] }],
  ['superscript', { fields: [] }],
  ['subscript', { fields: [] }],
  ['link', { fields: ['attrs'], attrs: ['href', 'title', 'newTab'], attrsRequired: true }],
]);
const BLOCKS = [
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'image',
  'embed',
  'horizontalRule',
  'table',
];
const INLINES = ['text', 'hardBreak'];
const HREF_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
// URL parsing drops tabs/newlines and trims controls ("java\tscript:"); refuse them, and
// invisible or bidi characters that disguise a link, instead of guessing what was meant.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;
// Control characters break XML feeds and PostgreSQL text (NUL); lone surrogates break UTF-8.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Surrogate}/u;
// A cheap pre-check: most strings have no control or surrogate code units at all (emoji do).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const MAYBE_BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]/;

function fail(path: string, what: string, problem: string): never {
  throw new DocumentError(path, `${path ? `${path} (${what})` : what}: ${problem}`);
}

function at(path: string, i: number): string {
  return path ? `${path}.content[${i}]` : `content[${i}]`;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rejects fields and attribute names the shape does not list; returns attrs ({} if absent). */
function checkShape(obj: Obj, shape: Shape, path: string, what: string): Obj {
  for (const key of Object.keys(obj)) {
    if (key !== 'type' && !shape.fields.includes(key)) fail(path, what, `unknown field ${quote(key)}`);
  }
  if (!shape.attrs || (obj.attrs === undefined && !shape.attrsRequired)) return {};
  const attrs = obj.attrs;
  if (!isObj(attrs)) fail(path, what, 'attrs must be an object');
  for (const key of Object.keys(attrs)) {
    if (!shape.attrs.includes(key)) fail(path, what, `unknown attribute ${quote(key)}`);
  }
  return attrs;
}

function children(node: Obj, path: string, what: string, min: number, noun = 'child'): unknown[] {
  if (node.content === undefined && min === 0 && what !== 'doc') return [];
  if (!Array.isArray(node.content)) fail(path, what, 'content must be an array');
  if (node.content.length < min) fail(path, what, `must contain at least one ${noun}`);
  return node.content;
}

function hrefProblem(href: string): string | null {
  if (href.length === 0) return 'href must not be empty';
  if (href.length > L.maxUrlLength) return `href is longer than ${L.maxUrlLength} characters`;
  if (UNSAFE_URL_CHARS.test(href)) return 'href must not contain spaces, control or invisible characters';
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'href must be an absolute http, https or mailto URL';
  }
  return HREF_PROTOCOLS.has(url.protocol) ? null : 'href must use http, https or mailto';
}

/** One validation pass; holds the node and character budgets. */
class Walker {
  private nodes = 0;
  private chars = 0;

  /** Checks shape, placement, depth and the node budget; returns the node and its attrs. */
  node(value: unknown, path: string, depth: number, allowed: readonly string[], where: string) {
    if (!isObj(value) || typeof value.type !== 'string')
      fail(path, 'node', 'must be an object with a "type"');
    const type = value.type;
    const shape = NODE_SHAPES.get(type);
    if (!shape) fail(path, 'node', `unknown node type ${quote(type)}`);
    if (!allowed.includes(type)) fail(path, type, `not allowed in ${where} (expected ${allowed.join(', ')})`);
    if (depth > L.maxDepth) fail(path, type, `nested deeper than ${L.maxDepth} levels`);
    if (++this.nodes > L.maxNodes) fail(path, type, `document has more than ${L.maxNodes} nodes`);
    return { type, obj: value, a: checkShape(value, shape, path, type) };
  }

  str(value: unknown, max: number, path: string, what: string, name: string): string {
    if (typeof value !== 'string') fail(path, what, `${name} must be a string`);
    if (value.length > max) fail(path, what, `${name} is longer than ${max} characters`);
    if (MAYBE_BAD_CHARS.test(value) && BAD_CHARS.test(value))
      fail(path, what, `${name} contains a control character or broken Unicode`);
    this.chars += value.length;
    if (this.chars > L.maxTotalLength)
      fail(path, what, `document is longer than ${L.maxTotalLength} characters`);
    return value;
  }

  /** An optional string attribute; null counts as absent. */
  optStr(value: unknown, path: string, what: string, name: string): string | undefined {
    return value === undefined || value === null
      ? undefined
      : this.str(value, L.maxAttrLength, path, what, name);
  }

  block(value: unknown, path: string, depth: number): BlockNode {
    const { type, obj, a } = this.node(value, path, depth, BLOCKS, 'a block position');
    switch (type) {
      case 'heading': {
        if (a.level !== 2 && a.level !== 3 && a.level !== 4) fail(path, type, 'level must be 2, 3 or 4');
        const content = this.inline(obj, path, type, depth);
        return content ? { type, attrs: { level: a.level }, content } : { type, attrs: { level: a.level } };
      }
      case 'blockquote': {
        const citation = this.optStr(a.citation, path, type, 'citation');
        const content = children(obj, path, type, 1, 'paragraph').map((c, i) => {
          const p = at(path, i);
          return this.paragraph(this.node(c, p, depth + 1, ['paragraph'], 'a blockquote').obj, p, depth + 1);
        });
        return citation === undefined ? { type, content } : { type, attrs: { citation }, content };
      }
      case 'bulletList':
      case 'orderedList':
        return this.list(obj, a, type, path, depth);
      case 'image': {
        if (!Number.isSafeInteger(a.mediaId) || (a.mediaId as number) < 1) {
          fail(path, type, 'mediaId must be a positive integer');
        }
        const filePhoto = a.filePhoto ?? undefined;
        if (filePhoto !== undefined && typeof filePhoto !== 'boolean') {
          fail(path, type, 'filePhoto must be true or false');
        }
        const attrs: ImageAttrs = { mediaId: a.mediaId as number };
        for (const key of ['alt', 'caption', 'credit'] as const) {
          const value = this.optStr(a[key], path, type, key);
          if (value !== undefined) attrs[key] = value;
        }
        if (filePhoto !== undefined) attrs.filePhoto = filePhoto;
        return { type, attrs };
      }
      case 'embed': {
        const provider = a.provider;
        if (!isEmbedProvider(provider)) {
          fail(path, type, `provider must be one of ${EMBED_PROVIDER_NAMES.join(', ')}`);
        }
        const url = this.str(a.url, L.maxUrlLength, path, type, 'url');
        if (!matchEmbed(provider, url)) {
          fail(path, type, `url is not a ${EMBED_PROVIDERS[provider].name} address we can embed`);
        }
        return { type, attrs: { provider, url } };
      }
      case 'horizontalRule':
        return { type };
      case 'table':
        return this.table(obj, a, path, depth);
      default: // 'paragraph', the only block left after node() checked the type
        return this.paragraph(obj, path, depth);
    }
  }

  paragraph(obj: Obj, path: string, depth: number): ParagraphNode {
    const content = this.inline(obj, path, 'paragraph', depth);
    return content ? { type: 'paragraph', content } : { type: 'paragraph' };
  }

  list(obj: Obj, a: Obj, type: ListNode['type'], path: string, depth: number): ListNode {
    const items = children(obj, path, type, 1, 'list item').map((c, i) =>
      this.listItem(c, at(path, i), depth + 1),
    );
    if (type === 'bulletList') return { type, content: items };
    const start = a.start ?? undefined;
    if (start === undefined) return { type, content: items };
    if (!Number.isSafeInteger(start) || (start as number) < 1) {
      fail(path, type, 'start must be a whole number of at least 1');
    }
    return { type, attrs: { start: start as number }, content: items };
  }

  table(obj: Obj, a: Obj, path: string, depth: number): TableNode {
    const caption = this.optStr(a.caption, path, 'table', 'caption');
    const headerRow = a.headerRow ?? undefined;
    if (headerRow !== undefined && typeof headerRow !== 'boolean')
      fail(path, 'table', 'headerRow must be true or false');
    const raw = children(obj, path, 'table', 1, 'row');
    if (raw.length > L.maxTableRows) fail(path, 'table', `has more than ${L.maxTableRows} rows`);
    let columns = -1;
    const rows = raw.map((r, i): TableRowNode => {
      const rp = at(path, i);
      const row = this.node(r, rp, depth + 1, ['tableRow'], 'a table').obj;
      const cells = children(row, rp, 'tableRow', 1, 'cell');
      if (cells.length > L.maxTableColumns) fail(rp, 'tableRow', `has more than ${L.maxTableColumns} cells`);
      // Ragged rows would leave screen readers announcing the wrong column header.
      if (columns === -1) columns = cells.length;
      else if (cells.length !== columns)
        fail(rp, 'tableRow', `has ${cells.length} cells where the first row has ${columns}`);
      const content = cells.map((c, j): TableCellNode => {
        const cp = at(rp, j);
        const cell = this.node(c, cp, depth + 2, ['tableCell'], 'a table row').obj;
        const inline = this.inline(cell, cp, 'tableCell', depth + 2);
        return inline ? { type: 'tableCell', content: inline } : { type: 'tableCell' };
      });
      return { type: 'tableRow', content };
    });
    const attrs: NonNullable<TableNode['attrs']> = {};
    if (caption?.trim()) attrs.caption = caption;
    if (headerRow === true) attrs.headerRow = true;
    return Object.keys(attrs).length
      ? { type: 'table', attrs, content: rows }
      : { type: 'table', content: rows };
  }

  listItem(value: unknown, path: string, depth: number): ListItemNode {
    const { obj } = this.node(value, path, depth, ['listItem'], 'a list');
    const content = children(obj, path, 'listItem', 1, 'paragraph').map((c, i) => {
      const p = at(path, i);
      const allowed = i === 0 ? ['paragraph'] : ['paragraph', 'bulletList', 'orderedList'];
      const where = i === 0 ? 'first place of a list item' : 'a list item';
      const child = this.node(c, p, depth + 1, allowed, where);
      return child.type === 'paragraph'
        ? this.paragraph(child.obj, p, depth + 1)
        : this.list(child.obj, child.a, child.type as ListNode['type'], p, depth + 1);
    });
    return { type: 'listItem', content };
  }

  inline(obj: Obj, path: string, what: string, depth: number): InlineNode[] | undefined {
    const raw = children(obj, path, what, 0);
    if (raw.length === 0) return undefined;
    return raw.map((c, i): InlineNode => {
      const p = at(path, i);
      const child = this.node(c, p, depth + 1, INLINES, `a ${what}`).obj;
      const marks = this.marks(child.marks, p);
      if (child.type === 'hardBreak') return { type: 'hardBreak' };
      const text = this.str(child.text, L.maxTextLength, p, 'text', 'text');
      if (text.length === 0) fail(p, 'text', 'text must not be empty');
      return marks ? { type: 'text', text, marks } : { type: 'text', text };
    });
  }

  marks(value: unknown, path: string): Mark[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) fail(path, 'text', 'marks must be an array');
    const seen = new Set<string>();
    const marks = value.map((raw, i): Mark => {
      const p = `${path}.marks[${i}]`;
      if (!isObj(raw) || typeof raw.type !== 'string') fail(p, 'mark', 'must be an object with a "type"');
      const type = raw.type;
      const shape = MARK_SHAPES.get(type);
      if (!shape) fail(p, 'mark', `unknown mark type ${quote(type)}`);
      const what = `${type} mark`;
      if (seen.has(type)) fail(p, what, `duplicate ${type} mark on the same text`);
      seen.add(type);
      const a = checkShape(raw, shape, p, what);
      if (type !== 'link') return { type: type as PlainMark['type'] };
      const href = this.str(a.href, L.maxUrlLength, p, what, 'href');
      const problem = hrefProblem(href);
      if (problem) fail(p, what, problem);
      const title = this.optStr(a.title, p, what, 'title');
      const newTab = a.newTab ?? undefined;
      if (newTab !== undefined && typeof newTab !== 'boolean') fail(p, what, 'newTab must be true or false');
      const attrs: LinkMark['attrs'] = { href };
      if (title !== undefined) attrs.title = title;
      if (newTab === true) attrs.newTab = true;
      return { type, attrs };
    });
    return marks.length ? marks : undefined;
  }
}

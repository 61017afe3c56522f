/**
 * Clipboard HTML from Word, Google Docs or a web page → blocks of the body document, plus a
 * count of what could not come along (images, embedded video) for the editor to say so.
 * Images the browser may be able to read (`data:` URLs, `blob:`, http and https) come back as
 * placeholders with their sources; the editor uploads them (paste-images.ts) and settles the
 * paste with `settleImages`, so this module stays pure.
 *
 * Why our own converter rather than ProseMirror's parse rules: Word writes lists as paragraphs
 * with `mso-list` styles and a bullet glyph in a conditional comment, and Google Docs writes
 * bold as a styled span inside a `<b style="font-weight:normal">` wrapper. Parse rules see only
 * one element at a time; these need the run of sibling paragraphs and the computed marks.
 *
 * Pure: the HTML is parsed by DOMParser into an inert document (nothing runs or loads).
 */
import {
  type BlockNode,
  DOCUMENT_LIMITS,
  embedFor,
  headingLevelOf,
  type ImageNode,
  type InlineNode,
  isSafeHref,
  type ListItemNode,
  type ListNode,
  type Mark,
  marksInside,
  type ParagraphNode,
  type TableCellNode,
  type TableRowNode,
  textNodes,
  tidyInline,
  validateDocument,
} from '@shared/document/index.js';
import { t } from '../i18n/index.js';

export interface PasteResult {
  /** Each image to upload is an image node whose mediaId is its placeholder (see PastedImage). */
  blocks: BlockNode[];
  /** Images that may be read and uploaded, in the order met. */
  images: PastedImage[];
  /** What was left out, by kind (not counting `images`, which may still fail). */
  left: { images: number; videos: number };
  /** "2 images and 1 embedded video were not pasted", or null when nothing was left out. */
  notice: string | null;
}

/** A pasted image to upload; its image node in the blocks has `mediaId: placeholder`. */
export interface PastedImage {
  placeholder: number;
  src: string;
  alt: string;
}

/** Sources a browser may read: inline data, blobs, web addresses (Word's file:// cannot be). */
const READABLE_SRC = /^(data:image\/[a-z0-9.+-]+[;,]|blob:|https?:\/\/)/i;

/** Converts clipboard HTML; the blocks are valid body content (checked by the server's validator). */
export function pasteToDocument(html: string): PasteResult {
  const dom = new DOMParser().parseFromString(html, 'text/html');
  const w = new Walker(true);
  w.blocks(Array.from(dom.body.childNodes), NONE);
  w.flush();
  let blocks = w.out;
  let images = w.images;
  try {
    blocks = validateDocument({ type: 'doc', content: blocks }).content;
  } catch {
    // A case this converter does not foresee: keep the words rather than lose the paste.
    w.left.images += images.length;
    images = [];
    blocks = (dom.body.textContent ?? '')
      .split(/\n\s*\n/)
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((text): ParagraphNode => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  }
  return { blocks, images, left: w.left, notice: noticeOf(w.left) };
}

/**
 * The paste once its images are uploaded: `ids[i]` is the media id for `result.images[i]`, or
 * null when it could not be read or uploaded (its node goes, and the notice counts it).
 */
export function settleImages(
  result: PasteResult,
  ids: readonly (number | null)[],
): { blocks: BlockNode[]; notice: string | null } {
  const byPlaceholder = new Map(result.images.map((img, i) => [img.placeholder, ids[i] ?? null]));
  const blocks: BlockNode[] = [];
  for (const b of result.blocks) {
    if (b.type !== 'image' || !byPlaceholder.has(b.attrs.mediaId)) blocks.push(b);
    else {
      const id = byPlaceholder.get(b.attrs.mediaId);
      if (id) blocks.push({ ...b, attrs: { ...b.attrs, mediaId: id } });
    }
  }
  const uploaded = ids.filter((id) => id !== null).length;
  const failed = result.images.length - uploaded;
  return {
    blocks,
    notice: noticeOf({ images: result.left.images + failed, videos: result.left.videos }, uploaded),
  };
}

/**
 * The blocks as one line of inline content (a table cell holds no blocks): paragraphs,
 * headings, list items and cells one after another, apart by line breaks.
 */
export function inlineOf(blocks: BlockNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  const add = (content: InlineNode[] | undefined) => {
    if (!content?.length) return;
    if (out.length) out.push({ type: 'hardBreak' });
    out.push(...content);
  };
  const walk = (b: BlockNode | ListItemNode | ListNode) => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        add(b.content);
        break;
      case 'blockquote':
        for (const p of b.content) add(p.content);
        break;
      case 'bulletList':
      case 'orderedList':
        for (const item of b.content) walk(item);
        break;
      case 'listItem':
        for (const c of b.content) walk(c);
        break;
      case 'table':
        for (const row of b.content) for (const cell of row.content) add(cell.content);
        break;
      default:
        break;
    }
  };
  for (const b of blocks) walk(b);
  return out;
}

/**
 * "1 image was not pasted", "2 images and 1 embedded video were not pasted", "1 image uploaded;
 * 2 images were not pasted" (in the app's catalogue, web/admin/src/i18n).
 */
export function noticeOf(left: { images: number; videos: number }, uploaded = 0): string | null {
  const parts: string[] = [];
  if (left.images) parts.push(t('paste.images', { n: left.images }));
  if (left.videos) parts.push(t('paste.videos', { n: left.videos }));
  const done = uploaded ? t('paste.uploaded', { images: t('paste.images', { n: uploaded }) }) : '';
  if (!parts.length) return done || null;
  const what =
    parts.length === 2 ? t('paste.and', { a: parts[0] ?? '', b: parts[1] ?? '' }) : (parts[0] ?? '');
  const notPasted = t('paste.notPasted', { what, many: left.images + left.videos > 1 ? 'yes' : 'no' });
  return done ? t('paste.both', { done, notPasted }) : notPasted;
}

type Marks = readonly Mark[];
const NONE: Marks = [];
const SKIP = new Set(['script', 'style', 'meta', 'link', 'title', 'head', 'template', 'noscript', 'xml']);
const VIDEO = new Set(['video', 'object', 'embed', 'audio']);
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'center',
  'body',
  'dl',
  'dd',
  'dt',
  'address',
  'figure',
  'form',
  'tbody',
]);

function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

function tagOf(e: Element): string {
  return e.tagName.toLowerCase();
}

function styleOf(e: Element): string {
  return (e.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
}

/** Word's list paragraph: `mso-list:l0 level2 lfo1` → its list and level; null for others. */
function wordList(e: Element): { list: string; level: number } | null {
  const m = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(e.getAttribute('style') ?? '');
  if (!m || tagOf(e) !== 'p') return null;
  return { list: m[1] ?? 'l0', level: Math.min(Number(m[2]) || 1, 8) };
}

/** The marker Word draws before a list paragraph ("·", "o", "1.", "a)"), hidden from the text. */
function wordMarker(e: Element): string {
  const ignore = e.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
  return (ignore?.textContent ?? '').replace(/\s+/g, '');
}

/** Marks inside the element: its tag and style (shared with the import), and a safe link. */
function marksOf(e: Element, marks: Marks): Marks {
  const out = marksInside(tagOf(e), e.getAttribute('style') ?? '', marks);
  if (tagOf(e) === 'a') {
    const href = (e.getAttribute('href') ?? '').trim();
    if (href && isSafeHref(href)) {
      const newTab = e.getAttribute('target') === '_blank';
      return [
        ...out.filter((m) => m.type !== 'link'),
        { type: 'link', attrs: newTab ? { href, newTab: true } : { href } },
      ];
    }
  }
  return out;
}

class Walker {
  readonly out: BlockNode[] = [];
  readonly left = { images: 0, videos: 0 };
  readonly images: PastedImage[] = [];
  private pending: InlineNode[] = [];
  /** Images met in the pending paragraph's text: they follow it as blocks of their own. */
  private floating: ImageNode[] = [];

  /** `uploads`: images become placeholders to upload (only at the top, where blocks may go). */
  constructor(private readonly uploads = false) {}

  flush() {
    const content = tidyInline(this.pending);
    this.pending = [];
    if (content.length) this.out.push({ type: 'paragraph', content });
    this.out.push(...this.floating);
    this.floating = [];
  }

  /** An image node to upload, or null when its source cannot be read (it is counted). */
  private image(e: Element): ImageNode | null {
    const src = (e.getAttribute('src') ?? '').trim();
    if (!this.uploads || !READABLE_SRC.test(src) || src.length > 20_000_000) {
      this.left.images++;
      return null;
    }
    const placeholder = this.images.length + 1;
    const alt = (e.getAttribute('alt') ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, DOCUMENT_LIMITS.maxAttrLength);
    this.images.push({ placeholder, src, alt });
    return { type: 'image', attrs: { mediaId: placeholder, ...(alt ? { alt } : {}) } };
  }

  private push(...blocks: BlockNode[]) {
    this.flush();
    this.out.push(...blocks);
  }

  blocks(nodes: Node[], marks: Marks) {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.nodeType === 3) {
        this.pending.push(...textNodes(n.textContent ?? '', marks));
        continue;
      }
      if (!isElement(n)) continue;
      if (wordList(n)) {
        // A run of Word list paragraphs (blank text and comments between them belong to it).
        const run: Element[] = [];
        let j = i;
        for (; j < nodes.length; j++) {
          const m = nodes[j]!;
          if (isElement(m) && wordList(m)) run.push(m);
          else if (isElement(m) || (m.nodeType === 3 && (m.textContent ?? '').trim())) break;
        }
        i = j - 1;
        this.push(...this.wordLists(run, marks));
        continue;
      }
      this.block(n, marks);
    }
  }

  private block(e: Element, marks: Marks) {
    const tag = tagOf(e);
    if (SKIP.has(tag)) return;
    switch (tag) {
      case 'p': {
        this.flush();
        this.pending = this.inline(Array.from(e.childNodes), marksOf(e, marks), true);
        // Word's title style is a heading in all but name.
        if (/\bMsoTitle\b/.test(e.getAttribute('class') ?? '')) {
          const content = tidyInline(this.pending);
          this.pending = [];
          if (content.length) this.push({ type: 'heading', attrs: { level: 2 }, content });
        }
        this.flush();
        return;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        // Headings are bold by nature; bold on all their words says nothing.
        const content = tidyInline(this.inline(Array.from(e.childNodes), marks)).map(unbold);
        if (content.length)
          this.push({ type: 'heading', attrs: { level: headingLevelOf(tag) ?? 4 }, content });
        return;
      }
      case 'ul':
      case 'ol': {
        const list = this.list(e, marks);
        if (list) this.push(list);
        return;
      }
      case 'blockquote': {
        const inner = new Walker();
        inner.blocks(Array.from(e.childNodes), marks);
        inner.flush();
        this.addLeft(inner);
        const paras = inner.out.flatMap((b) => paragraphsOf(b));
        if (paras.length) this.push({ type: 'blockquote', content: paras });
        return;
      }
      case 'table':
        this.table(e, marks);
        return;
      case 'hr':
        this.push({ type: 'horizontalRule' });
        return;
      case 'br':
        this.pending.push({ type: 'hardBreak' });
        return;
      case 'img': {
        const image = this.image(e);
        if (image) this.push(image);
        return;
      }
      case 'iframe': {
        const embed = embedFor(e.getAttribute('src') ?? '');
        if (embed) this.push({ type: 'embed', attrs: embed });
        else this.left.videos++;
        return;
      }
      case 'pre': {
        for (const line of (e.textContent ?? '').split(/\n\s*\n/)) {
          const text = line.trim();
          if (text) this.push({ type: 'paragraph', content: [{ type: 'text', text }] });
        }
        return;
      }
      default:
        if (VIDEO.has(tag)) {
          this.left.videos++;
          return;
        }
        if (CONTAINERS.has(tag) || hasBlockChild(e)) {
          this.flush();
          this.blocks(Array.from(e.childNodes), marksOf(e, marks));
          this.flush();
          return;
        }
        this.pending.push(...this.inline([e], marks, true));
    }
  }

  private addLeft(other: Walker) {
    this.left.images += other.left.images;
    this.left.videos += other.left.videos;
  }

  /**
   * Inline content of nodes; video met inside is counted, not kept, and so are images unless
   * `float` (a paragraph's text: they follow the paragraph, see `floating`).
   */
  inline(nodes: Node[], marks: Marks, float = false): InlineNode[] {
    const out: InlineNode[] = [];
    for (const n of nodes) {
      if (n.nodeType === 3) {
        out.push(...textNodes(n.textContent ?? '', marks));
        continue;
      }
      if (!isElement(n)) continue;
      const tag = tagOf(n);
      if (SKIP.has(tag)) continue;
      // Word's list marker ("·" and its spacing) and Google Docs' anchors carry no words.
      if (/mso-list:ignore/.test(styleOf(n))) continue;
      if (tag === 'br') out.push({ type: 'hardBreak' });
      else if (tag === 'img') {
        if (float) {
          const image = this.image(n);
          if (image) this.floating.push(image);
        } else this.left.images++;
      } else if (tag === 'iframe' || VIDEO.has(tag)) this.left.videos++;
      else if (tag === 'p' || tag === 'div' || /^h[1-6]$/.test(tag) || tag === 'li') {
        // Blocks inside inline content (a cell's paragraphs): one line each.
        if (out.some((x) => x.type !== 'text' || x.text.trim())) out.push({ type: 'hardBreak' });
        out.push(...this.inline(Array.from(n.childNodes), marksOf(n, marks), float));
      } else out.push(...this.inline(Array.from(n.childNodes), marksOf(n, marks), float));
    }
    return out;
  }

  /** An HTML list; Google Docs nests a list as a sibling of the item it belongs to. */
  private list(e: Element, marks: Marks): ListNode | null {
    const items: ListItemNode[] = [];
    for (const c of Array.from(e.children)) {
      const tag = tagOf(c);
      if (tag === 'ul' || tag === 'ol') {
        const sub = this.list(c, marks);
        const last = items[items.length - 1];
        if (sub && last) last.content.push(sub);
        else if (sub) items.push({ type: 'listItem', content: [{ type: 'paragraph' }, sub] });
        continue;
      }
      if (tag !== 'li') continue;
      const inline: Node[] = [];
      const nested: ListNode[] = [];
      for (const k of Array.from(c.childNodes)) {
        if (isElement(k) && (tagOf(k) === 'ul' || tagOf(k) === 'ol')) {
          const sub = this.list(k, marks);
          if (sub) nested.push(sub);
        } else inline.push(k);
      }
      const content = tidyInline(this.inline(inline, marksOf(c, marks)));
      items.push({
        type: 'listItem',
        content: [{ type: 'paragraph', ...(content.length ? { content } : {}) }, ...nested],
      });
    }
    if (!items.length) return null;
    if (tagOf(e) === 'ol') {
      const start = Number(e.getAttribute('start'));
      return {
        type: 'orderedList',
        ...(Number.isSafeInteger(start) && start > 1 ? { attrs: { start } } : {}),
        content: items,
      };
    }
    return { type: 'bulletList', content: items };
  }

  /** Word list paragraphs → nested lists by their level; numbered when the marker is a number. */
  private wordLists(run: Element[], marks: Marks): BlockNode[] {
    const roots: ListNode[] = [];
    // The open list at each level, innermost last.
    const stack: { level: number; list: ListNode }[] = [];
    let lastList = '';
    for (const p of run) {
      const info = wordList(p)!;
      const ordered = /^(\(?[0-9]+|[a-z]|[ivxlc]+)[.)]/i.test(wordMarker(p));
      const content = tidyInline(this.inline(Array.from(p.childNodes), marksOf(p, marks)));
      const item: ListItemNode = {
        type: 'listItem',
        content: [{ type: 'paragraph', ...(content.length ? { content } : {}) }],
      };
      while (stack.length && stack[stack.length - 1]!.level > info.level) stack.pop();
      const top = stack[stack.length - 1];
      const type = ordered ? 'orderedList' : 'bulletList';
      if (
        top &&
        top.level === info.level &&
        top.list.type === type &&
        (info.list === lastList || stack.length > 1)
      ) {
        top.list.content.push(item);
      } else {
        if (top && top.level === info.level) stack.pop();
        const list: ListNode = { type, content: [item] } as ListNode;
        const parent = stack[stack.length - 1];
        const parentItem = parent?.list.content[parent.list.content.length - 1];
        if (parentItem) parentItem.content.push(list);
        else roots.push(list);
        stack.push({ level: info.level, list });
      }
      lastList = info.list;
    }
    return roots;
  }

  /** A table node: header row when the first row is all <th> (or in <thead>), caption kept. */
  private table(e: Element, marks: Marks) {
    const caption = (e.querySelector('caption')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const rows: TableRowNode[] = [];
    let headerRow = false;
    for (const tr of Array.from(e.querySelectorAll('tr'))) {
      if (tr.closest('table') !== e) continue; // a nested table's rows are its own
      if (rows.length >= DOCUMENT_LIMITS.maxTableRows) break;
      const cells: TableCellNode[] = [];
      let allTh = true;
      for (const c of Array.from(tr.children)) {
        const tag = tagOf(c);
        if (tag !== 'td' && tag !== 'th') continue;
        if (tag === 'td') allTh = false;
        const content = tidyInline(this.inline(Array.from(c.childNodes), marks));
        cells.push(content.length ? { type: 'tableCell', content } : { type: 'tableCell' });
        const span = Math.min(Number(c.getAttribute('colspan')) || 1, DOCUMENT_LIMITS.maxTableColumns);
        for (let k = 1; k < span; k++) cells.push({ type: 'tableCell' });
      }
      if (!cells.length) continue;
      if (!rows.length) headerRow = allTh || tr.parentElement?.tagName.toLowerCase() === 'thead';
      rows.push({ type: 'tableRow', content: cells });
    }
    if (!rows.length) return;
    const width = Math.min(Math.max(...rows.map((r) => r.content.length)), DOCUMENT_LIMITS.maxTableColumns);
    for (const r of rows) {
      r.content = r.content.slice(0, width);
      while (r.content.length < width) r.content.push({ type: 'tableCell' });
    }
    const attrs = {
      ...(caption ? { caption: caption.slice(0, 2000) } : {}),
      ...(headerRow ? { headerRow: true } : {}),
    };
    this.push({ type: 'table', ...(Object.keys(attrs).length ? { attrs } : {}), content: rows });
  }
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'table',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'pre',
]);

function hasBlockChild(e: Element): boolean {
  for (const c of Array.from(e.children)) if (BLOCK_TAGS.has(tagOf(c)) || hasBlockChild(c)) return true;
  return false;
}

function paragraphsOf(b: BlockNode): ParagraphNode[] {
  if (b.type === 'paragraph') return b.content?.length ? [b] : [];
  if (b.type === 'heading') return b.content?.length ? [{ type: 'paragraph', content: b.content }] : [];
  return [];
}

function unbold(n: InlineNode): InlineNode {
  if (n.type !== 'text' || !n.marks) return n;
  const marks = n.marks.filter((m) => m.type !== 'bold');
  return marks.length ? { ...n, marks } : { type: 'text', text: n.text };
}

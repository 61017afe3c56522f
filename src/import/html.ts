import type { ChildNode, Element } from 'domhandler';
import {
  type BlockNode,
  DOCUMENT_LIMITS,
  embedFor,
  headingLevelOf,
  type InlineNode,
  isSafeHref,
  type ListItemNode,
  type ListNode,
  type Mark,
  marksInside,
  type ParagraphNode,
  type TableCellNode,
  type TableNode,
  type TableRowNode,
  textNodes,
  tidyInline,
  withMark,
} from '../shared/document/index.js';
import { loadedOnFirstUse } from '../lib/first-use.js';

// Loaded by the first body to parse: a serving node that takes no wire copy never needs it.
const htmlparser2 = loadedOnFirstUse<typeof import('htmlparser2')>('htmlparser2');

/**
 * A WordPress post's HTML (classic editor with shortcodes, or Gutenberg block markup) → the
 * blocks of Masthead's typed document. Whatever has no place in the document is named in
 * `problems` (the import report), never dropped without a word.
 */

/** Finds (or imports) the media item for an image URL; null when the file is missing. */
export type ImageResolver = (src: string) => Promise<number | null>;

/** The file URL of a WordPress attachment id (what `[gallery ids="…"]` names). */
export type AttachmentUrl = (id: string) => string | undefined;

export interface Converted {
  blocks: BlockNode[];
  problems: string[];
}

const KNOWN_SHORTCODES = new Set(['caption', 'wp_caption', 'gallery', 'embed']);
const IGNORED = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Shortcodes become elements the walker understands: [caption] a <figure>, [embed] and
 * [gallery] elements of their own. Unknown shortcodes stay as text and are reported.
 */
export function expandShortcodes(html: string, problems: string[]): string {
  let out = html.replace(
    /\[(?:wp_)?caption([^\]]*)\]([\s\S]*?)\[\/(?:wp_)?caption\]/g,
    (_m, attrs: string, inner: string) => {
      // The caption is the text after the image (or its link); older posts put it in caption="…".
      const attr = /caption="([^"]*)"/.exec(attrs)?.[1] ?? '';
      const split = /^(\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
      const image = split ? split[1] : inner;
      const text = split ? (split[2] ?? '').trim() : '';
      return `<figure>${image}<figcaption>${text || attr}</figcaption></figure>`;
    },
  );
  out = out.replace(
    /\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/g,
    (_m, url: string) => `<wp-embed url="${url.trim()}"></wp-embed>`,
  );
  out = out.replace(/\[gallery([^\]]*)\]/g, (_m, attrs: string) => {
    const ids = /ids="([^"]*)"/.exec(attrs)?.[1] ?? '';
    return `<wp-gallery ids="${ids}"></wp-gallery>`;
  });
  for (const m of out.matchAll(/\[([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\]/gi)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!KNOWN_SHORTCODES.has(name)) problems.push(`shortcode [${name}] kept as text`);
  }
  return out;
}

const BLOCK_TAGS =
  /^<(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|td|th|div|pre|hr|dl|dd|dt|section|address|wp-embed|wp-gallery|iframe)\b/i;

/**
 * WordPress's wpautop for classic posts: text separated by a blank line is a paragraph, a single
 * line break inside one a <br>. Chunks that already start with a block element stay as they are.
 */
export function autop(html: string): string {
  const text = html.replace(/\r\n?/g, '\n').trim();
  if (!text) return '';
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_TAGS.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

export { embedFor };

/** Converts one post's HTML. Gutenberg posts are recognised by their `<!-- wp:` comments. */
export async function convertPost(
  html: string,
  resolveImage: ImageResolver,
  attachmentUrl?: AttachmentUrl,
): Promise<Converted> {
  const problems: string[] = [];
  const gutenberg = html.includes('<!-- wp:');
  let source = expandShortcodes(html, problems);
  if (!gutenberg) source = autop(source);
  return walk(source, resolveImage, problems, attachmentUrl);
}

/**
 * Converts plain HTML, with no WordPress conventions (no shortcodes, no paragraphs made from blank
 * lines): what the Ghost importer renders a post's Lexical or mobiledoc body into.
 */
export function convertHtml(html: string, resolveImage: ImageResolver): Promise<Converted> {
  return walk(html, resolveImage, []);
}

async function walk(
  source: string,
  resolveImage: ImageResolver,
  problems: string[],
  attachmentUrl?: AttachmentUrl,
): Promise<Converted> {
  const dom = htmlparser2().parseDocument(source, { decodeEntities: true });
  const w = new Walker(resolveImage, problems, attachmentUrl);
  await w.blocks(dom.children);
  w.flushInline();
  return { blocks: w.out, problems: [...new Set(problems)] };
}

type Inline = InlineNode;

function el(node: ChildNode): Element | null {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style' ? (node as Element) : null;
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  const e = el(node);
  return e ? e.children.map(textOf).join('') : '';
}

class Walker {
  readonly out: BlockNode[] = [];
  /** Inline content met between blocks (Gutenberg and div soup), made a paragraph when a block starts. */
  private pending: Inline[] = [];
  /** Inside a Gutenberg embed block, whose inner markup is the URL again: skipped. */
  private skipUntil: string | null = null;

  constructor(
    private readonly resolveImage: ImageResolver,
    private readonly problems: string[],
    private readonly attachmentUrl?: AttachmentUrl,
  ) {}

  flushInline() {
    const content = tidyInline(this.pending);
    this.pending = [];
    if (content.length) this.out.push({ type: 'paragraph', content });
  }

  private push(block: BlockNode) {
    this.flushInline();
    this.out.push(block);
  }

  async blocks(nodes: ChildNode[]): Promise<void> {
    for (const node of nodes) {
      if (node.type === 'comment') {
        this.comment(node.data.trim());
        continue;
      }
      if (this.skipUntil) continue;
      if (node.type === 'text') {
        this.pending.push(...textNodes(node.data, []));
        continue;
      }
      const e = el(node);
      if (e) await this.block(e);
    }
  }

  /** Gutenberg block comments: embeds carry their URL in the comment's JSON. */
  private comment(data: string) {
    if (this.skipUntil) {
      if (data.startsWith(`/${this.skipUntil}`)) this.skipUntil = null;
      return;
    }
    const m = /^(wp:(?:core-)?embed[a-z/-]*)\s+(\{[\s\S]*\})\s*$/.exec(data);
    if (!m) return;
    let url = '';
    try {
      url = String((JSON.parse(m[2] ?? '{}') as { url?: unknown }).url ?? '');
    } catch {
      url = '';
    }
    const embed = url ? embedFor(url) : null;
    if (embed) {
      this.push({ type: 'embed', attrs: embed });
    } else {
      this.problems.push(`embed not on the allow-list: ${url || '(no URL)'}`);
    }
    // Its inner markup is the URL again: reported once, not repeated as text.
    this.skipUntil = m[1] ?? null;
  }

  private async block(e: Element): Promise<void> {
    const tag = e.name.toLowerCase();
    if (IGNORED.has(tag)) {
      this.problems.push(`<${tag}> removed`);
      return;
    }
    switch (tag) {
      case 'p': {
        this.flushInline();
        await this.inlineInto(e.children, []);
        this.flushInline();
        return;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        const content = tidyInline(await this.inline(e.children, []));
        if (content.length)
          this.push({ type: 'heading', attrs: { level: headingLevelOf(tag) ?? 4 }, content });
        return;
      }
      case 'ul':
      case 'ol': {
        const list = await this.list(e);
        if (list) this.push(list);
        return;
      }
      case 'blockquote': {
        const paras = await this.paragraphsOf(e.children);
        const cite = e.children.map((c) => (el(c)?.name === 'cite' ? textOf(c).trim() : '')).find(Boolean);
        if (paras.length)
          this.push({
            type: 'blockquote',
            ...(cite ? { attrs: { citation: cite.slice(0, 2000) } } : {}),
            content: paras,
          });
        return;
      }
      case 'hr':
        this.push({ type: 'horizontalRule' });
        return;
      case 'img':
        await this.image(e, '');
        return;
      case 'figure':
        await this.figure(e);
        return;
      case 'wp-embed':
      case 'iframe': {
        const url = e.attribs.url ?? e.attribs.src ?? '';
        const embed = embedFor(url);
        if (embed) this.push({ type: 'embed', attrs: embed });
        else this.problems.push(`embed not on the allow-list: ${url || '(no URL)'}`);
        return;
      }
      case 'wp-gallery':
        await this.gallery(e.attribs.ids ?? '');
        return;
      case 'table':
        await this.table(e);
        return;
      case 'pre': {
        const text = textOf(e).trim();
        if (text) this.push({ type: 'paragraph', content: [{ type: 'text', text }] });
        this.problems.push('<pre> kept as a plain paragraph');
        return;
      }
      case 'br':
        this.pending.push({ type: 'hardBreak' });
        return;
      case 'div':
      case 'section':
      case 'article':
      case 'main':
      case 'header':
      case 'footer':
      case 'aside':
      case 'center':
      case 'dl':
      case 'dd':
      case 'dt':
      case 'address':
        this.flushInline();
        await this.blocks(e.children);
        this.flushInline();
        return;
      case 'form':
      case 'input':
      case 'button':
      case 'select':
      case 'textarea':
      case 'object':
      case 'embed':
      case 'video':
      case 'audio':
      case 'canvas':
      case 'svg':
        this.problems.push(`<${tag}> not convertible, removed`);
        return;
      default:
        // Inline markup at block level (text in a Gutenberg group, <strong> on its own…).
        await this.inlineInto([e], []);
    }
  }

  private async figure(e: Element): Promise<void> {
    const caption = e.children.find((c) => el(c)?.name === 'figcaption');
    const captionText = caption ? textOf(caption).replace(/\s+/g, ' ').trim() : '';
    const imgs = findAll(e, 'img');
    if (imgs.length) {
      for (const img of imgs) await this.image(img, imgs.length === 1 ? captionText : '');
      if (imgs.length > 1 && captionText)
        this.push({ type: 'paragraph', content: [{ type: 'text', text: captionText }] });
      return;
    }
    const iframe = findAll(e, 'iframe')[0];
    if (iframe) return this.block(iframe);
    const table = findAll(e, 'table')[0];
    if (table) return this.table(table);
    // Gutenberg embed figures without a block comment: the URL is the wrapper's text.
    const url = textOf(e).trim().split(/\s+/)[0] ?? '';
    const embed = url ? embedFor(url) : null;
    if (embed) this.push({ type: 'embed', attrs: embed });
    else {
      this.flushInline();
      await this.blocks(e.children);
      this.flushInline();
    }
  }

  /**
   * `[gallery ids="…"]` names attachments, not files: each becomes an image node in the gallery's
   * order (the document has no gallery node; the site shows them one after another), and the
   * report says so. A gallery without ids (WordPress then shows the post's attached images) is
   * reported for the newsroom to rebuild.
   */
  private async gallery(ids: string): Promise<void> {
    const list = ids
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (!list.length || !this.attachmentUrl) {
      this.problems.push(`[gallery ids="${ids}"] not converted (add its images by hand)`);
      return;
    }
    let images = 0;
    for (const id of list) {
      const url = this.attachmentUrl(id);
      if (!url) {
        this.problems.push(`gallery: attachment ${id} is not in the export`);
        continue;
      }
      const mediaId = await this.resolveImage(url);
      if (!mediaId) {
        this.problems.push(`image not found in the media directory: ${url}`);
        continue;
      }
      this.push({ type: 'image', attrs: { mediaId } });
      images++;
    }
    if (images)
      this.problems.push(`gallery of ${images} image${images === 1 ? '' : 's'} imported as separate images`);
  }

  private async image(img: Element, caption: string): Promise<void> {
    const src = img.attribs.src ?? '';
    const mediaId = src ? await this.resolveImage(src) : null;
    if (!mediaId) {
      this.problems.push(`image not found in the media directory: ${src || '(no src)'}`);
      return;
    }
    const alt = (img.attribs.alt ?? '').trim().slice(0, 2000);
    this.push({
      type: 'image',
      attrs: { mediaId, ...(alt ? { alt } : {}), ...(caption ? { caption: caption.slice(0, 2000) } : {}) },
    });
  }

  /**
   * A table node: the caption, its rows (thead, tbody, tfoot or bare), a first row of <th> as
   * the header row. Cells keep inline text; merged cells are spread into empty neighbours and
   * ragged rows padded, since the schema has neither; what does not fit is reported.
   */
  private async table(e: Element): Promise<void> {
    const caption = findAll(e, 'caption')[0];
    const captionText = caption ? textOf(caption).replace(/\s+/g, ' ').trim().slice(0, 2000) : '';
    const rows: TableRowNode[] = [];
    let headerRow = false;
    let merged = false;
    for (const tr of findAll(e, 'tr')) {
      if (rows.length >= DOCUMENT_LIMITS.maxTableRows) {
        this.problems.push(`table cut to ${DOCUMENT_LIMITS.maxTableRows} rows`);
        break;
      }
      const cells: TableCellNode[] = [];
      let allTh = true;
      for (const c of tr.children) {
        const ce = el(c);
        if (ce?.name !== 'td' && ce?.name !== 'th') continue;
        if (ce.name === 'td') allTh = false;
        const content = tidyInline(await this.inline(ce.children, []));
        cells.push(content.length ? { type: 'tableCell', content } : { type: 'tableCell' });
        const span = Math.min(
          Number.parseInt(ce.attribs.colspan ?? '1', 10) || 1,
          DOCUMENT_LIMITS.maxTableColumns,
        );
        if (span > 1 || Number.parseInt(ce.attribs.rowspan ?? '1', 10) > 1) merged = true;
        for (let i = 1; i < span; i++) cells.push({ type: 'tableCell' });
      }
      if (!cells.length) continue;
      if (!rows.length) headerRow = allTh;
      rows.push({ type: 'tableRow', content: cells });
    }
    if (!rows.length) return;
    if (merged) this.problems.push('merged table cells split (check the table)');
    const width = Math.max(...rows.map((r) => r.content.length));
    const columns = Math.min(width, DOCUMENT_LIMITS.maxTableColumns);
    if (width > columns) this.problems.push(`table cut to ${columns} columns`);
    for (const r of rows) {
      r.content = r.content.slice(0, columns);
      while (r.content.length < columns) r.content.push({ type: 'tableCell' });
    }
    const attrs: NonNullable<TableNode['attrs']> = {};
    if (captionText) attrs.caption = captionText;
    if (headerRow) attrs.headerRow = true;
    this.push({ type: 'table', ...(Object.keys(attrs).length ? { attrs } : {}), content: rows });
  }

  private async list(e: Element): Promise<ListNode | null> {
    const items: ListItemNode[] = [];
    for (const li of e.children) {
      const item = el(li);
      if (item?.name !== 'li') continue;
      const inline: ChildNode[] = [];
      const nested: ListNode[] = [];
      for (const c of item.children) {
        const ce = el(c);
        if (ce && (ce.name === 'ul' || ce.name === 'ol')) {
          const sub = await this.list(ce);
          if (sub) nested.push(sub);
        } else inline.push(c);
      }
      const content = tidyInline(await this.inline(inline, []));
      items.push({
        type: 'listItem',
        content: [{ type: 'paragraph', ...(content.length ? { content } : {}) }, ...nested],
      });
    }
    if (!items.length) return null;
    if (e.name === 'ol') {
      const start = Number(e.attribs.start);
      return {
        type: 'orderedList',
        ...(Number.isInteger(start) && start > 1 ? { attrs: { start } } : {}),
        content: items,
      };
    }
    return { type: 'bulletList', content: items };
  }

  /** Paragraphs inside a quote: its <p>s, or its loose text as one. */
  private async paragraphsOf(nodes: ChildNode[]): Promise<ParagraphNode[]> {
    const out: ParagraphNode[] = [];
    let loose: Inline[] = [];
    const flush = () => {
      const content = tidyInline(loose);
      loose = [];
      if (content.length) out.push({ type: 'paragraph', content });
    };
    for (const n of nodes) {
      const e = el(n);
      if (e?.name === 'cite') continue;
      if (e && (e.name === 'p' || e.name === 'div')) {
        flush();
        loose = await this.inline(e.children, []);
        flush();
      } else loose.push(...(await this.inline([n], [])));
    }
    flush();
    return out;
  }

  private async inlineInto(nodes: ChildNode[], marks: Mark[]): Promise<void> {
    for (const n of nodes) {
      const e = el(n);
      // An image inside a paragraph (classic posts put them there) becomes a block of its own.
      if (e && (e.name === 'img' || findAll(e, 'img').length) && e.name !== 'p') {
        if (e.name === 'img') await this.image(e, '');
        else await this.inlineInto(e.children, marks);
        continue;
      }
      if (e && (e.name === 'iframe' || e.name === 'wp-embed' || e.name === 'wp-gallery')) {
        await this.block(e);
        continue;
      }
      this.pending.push(...(await this.inline([n], marks)));
    }
  }

  private async inline(nodes: ChildNode[], marks: Mark[]): Promise<Inline[]> {
    const out: Inline[] = [];
    for (const n of nodes) {
      if (n.type === 'text') {
        out.push(...textNodes(n.data, marks));
        continue;
      }
      const e = el(n);
      if (!e) continue;
      const tag = e.name.toLowerCase();
      if (IGNORED.has(tag)) {
        this.problems.push(`<${tag}> removed`);
        continue;
      }
      if (tag === 'br') out.push({ type: 'hardBreak' });
      else if (tag === 'a') {
        const href = (e.attribs.href ?? '').trim();
        if (href && isSafeHref(href))
          out.push(...(await this.inline(e.children, withMark(marks, { type: 'link', attrs: { href } }))));
        else {
          if (href)
            this.problems.push(
              `link kept as text (not an absolute http/https/mailto address): ${href.slice(0, 200)}`,
            );
          out.push(...(await this.inline(e.children, marks)));
        }
      } else if (tag === 'img') {
        this.problems.push(`image inside a list, quote or heading dropped: ${e.attribs.src ?? ''}`);
      } else out.push(...(await this.inline(e.children, marksInside(tag, e.attribs.style ?? '', marks))));
    }
    return out;
  }
}

function findAll(e: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      const c = el(n);
      if (!c) continue;
      if (c.name === name) out.push(c);
      walk(c.children);
    }
  };
  walk(e.children);
  return out;
}

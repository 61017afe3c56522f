/**
 * Document → HTML for the public site and feeds. Every text and attribute value goes through
 * escapeHtml, and every attribute is one this file spells out, so even a document that skipped
 * validation cannot inject markup. Embeds never emit third-party scripts.
 */
import { type EmbedProvider, matchEmbed } from './embeds.js';
import { escapeHtml } from './escape.js';
import {
  type BlockNode,
  type Doc,
  type ImageNode,
  type InlineNode,
  isSafeHref,
  type ListItemNode,
  type ListNode,
  type Mark,
  type TableNode,
} from './schema.js';

/** An image as the media library serves it, for one body image. */
export interface MediaView {
  src: string;
  srcset?: string;
  sizes?: string;
  width: number;
  height: number;
  alt: string;
  /** Modern formats offered ahead of `src`/`srcset` in a `<picture>` (AVIF, WebP). */
  sources?: { type: string; srcset: string }[];
  /** CSS object-position from the image's focal point, e.g. "50% 30%". */
  position?: string;
}

export interface RenderOptions {
  /** Resolves an image node's mediaId; undefined leaves the image out (e.g. deleted media). */
  media: (id: number) => MediaView | undefined;
}

/** Renders a validated document as an HTML fragment. */
export function renderHtml(doc: Doc, opts: RenderOptions): string {
  let out = '';
  for (const node of doc.content) out += block(node, opts);
  return out;
}

function block(node: BlockNode, opts: RenderOptions): string {
  switch (node.type) {
    case 'paragraph':
      // Empty paragraphs are editor leftovers (blank lines); spacing belongs to the theme.
      return node.content?.length ? `<p>${inline(node.content)}</p>` : '';
    case 'heading': {
      // Only the three allowed levels can reach the tag name, whatever the input says.
      const level = node.attrs.level === 3 || node.attrs.level === 4 ? node.attrs.level : 2;
      return `<h${level}>${inline(node.content)}</h${level}>`;
    }
    case 'blockquote': {
      let out = '<blockquote>';
      for (const p of node.content) if (p.content?.length) out += `<p>${inline(p.content)}</p>`;
      const citation = node.attrs?.citation;
      if (citation) out += `<footer>— ${escapeHtml(citation)}</footer>`;
      return `${out}</blockquote>`;
    }
    case 'bulletList':
    case 'orderedList':
      return list(node);
    case 'image':
      return image(node, opts);
    case 'embed':
      return embed(node.attrs.provider, node.attrs.url);
    case 'horizontalRule':
      return '<hr>';
    case 'table':
      return table(node);
    default:
      return '';
  }
}

function list(node: ListNode): string {
  if (node.type === 'bulletList') return `<ul>${items(node.content)}</ul>`;
  const start = node.attrs?.start;
  const attr =
    typeof start === 'number' && Number.isSafeInteger(start) && start > 1 ? ` start="${start}"` : '';
  return `<ol${attr}>${items(node.content)}</ol>`;
}

function items(nodes: ListItemNode[]): string {
  let out = '';
  for (const item of nodes) {
    out += '<li>';
    for (const child of item.content) {
      out += child.type === 'paragraph' ? `<p>${inline(child.content)}</p>` : list(child);
    }
    out += '</li>';
  }
  return out;
}

/**
 * A data table in a focusable scrolling wrapper: a wide table scrolls sideways on a phone
 * instead of widening the page, and keyboard users can scroll it too (the region is named by
 * the caption). Column headers carry scope="col".
 */
function table(node: TableNode): string {
  const caption = node.attrs?.caption?.trim();
  const header = node.attrs?.headerRow === true;
  let rows = '';
  node.content.forEach((row, i) => {
    const th = header && i === 0;
    if (i === 0 && header) rows += '<thead>';
    if (i === (header ? 1 : 0)) rows += '<tbody>';
    rows += '<tr>';
    for (const cell of row.content) {
      rows += th ? `<th scope="col">${inline(cell.content)}</th>` : `<td>${inline(cell.content)}</td>`;
    }
    rows += '</tr>';
    if (th) rows += '</thead>';
  });
  if (node.content.length > (header ? 1 : 0)) rows += '</tbody>';
  const label = caption
    ? ` role="region" aria-label="${escapeHtml(caption)}"`
    : ' role="region" aria-label="Table"';
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<div class="body-table" tabindex="0"${label}><table>${cap}${rows}</table></div>`;
}

function image(node: ImageNode, opts: RenderOptions): string {
  const media = opts.media(node.attrs.mediaId);
  if (!media) return '';
  const { alt, caption, credit, filePhoto } = node.attrs;
  let img = `<img src="${escapeHtml(media.src)}"`;
  if (media.srcset) img += ` srcset="${escapeHtml(media.srcset)}"`;
  if (media.sizes) img += ` sizes="${escapeHtml(media.sizes)}"`;
  img += `${dimension('width', media.width)}${dimension('height', media.height)}`;
  // The editor's alt describes the photo in this story; the library's is the generic fallback.
  img += ` alt="${escapeHtml(alt || media.alt || '')}" loading="lazy" decoding="async"`;
  if (media.position) img += ` style="object-position: ${escapeHtml(media.position)}"`;
  img += '>';
  if (media.sources?.length) {
    let sources = '';
    for (const s of media.sources) {
      sources += `<source type="${escapeHtml(s.type)}" srcset="${escapeHtml(s.srcset)}"`;
      sources += media.sizes ? ` sizes="${escapeHtml(media.sizes)}">` : '>';
    }
    img = `<picture>${sources}${img}</picture>`;
  }
  const parts: string[] = [];
  if (caption) parts.push(escapeHtml(caption));
  if (credit) parts.push(`<span class="credit">${escapeHtml(credit)}</span>`);
  if (filePhoto === true) parts.push('<span class="file-photo">(file photo)</span>');
  const figcaption = parts.length ? `<figcaption>${parts.join(' ')}</figcaption>` : '';
  return `<figure class="body-image">${img}${figcaption}</figure>`;
}

function dimension(name: 'width' | 'height', value: number): string {
  return Number.isFinite(value) && value > 0 ? ` ${name}="${Math.round(value)}"` : '';
}

function embed(provider: EmbedProvider, url: string): string {
  // Re-matching yields URLs built from the parsed id, never the stored string.
  const info = matchEmbed(provider, url);
  if (!info) return '';
  const cls = `embed embed-${info.provider}`;
  const f = info.frame;
  if (!f) {
    return `<figure class="${cls}"><a href="${escapeHtml(info.url)}" rel="noopener noreferrer">${escapeHtml(info.label)}</a></figure>`;
  }
  const size = `${f.width ? ` width="${f.width}"` : ''} height="${f.height}"`;
  return (
    `<figure class="${cls}"><iframe src="${escapeHtml(f.src)}" title="${escapeHtml(f.title)}"${size}` +
    ` loading="lazy" allow="${escapeHtml(f.allow)}" allowfullscreen` +
    ` referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>`
  );
}

// New marks open outermost-first in this order, so a link wraps its bold words rather than
// being split into several anchors.
const MARK_ORDER: Record<string, number> = {
  link: 0,
  bold: 1,
  italic: 2,
  underline: 3,
  strike: 4,
  superscript: 5,
  subscript: 6,
};
const TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
  superscript: 'sup',
  subscript: 'sub',
};
const NO_MARKS: Mark[] = [];

/** Renders inline nodes, keeping marks shared by neighbouring text open across them. */
function inline(nodes: InlineNode[] | undefined): string {
  if (!nodes) return '';
  let out = '';
  const open: Mark[] = [];
  // A break goes inside the open marks only if the text after it continues them, so a link
  // spanning two lines stays one anchor while a link ending a line does not swallow the break.
  let breaks = '';
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      breaks += '<br>';
      continue;
    }
    if (node.type !== 'text' || typeof node.text !== 'string') continue;
    const marks = node.marks?.length ? renderable(node.marks) : NO_MARKS;
    // Keep the open marks this node shares (outermost first), close the rest, open the new.
    let keep = 0;
    while (keep < open.length && marks.some((m) => sameMark(m, open[keep]!))) keep++;
    while (open.length > keep) out += closeTag(open.pop()!);
    out += breaks;
    breaks = '';
    for (const mark of marks) {
      if (open.some((o) => sameMark(o, mark))) continue;
      out += openTag(mark);
      open.push(mark);
    }
    out += escapeHtml(node.text);
  }
  while (open.length) out += closeTag(open.pop()!);
  return out + breaks;
}

/** Known marks in nesting order; a link with an unsafe href is dropped (its text stays). */
function renderable(marks: Mark[]): Mark[] {
  return marks
    .filter(
      (m) => Object.hasOwn(MARK_ORDER, m.type) && (m.type !== 'link' || isSafeHref(m.attrs?.href ?? '')),
    )
    .sort((a, b) => (MARK_ORDER[a.type] ?? 0) - (MARK_ORDER[b.type] ?? 0));
}

function sameMark(a: Mark, b: Mark): boolean {
  if (a.type !== 'link' || b.type !== 'link') return a.type === b.type;
  return a.attrs.href === b.attrs.href && a.attrs.title === b.attrs.title;
}

function openTag(mark: Mark): string {
  if (mark.type !== 'link') return `<${TAGS[mark.type]}>`;
  const { href, title, newTab } = mark.attrs;
  // Every http(s) link is absolute, hence external; mailto needs no rel.
  const rel = /^https?:/i.test(href) ? ' rel="noopener noreferrer"' : '';
  const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
  const target = newTab === true ? ' target="_blank"' : '';
  return `<a href="${escapeHtml(href)}"${titleAttr}${target}${rel}>`;
}

function closeTag(mark: Mark): string {
  return mark.type === 'link' ? '</a>' : `</${TAGS[mark.type]}>`;
}

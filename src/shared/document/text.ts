/**
 * Document → plain text, for search indexing, OTT descriptions, meta descriptions and
 * plain-text email. Formatting is dropped; structure survives as blank lines and list markers.
 */
import type { BlockNode, Doc, InlineNode, ListNode } from './schema.js';

/** Plain text of the document: blocks separated by blank lines, list items as "- item". */
export function renderText(doc: Doc): string {
  const blocks: string[] = [];
  for (const node of doc.content) {
    const text = blockText(node);
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

/**
 * The opening paragraphs' text, at most `maxChars` long: whitespace collapsed, and when cut,
 * cut at a word boundary and ended with "…".
 */
export function excerpt(doc: Doc, maxChars: number): string {
  if (!(maxChars >= 1)) return '';
  let text = '';
  for (const node of doc.content) {
    if (node.type !== 'paragraph') continue;
    const part = inlineText(node.content, ' ').replace(/\s+/g, ' ').trim();
    if (!part) continue;
    text = text ? `${text} ${part}` : part;
    if (text.length > maxChars) break;
  }
  return truncate(text, maxChars);
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = maxChars - 1; // one character for the ellipsis
  // A space at index <= room means everything before it is whole words that fit.
  const space = text.lastIndexOf(' ', room);
  // Ending on "word,…" or "end.…" reads badly; drop trailing punctuation before the ellipsis.
  let head = space > 0 ? text.slice(0, space).replace(/[\s,;:.!?\-–—]+$/u, '') : '';
  if (!head) {
    // One very long word: cut inside it, but never between the halves of a surrogate pair.
    const end = /[\ud800-\udbff]/.test(text.charAt(room - 1)) ? room - 1 : room;
    head = text.slice(0, end);
  }
  return `${head}…`;
}

function inlineText(nodes: InlineNode[] | undefined, hardBreak: string): string {
  if (!nodes) return '';
  let out = '';
  for (const node of nodes) out += node.type === 'text' ? node.text : hardBreak;
  return out;
}

function blockText(node: BlockNode): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.content, '\n');
    case 'blockquote': {
      const parts = node.content.map((p) => inlineText(p.content, '\n')).filter(Boolean);
      if (node.attrs?.citation) parts.push(`— ${node.attrs.citation}`);
      return parts.join('\n\n');
    }
    case 'bulletList':
    case 'orderedList':
      return listText(node, '');
    case 'image':
      return node.attrs.caption ?? '';
    case 'table': {
      // Search finds words in any cell; one line per row, cells apart by " | " (as pasted).
      const lines = node.content.map((row) =>
        row.content.map((cell) => inlineText(cell.content, ' ')).join(' | '),
      );
      if (node.attrs?.caption) lines.unshift(node.attrs.caption);
      return lines.join('\n');
    }
    default:
      // Embeds and rules carry no prose of their own.
      return '';
  }
}

/** One line per item ("- item" or "3. item"); nested lists and continuation lines indented. */
function listText(list: ListNode, indent: string): string {
  const start = list.type === 'orderedList' ? (list.attrs?.start ?? 1) : 0;
  const lines: string[] = [];
  list.content.forEach((item, i) => {
    const marker = list.type === 'orderedList' ? `${start + i}. ` : '- ';
    const pad = indent + ' '.repeat(marker.length);
    item.content.forEach((child, j) => {
      if (child.type !== 'paragraph') {
        lines.push(listText(child, pad));
        return;
      }
      const text = inlineText(child.content, '\n').replaceAll('\n', `\n${pad}`);
      lines.push(j === 0 ? `${indent}${marker}${text}` : `${pad}${text}`);
    });
  });
  return lines.join('\n');
}

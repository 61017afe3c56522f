/**
 * Turns the demo authoring format (see data/types.ts) into body documents. Demo stories are
 * written as readable strings with a little inline markup; the seeder stores real documents.
 */
import {
  type BlockNode,
  type Doc,
  type InlineNode,
  type Mark,
  type ParagraphNode,
  validateDocument,
} from '../shared/document/index.js';
import type { DemoBlock } from './data/types.js';

/** Converts demo blocks to a validated document; throws DocumentError on bad data (e.g. a bad link). */
export function demoBlocksToDocument(blocks: DemoBlock[], imageMediaId: (key: string) => number): Doc {
  const content = blocks.map((b) => toBlock(b, imageMediaId));
  // Validation also catches authoring slips, such as a relative link in the demo text.
  return validateDocument({ type: 'doc', content });
}

function toBlock(block: DemoBlock, imageMediaId: (key: string) => number): BlockNode {
  if (typeof block === 'string') return paragraph(block);
  if ('h' in block) return { type: 'heading', attrs: { level: block.level ?? 2 }, ...inlineContent(block.h) };
  if ('quote' in block) {
    // A blank line inside a quote starts a new paragraph of it.
    const content = block.quote.split(/\n{2,}/).map(paragraph);
    return block.cite
      ? { type: 'blockquote', attrs: { citation: block.cite }, content }
      : { type: 'blockquote', content };
  }
  if ('list' in block) {
    const content = block.list.map((item) => ({ type: 'listItem' as const, content: [paragraph(item)] }));
    return block.ordered ? { type: 'orderedList', content } : { type: 'bulletList', content };
  }
  if ('rule' in block) return { type: 'horizontalRule' };
  const mediaId = imageMediaId(block.image);
  if (!Number.isSafeInteger(mediaId) || mediaId < 1) {
    throw new Error(`demo image "${block.image}" has no media id (got ${mediaId})`);
  }
  return {
    type: 'image',
    attrs: {
      mediaId,
      caption: block.caption,
      credit: block.credit,
      ...(block.filePhoto ? { filePhoto: true } : {}),
    },
  };
}

function paragraph(text: string): ParagraphNode {
  return { type: 'paragraph', ...inlineContent(text) };
}

function inlineContent(text: string): { content?: InlineNode[] } {
  const content = parseInline(text, [], []);
  return content.length ? { content } : {};
}

/**
 * A small inline-markdown tokenizer: `**bold**`, `*italic*`, `[text](url)`, `\` escapes and
 * newlines as hard breaks. Like Markdown, a `*` only opens before a non-space and closes after
 * one, so "5 * 3 * 2" stays literal; an unmatched marker is plain text.
 */
function parseInline(src: string, marks: Mark[], out: InlineNode[]): InlineNode[] {
  let buf = '';
  const flush = () => {
    if (buf) pushText(out, buf, marks);
    buf = '';
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === '\\' && i + 1 < src.length && ESCAPABLE.includes(src[i + 1] as string)) {
      buf += src[i + 1];
      i += 2;
    } else if (ch === '\n') {
      flush();
      out.push({ type: 'hardBreak' });
      i += 1;
    } else if (ch === '[' && !hasMark(marks, 'link') && matchLink(src, i)) {
      const link = matchLink(src, i)!;
      flush();
      parseInline(link.text, [...marks, { type: 'link', attrs: { href: link.href } }], out);
      i = link.end;
    } else if (ch === '*') {
      const delim = src.startsWith('**', i) ? '**' : '*';
      const type = delim === '**' ? 'bold' : 'italic';
      const close = hasMark(marks, type) ? -1 : findCloser(src, i + delim.length, delim);
      if (close > 0) {
        flush();
        parseInline(src.slice(i + delim.length, close), [...marks, { type }], out);
        i = close + delim.length;
      } else {
        buf += delim;
        i += delim.length;
      }
    } else {
      buf += ch;
      i += 1;
    }
  }
  flush();
  return out;
}

const ESCAPABLE = '\\*[]()';

function hasMark(marks: Mark[], type: Mark['type']): boolean {
  return marks.some((m) => m.type === type);
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Index of the delimiter closing one opened just before `from`, or -1. */
function findCloser(src: string, from: number, delim: '*' | '**'): number {
  if (isSpace(src[from])) return -1;
  for (let j = from + 1; j < src.length; j++) {
    if (src[j] === '\\') {
      j += 1;
      continue;
    }
    if (src[j] !== '*') continue;
    const run = src.startsWith('**', j) ? 2 : 1;
    if (run === delim.length && !isSpace(src[j - 1])) return j;
    // Inside italic text a `**` pair is bold: skip over it whole, closer included.
    const inner = delim === '*' && run === 2 ? findCloser(src, j + 2, '**') : -1;
    j = inner > 0 ? inner + 1 : j + run - 1;
  }
  return -1;
}

/** Matches `[text](url)` at `start`; the URL may contain balanced parentheses (Wikipedia). */
function matchLink(src: string, start: number): { text: string; href: string; end: number } | null {
  let j = start + 1;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  if (j >= src.length || j === start + 1 || src[j + 1] !== '(') return null;
  const text = src.slice(start + 1, j);
  let depth = 0;
  for (let k = j + 2; k < src.length; k++) {
    if (src[k] === '(') depth += 1;
    else if (src[k] === ')' && depth-- === 0) {
      const href = src.slice(j + 2, k);
      return href ? { text, href, end: k + 1 } : null;
    }
  }
  return null;
}

function pushText(out: InlineNode[], text: string, marks: Mark[]): void {
  const prev = out[out.length - 1];
  if (prev?.type === 'text' && JSON.stringify(prev.marks ?? []) === JSON.stringify(marks)) {
    prev.text += text;
  } else {
    out.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
  }
}

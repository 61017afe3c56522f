/**
 * Pieces of HTML → document conversion that do not depend on whose parser read the HTML: the
 * tag and style → mark mapping, heading levels, embeds from an address, and how text runs are
 * made and tidied. Two tree walkers use them: the editor's paste (web/admin/src/editor/paste.ts,
 * over the browser's DOM) and the WordPress/Ghost import (src/import/html.ts, over htmlparser2),
 * so a `<b>` or a `font-weight:bold` means the same in a pasted Word file and an imported post.
 */
import { EMBED_PROVIDER_NAMES, matchEmbed } from './embeds.js';
import type { HeadingLevel, InlineNode, Mark } from './schema.js';

/** The mark an inline tag stands for (links are the walkers' own: they check the address). */
const TAG_MARKS: Record<string, Mark['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  cite: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  sup: 'superscript',
  sub: 'subscript',
};

/** `marks` with `mark` added, unless a mark of its type is there already. */
export function withMark(marks: readonly Mark[], mark: Mark): Mark[] {
  return marks.some((m) => m.type === mark.type) ? [...marks] : [...marks, mark];
}

/**
 * The marks inside an element with this (lower-case) tag and inline style, given the marks
 * around it. A style can also take a mark away: Google Docs wraps a whole paste in
 * `<b style="font-weight:normal">`, which is not bold.
 */
export function marksInside(tag: string, styleAttr: string, marks: readonly Mark[]): Mark[] {
  const style = styleAttr.toLowerCase().replace(/\s+/g, '');
  let out = [...marks];
  const add = (type: Exclude<Mark['type'], 'link'>) => {
    out = withMark(out, { type } as Mark);
  };
  const drop = (type: string) => {
    out = out.filter((m) => m.type !== type);
  };
  const byTag = TAG_MARKS[tag];
  if (byTag && byTag !== 'link') add(byTag);
  const weight = /font-weight:(\w+)/.exec(style)?.[1];
  if (weight) {
    if (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600) add('bold');
    else if (weight === 'normal' || Number(weight) <= 500) drop('bold');
  }
  const fontStyle = /font-style:(\w+)/.exec(style)?.[1];
  if (fontStyle === 'italic' || fontStyle === 'oblique') add('italic');
  else if (fontStyle === 'normal') drop('italic');
  const decoration = /text-decoration(?:-line)?:([^;]+)/.exec(style)?.[1] ?? '';
  if (decoration.includes('underline')) add('underline');
  if (decoration.includes('line-through')) add('strike');
  const align = /vertical-align:(\w+)/.exec(style)?.[1];
  if (align === 'super') add('superscript');
  if (align === 'sub') add('subscript');
  // Superscript and subscript exclude each other; the inner one wins.
  if (out.some((m) => m.type === 'superscript') && out.some((m) => m.type === 'subscript'))
    drop(align === 'sub' || tag === 'sub' ? 'superscript' : 'subscript');
  return out;
}

/** h1–h6 → the document's heading levels (2–4: the headline is the page's h1); null otherwise. */
export function headingLevelOf(tag: string): HeadingLevel | null {
  const m = /^h([1-6])$/.exec(tag);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 2 ? 2 : n === 3 ? 3 : 4;
}

/** The allow-listed provider of an embeddable address, with its canonical URL; null if none. */
export function embedFor(
  url: string,
): { provider: (typeof EMBED_PROVIDER_NAMES)[number]; url: string } | null {
  for (const provider of EMBED_PROVIDER_NAMES) {
    const info = matchEmbed(provider, url.trim());
    if (info) return { provider, url: info.url };
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A text node's text as document text: whitespace collapsed as HTML does, no control characters. */
export function textNodes(data: string, marks: readonly Mark[]): InlineNode[] {
  const text = data.replace(CONTROL, '').replace(/\s+/g, ' ');
  if (!text) return [];
  return [{ type: 'text', text, ...(marks.length ? { marks: [...marks] } : {}) }];
}

function sameMarks(a: Mark[] | undefined, b: Mark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * A paragraph's inline content made tidy: neighbours with the same marks joined, one space
 * where two met, the edges trimmed (also around line breaks), empty text and leading or
 * trailing breaks dropped.
 */
export function tidyInline(nodes: readonly InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.type === 'text' && prev?.type === 'text' && sameMarks(prev.marks, n.marks)) {
      // One space where an image or a comment stood between two.
      const text = prev.text.endsWith(' ') ? n.text.replace(/^ /, '') : n.text;
      out[out.length - 1] = { ...prev, text: prev.text + text };
    } else if (
      n.type === 'text' &&
      prev?.type === 'text' &&
      prev.text.endsWith(' ') &&
      n.text.startsWith(' ')
    ) {
      out.push({ ...n, text: n.text.slice(1) });
    } else out.push(n);
  }
  while (out[0]?.type === 'hardBreak') out.shift();
  while (out[out.length - 1]?.type === 'hardBreak') out.pop();
  return out
    .map((n, i, all) => {
      if (n.type !== 'text') return n;
      let text = n.text;
      if (i === 0 || all[i - 1]?.type === 'hardBreak') text = text.trimStart();
      if (i === all.length - 1 || all[i + 1]?.type === 'hardBreak') text = text.trimEnd();
      return text === n.text ? n : { ...n, text };
    })
    .filter((n) => n.type !== 'text' || n.text.length > 0);
}

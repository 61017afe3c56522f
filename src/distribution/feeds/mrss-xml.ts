import { xmlChars } from './xml-guard.js';

/**
 * A tiny XML writer for the Media RSS feed (the `feed` package has no media: namespace). Every
 * text and attribute value is escaped here and stripped of characters XML cannot carry, so no
 * caller ever writes markup by hand.
 */
export type XmlNode = {
  name: string;
  attrs?: Record<string, string | number | undefined>;
  children?: XmlChild[];
};
export type XmlChild = XmlNode | string | null | undefined;

const escapeText = (s: string) =>
  xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export function el(name: string, attrs?: XmlNode['attrs'], ...children: XmlChild[]): XmlNode {
  return { name, attrs, children };
}

function write(node: XmlChild, out: string[]): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  out.push(`<${node.name}`);
  for (const [k, v] of Object.entries(node.attrs ?? {})) {
    if (v !== undefined) out.push(` ${k}="${escapeAttr(String(v))}"`);
  }
  const kids = (node.children ?? []).filter((c) => c !== null && c !== undefined);
  if (!kids.length) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of kids) write(c, out);
  out.push(`</${node.name}>`);
}

export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, out);
  return out.join('');
}

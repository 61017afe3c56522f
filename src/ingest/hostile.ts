import type { ChildNode, Element } from 'domhandler';
import { QuarantineError } from './item.js';
import { loadedOnFirstUse } from '../lib/first-use.js';

// Loaded by the first body to parse: a serving node that takes no wire copy never needs it.
const htmlparser2 = loadedOnFirstUse<typeof import('htmlparser2')>('htmlparser2');

/**
 * Wire copy is text with simple markup. Markup that runs code or pulls in other pages (script,
 * iframe, object, forms, event handler attributes, javascript:/data:/vbscript: links) has no
 * business in it: the body converter would drop it anyway, but an item carrying it is a sign of
 * a compromised feed or an attack, so the whole item is quarantined with the reason, for a person
 * to look at, instead of being quietly cleaned.
 */
const FORBIDDEN = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'base',
  'meta',
  'link',
  'svg',
  'math',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'background',
]);

function schemeOf(value: string): string {
  // Browsers ignore control characters and white space inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const compact = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1] ?? '';
}

/** Throws a QuarantineError naming the first hostile thing in `html`. */
export function assertHarmless(html: string): void {
  const dom = htmlparser2().parseDocument(html, { decodeEntities: true });
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (FORBIDDEN.has(name)) throw new QuarantineError(`hostile markup: <${name}> element in the body`);
      for (const [attr, value] of Object.entries(el.attribs)) {
        const a = attr.toLowerCase();
        if (a.startsWith('on')) throw new QuarantineError(`hostile markup: ${a} attribute on <${name}>`);
        if (URL_ATTRS.has(a) && ['javascript', 'vbscript', 'data'].includes(schemeOf(value)))
          throw new QuarantineError(`hostile markup: ${schemeOf(value)}: link in ${a} of <${name}>`);
        if (a === 'style' && /expression\s*\(|url\s*\(\s*['"]?\s*javascript:/i.test(value))
          throw new QuarantineError(`hostile markup: script in the style of <${name}>`);
      }
      walk(el.children);
    }
  };
  walk(dom.children);
}

import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document from a page component (preact escapes every text and attribute). */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Markup of part of a page, kept to be set inside an element (`dangerouslySetInnerHTML`). */
export function renderFragment(part: VNode): string {
  const html = renderToString(part);
  // The markup is a rope of every piece the renderer concatenated, several times the size of
  // its text (kept for the export's thousands of cards, several times the memory; see
  // docs/benchmarks.md, "Figures that were in code comments"). Reading it as a number makes V8
  // flatten it into one string in place; nothing else is done with the number.
  Number(html);
  return html;
}

/**
 * JSON inside <script>: escape the characters that could end the script element or break
 * JavaScript parsing, so a headline containing "</script>" stays data.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  // One pass, and none for the usual JSON without any of them (every page has a few blocks).
  return UNSAFE_IN_SCRIPT.test(json)
    ? json.replace(UNSAFE_IN_SCRIPT_ALL, (c) => SCRIPT_ESCAPES[c] as string)
    : json;
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/;
const UNSAFE_IN_SCRIPT_ALL = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

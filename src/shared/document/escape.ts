/**
 * The one HTML escaper every document renderer uses. It is safe for text content and for
 * double- or single-quoted attribute values, so callers never have to think about context.
 */

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '` so the string is inert as HTML text or as a quoted attribute value. */
export function escapeHtml(value: string): string {
  // Most text has nothing to escape; the test avoids allocating a new string for it.
  if (!SPECIAL.test(value)) return value;
  return value.replace(SPECIAL_ALL, (ch) => ENTITY[ch] ?? ch);
}

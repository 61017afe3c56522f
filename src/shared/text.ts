import { z } from 'zod';

/**
 * Text that people type, for every API's string fields. NUL and the other C0 controls (and DEL)
 * have no business in a headline or a name: PostgreSQL refuses NUL in text (a 500 instead of a
 * 400), SQLite stores it and it reaches the HTML. Refusing them at the edge, in one schema, gives
 * a 400 naming the field and leaves the data as it was.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROLS = /^[^\u0000-\u001f\u007f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROLS_BUT_BREAKS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

export const CONTROL_MESSAGE = 'must not contain control characters';
export const CONTROL_MESSAGE_MULTILINE =
  'must not contain control characters (tabs and line breaks are fine)';

/** One line: names, titles, credits, addresses, search queries, passwords. */
export function singleLine() {
  return z.string().regex(NO_CONTROLS, CONTROL_MESSAGE);
}

/** Prose that may run over lines: descriptions, bios, captions. Tabs, CR and LF are allowed. */
export function multiLine() {
  return z.string().regex(NO_CONTROLS_BUT_BREAKS, CONTROL_MESSAGE_MULTILINE);
}

/** For text read outside a zod schema (multipart fields): true when it holds a refused control. */
export function hasControlCharacters(value: string, opts: { multiline?: boolean } = {}): boolean {
  return !(opts.multiline ? NO_CONTROLS_BUT_BREAKS : NO_CONTROLS).test(value);
}

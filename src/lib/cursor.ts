import type { ZodType } from 'zod';

/**
 * Page cursors, one format for every cursor-paged list (the newsroom's story list, the Content
 * API's articles and tags): base64url of a small JSON object holding the last item's sort key.
 * Clients treat them as opaque; the server checks every one it gets back against the list's own
 * schema, so a cursor from another list, a hand-made one, or garbage is refused, never queried.
 * Each API turns a refusal (undefined) into its own 400.
 */

/** Longer than any cursor we issue (a 200-character tag slug encodes to ~280); refused unread. */
const MAX_CURSOR_LENGTH = 600;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The cursor for a list position: `value` is the list's cursor object, e.g. `{ s: slug }`. */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The position inside a cursor when the list's schema accepts it; undefined for anything else. */
export function decodeCursor<T>(raw: string, schema: ZodType<T>): T | undefined {
  if (raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

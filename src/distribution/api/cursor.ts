import { z } from 'zod';
import { singleLine } from '../../lib/text.js';
import { ApiError } from './errors.js';
import type { ArticleOrder, Keyset } from './queries.js';

/**
 * Opaque page cursors: base64url JSON of the last item's sort key. Clients must not build them;
 * the order is inside, so a cursor from one kind of list is refused by another.
 */
const articleCursor = z.object({
  o: z.enum(['published', 'updated']),
  t: z.iso.datetime(),
  i: z.number().int().positive(),
});
const tagCursor = z.object({ s: singleLine().max(200) });

function decode<T>(schema: z.ZodType<T>, raw: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new ApiError('bad_request', 'Invalid cursor', [
      { path: 'cursor', message: 'not a cursor this API issued' },
    ]);
  }
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function encodeArticleCursor(order: ArticleOrder, key: Keyset): string {
  return encode({ o: order, t: key.at, i: key.id });
}

export function decodeArticleCursor(raw: string, order: ArticleOrder): Keyset {
  const c = decode(articleCursor, raw);
  if (c.o !== order)
    throw new ApiError('bad_request', 'Invalid cursor', [
      { path: 'cursor', message: 'the cursor belongs to a list in another order (updated_since differs)' },
    ]);
  return { at: c.t, id: c.i };
}

export const encodeTagCursor = (slug: string) => encode({ s: slug });
export const decodeTagCursor = (raw: string) => decode(tagCursor, raw).s;

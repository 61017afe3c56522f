import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { singleLine } from '../../lib/text.js';
import { badParameter } from './errors.js';
import type { ArticleOrder, Keyset } from './queries.js';

/**
 * The Content API's cursors (format in lib/cursor.ts). Clients must not build them; the order
 * is inside, so a cursor from one kind of list is refused by another.
 */
const articleCursor = z.object({
  o: z.enum(['published', 'updated']),
  t: z.iso.datetime(),
  i: z.number().int().positive(),
});
const tagCursor = z.object({ s: singleLine().max(200) });

function decode<T>(schema: z.ZodType<T>, raw: string): T {
  const value = decodeCursor(raw, schema);
  if (value === undefined) throw badParameter('Invalid cursor', 'cursor', 'not a cursor this API issued');
  return value;
}

export function encodeArticleCursor(order: ArticleOrder, key: Keyset): string {
  return encodeCursor({ o: order, t: key.at, i: key.id });
}

export function decodeArticleCursor(raw: string, order: ArticleOrder): Keyset {
  const c = decode(articleCursor, raw);
  if (c.o !== order)
    throw badParameter(
      'Invalid cursor',
      'cursor',
      'the cursor belongs to a list in another order (updated_since differs)',
    );
  return { at: c.t, id: c.i };
}

export const encodeTagCursor = (slug: string) => encodeCursor({ s: slug });
export const decodeTagCursor = (raw: string) => decode(tagCursor, raw).s;

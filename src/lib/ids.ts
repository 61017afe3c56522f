import { z } from 'zod';
import { MAX_ROW_ID } from '../shared/ids.js';

// Its home is src/shared, because the article write's schema there bounds ids too.
export { MAX_ROW_ID };

/**
 * Ids that leave the valid range are looked up as this one, which no row has (ids start at 1):
 * a well-formed id is a name, and a name that names nothing is 404 whatever its size. Passed on
 * as is, PostgreSQL refuses an integer out of its range with an error (a 500).
 */
const NO_ROW = 0;

/**
 * A row id in an address (`/articles/{id}`), the one rule of both APIs: a positive whole number
 * in plain digits (else 400); one beyond MAX_ROW_ID is well-formed but names no row (404).
 */
export const rowIdParam = z
  .string()
  .regex(/^[1-9]\d{0,18}$/, 'a positive whole number')
  .transform((s) => {
    const n = Number(s);
    return n <= MAX_ROW_ID ? n : NO_ROW;
  });

/** Path parameters `{ id }` of a route about one row. */
export const idParams = z.object({ id: rowIdParam });

import { ApiError } from '../http.js';

/** Opaque keyset cursors: base64url of the last row's sort key and id. */
export function encodeCursor(c: { key: string; id: number }): string {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');
}

export function decodeCursor(raw: string): { key: string; id: number } {
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof key === 'string' &&
      key.length < 100 &&
      Number.isInteger(id) &&
      (id as number) > 0 &&
      (id as number) < 2 ** 31
    )
      return { key, id: id as number };
  } catch {
    // fall through
  }
  throw new ApiError(400, 'invalid_input', 'cursor: is not a cursor this API gave out', [
    { field: 'query.cursor', message: 'invalid cursor' },
  ]);
}

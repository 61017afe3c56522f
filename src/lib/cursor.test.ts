import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor.js';

const position = z.object({ t: z.iso.datetime(), i: z.number().int().positive() });

describe('page cursors', () => {
  it('round-trips a list position through an opaque base64url string', () => {
    const at = { t: '2026-11-28T10:00:00.000Z', i: 42 };
    const cursor = encodeCursor(at);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, position)).toEqual(at);
  });

  it('refuses anything the list did not issue', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const raw of [
      '',
      'zzz', // base64url, but not JSON
      '<script>',
      `${encodeCursor({ t: '2026-11-28T10:00:00.000Z', i: 42 })}==`, // padding is never issued
      b64('{"t":"yesterday","i":1}'),
      b64('{"t":"2026-11-28T10:00:00.000Z","i":-1}'),
      b64('{"s":"budget"}'), // another list's cursor
      b64('null'),
      'A'.repeat(601),
    ]) {
      expect(decodeCursor(raw, position), raw.slice(0, 40)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jsonLines } from './restore.js';

describe('restore reads table entries line by line', () => {
  it('keeps a character whose bytes straddle two pieces', async () => {
    const text = '{"headline":"اتفاق"}\n{"headline":"Žďár"}\n';
    const bytes = Buffer.from(text, 'utf8');
    // Every cut, including through the middle of each two-byte character.
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* pieces() {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
      const lines: string[] = [];
      for await (const line of jsonLines(pieces())) lines.push(line);
      expect(lines, `cut at ${cut}`).toEqual(['{"headline":"اتفاق"}', '{"headline":"Žďár"}']);
    }
  });
});

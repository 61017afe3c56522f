/** The revision comparison's word diff, without a browser. */
import { describe, expect, it } from 'vitest';
import { diffWords, type Part } from './word-diff.js';

const side = (parts: Part[], keep: Part['kind']) =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === keep)
    .map((p) => p.text)
    .join('');

describe('word diff of two revisions', () => {
  it('marks inserted and removed words, and both sides read back as the two texts', () => {
    const before = 'The council voted 31 to 12 on Monday.';
    const after = 'The city council voted 31 to 11 on Monday evening.';
    const parts = diffWords(before, after);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual([
      'city',
      '11',
      'evening',
    ]);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['12']);
  });

  it('says nothing changed for equal texts, and handles empty ones', () => {
    expect(diffWords('Same words.', 'Same words.')).toEqual([{ kind: 'same', text: 'Same words.' }]);
    expect(diffWords('', 'New text')).toEqual([{ kind: 'added', text: 'New text' }]);
    expect(diffWords('Old text', '')).toEqual([{ kind: 'removed', text: 'Old text' }]);
  });

  // Too far apart for a word table (MAX_CELLS): compared by paragraphs. Its speed is not asserted
  // here (a loaded machine makes any bound flaky); the test's timeout catches a runaway table.
  it('compares a long story rewritten throughout by paragraphs, and still reads back', () => {
    const para = (n: number, w: string) => Array.from({ length: 300 }, (_, i) => `${w}${n}-${i}`).join(' ');
    const before = Array.from({ length: 12 }, (_, n) => para(n, 'old')).join('\n\n');
    const after = Array.from({ length: 12 }, (_, n) => (n === 5 ? para(n, 'old') : para(n, 'new'))).join(
      '\n\n',
    );
    const parts = diffWords(before, after);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
    expect(parts.some((p) => p.kind === 'same' && p.text.includes('old5-150'))).toBe(true);
  });
});

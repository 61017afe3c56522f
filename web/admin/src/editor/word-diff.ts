/**
 * Word-level differences between two texts, for the revision comparison. A longest common
 * subsequence over words (and the spaces between them), after trimming what both texts share
 * at the start and the end — edits are usually local, so the table stays small. Texts too far
 * apart for a word table are compared paragraph by paragraph first.
 */
export type Part = { kind: 'same' | 'added' | 'removed'; text: string };

/** About 16 MB of table at most: a long story rewritten throughout falls back to paragraphs. */
const MAX_CELLS = 4_000_000;

/** Words (letters, digits, inner apostrophes and hyphens), spaces, and each punctuation mark alone. */
const words = (s: string) => s.match(/\s+|[\p{L}\p{N}\p{M}'’-]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
const paragraphs = (s: string) => s.match(/\n+|[^\n]+/g) ?? [];

export function diffWords(before: string, after: string): Part[] {
  return merge(diff(words(before), words(after), () => null));
}

function diff(a: string[], b: string[], tooBig: (a: string[], b: string[]) => Part[] | null): Part[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: Part[] = a.slice(0, start).map((text) => ({ kind: 'same', text }));
  const tail: Part[] = a.slice(endA).map((text) => ({ kind: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  let mid: Part[];
  if ((midA.length + 1) * (midB.length + 1) <= MAX_CELLS) mid = lcs(midA, midB);
  else mid = tooBig(midA, midB) ?? byParagraph(midA.join(''), midB.join(''));
  return [...head, ...mid, ...tail];
}

/** Paragraphs as units; then each changed paragraph against the one that replaced it, by words. */
function byParagraph(before: string, after: string): Part[] {
  const coarse = diff(paragraphs(before), paragraphs(after), (a, b) => [
    { kind: 'removed', text: a.join('') },
    { kind: 'added', text: b.join('') },
  ]);
  const out: Part[] = [];
  for (let i = 0; i < coarse.length; i++) {
    const p = coarse[i] as Part;
    const next = coarse[i + 1];
    if (p.kind === 'removed' && next?.kind === 'added') {
      const a = words(p.text);
      const b = words(next.text);
      if ((a.length + 1) * (b.length + 1) <= MAX_CELLS) {
        out.push(...lcs(a, b));
        i++;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

function lcs(a: string[], b: string[]): Part[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // table[i][j]: length of the LCS of a[i..] and b[j..]
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] =
        a[i] === b[j]
          ? (table[(i + 1) * w + j + 1] as number) + 1
          : Math.max(table[(i + 1) * w + j] as number, table[i * w + j + 1] as number);
    }
  }
  const out: Part[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if ((table[(i + 1) * w + j] as number) >= (table[i * w + j + 1] as number)) {
      out.push({ kind: 'removed', text: a[i++] as string });
    } else {
      out.push({ kind: 'added', text: b[j++] as string });
    }
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++] as string });
  while (j < m) out.push({ kind: 'added', text: b[j++] as string });
  return out;
}

/** Neighbouring parts of one kind become one. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * The lookup form of a name: words of letters and digits, lowercase, accents folded, joined by
 * one space. "U.S.", "u.s" and "U S" are one key; "Rosatom’s" keeps its word but "’s" goes, so a
 * possessive still finds its owner. Extraction tokenises text the same way (tokens.ts), which is
 * what lets a registry alias match inside a sentence.
 */
export function normaliseName(name: string): string {
  return words(name).join(' ');
}

/** The lowercase, accent-folded words of a text, possessive endings dropped. */
export function words(text: string): string[] {
  return tokenise(text).map((t) => t.norm);
}

export interface Token {
  /** As written. */
  text: string;
  /** Lowercase, accents folded. */
  norm: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/ß/g, 'ss').toLowerCase();
}

/** Words with their offsets in `text` (UTF-16 code units, as JavaScript strings count). */
export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    // "Putin's" is Putin: the possessive is grammar, not part of the name.
    if (/['’]s$/i.test(word)) word = word.slice(0, -2);
    out.push({ text: word, norm: fold(word).replace(/’/g, "'"), start: m.index, end: m.index + word.length });
  }
  return out;
}

/**
 * Accent folding shared by the index and the query, on both databases: "Øresund", "Łódź" and
 * "Straße" are found by "oresund", "lodz" and "strasse". SQLite's `remove_diacritics` and
 * PostgreSQL's `unaccent` (an extension we cannot count on) each fold a different set, so the
 * text is folded here, once, the same way for both engines.
 */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/** Lower case, compatibility-decomposed, combining marks dropped, special letters spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .toLowerCase();
}

/** Folded words of a text: runs of letters and digits; everything else separates words. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

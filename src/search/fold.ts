/**
 * Accent folding shared by the index and the query, on both databases: "Øresund", "Łódź" and
 * "Straße" are found by "oresund", "lodz" and "strasse". SQLite's `remove_diacritics` and
 * PostgreSQL's `unaccent` (an extension we cannot count on) each fold a different set, so the
 * text is folded here, once, the same way for both engines, whatever the story's language.
 *
 * Per script (docs/search.md, "Languages"):
 * - Latin: accents go, for every language: "elección" and "eleccion", "año" and "ano", "Müller"
 *   and "muller" are one word. Readers type without accents (a foreign keyboard, a phone) far
 *   more often than an archive holds two words that differ by one; Snowball stems the folded
 *   word the same way it stems the accented one in every case our tests hold.
 * - Cyrillic: "ё" folds to "е" (Russian print mostly omits the dots), but "й" stays "й": it is
 *   its own letter, and the Russian stemmer needs it ("новый" and "новая" share the stem "нов"
 *   only while "ый" is an ending it knows).
 * - Arabic script (Arabic, Persian, Urdu…): harakat and tatweel removed; أ إ آ ٱ → ا; ؤ → و;
 *   ئ, ى and Persian ی → ي; Persian ک → ك; ة and ە → ه (readers type ه for ة; the Arabic stemmer
 *   strips either); Arabic-Indic and Persian digits → 0–9. The zero-width non-joiner stays a word
 *   break, as both databases' tokenizers treat it: "کتاب‌ها" is found by "کتاب".
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
  // Arabic script (the hamza forms decompose under NFKD, their hamza being a mark).
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ة: 'ه',
  ە: 'ه',
  ـ: '',
};
for (let d = 0; d < 10; d++) {
  SPECIAL[String.fromCharCode(0x660 + d)] = String(d);
  SPECIAL[String.fromCharCode(0x6f0 + d)] = String(d);
}
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/** Lower case, compatibility-decomposed, combining marks dropped, special letters spelled out. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Short i (й) keeps its breve; every other mark goes.
      .replace(/([иИ])\u0306/g, (_, i: string) => (i === 'и' ? 'й' : 'Й'))
      .replace(/\p{M}+/gu, '')
      .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
      .toLowerCase()
  );
}

/** Folded words of a text: runs of letters and digits; everything else separates words. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

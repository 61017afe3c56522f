/**
 * A light Arabic stemmer, after Larkey, Ballesteros and Connell's "Light10" (2007): strip one
 * definite article or article-plus-preposition from the front and the common plural, feminine
 * and pronoun endings from the back, keeping at least three letters. It finds "البرلمان" for
 * "برلمان", "الحكومات" for "حكومة" and "الانتخابية" for "انتخابات", on both databases alike.
 *
 * It runs on folded text (fold.ts): no harakat or tatweel, alef forms as ا, ى as ي, ة as ه.
 * Unlike Light10 it leaves a lone "و" ("and") in place: stripping it turns "وزير" (minister)
 * into "زير" but leaves "الوزير" as "وزير", so the bare word would miss the story.
 */
const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
const MIN_STEM = 3;

export function stemArabic(word: string): string {
  let w = word;
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= MIN_STEM) {
      w = w.slice(p.length);
      break;
    }
  }
  // Endings stack ("فيضانات": -ات then -ان), so they are stripped until none applies.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of SUFFIXES) {
      if (w.endsWith(s) && w.length - s.length >= MIN_STEM) {
        w = w.slice(0, -s.length);
        changed = true;
      }
    }
  }
  return w;
}

import { escapeHtml } from '../shared/document/index.js';
import { foldText } from './fold.js';

/**
 * Snippets and highlighted headlines, made here rather than by the engines (FTS5 `snippet()`,
 * `ts_headline`) so both databases give the same result: the index holds folded text, but
 * readers see the original. Text is escaped first and only then wrapped in <mark>, so the
 * only markup in a snippet is ours.
 *
 * Which stories match is decided by the database; highlighting only has to agree with it
 * closely, so a word is marked when it folds to a query word, extends a query word's stem by
 * an inflection ("election" → "elections"), or begins with the typed prefix. It runs on every
 * result of every search, so it scans the text once with one regular expression for candidate
 * words instead of splitting the whole text into words.
 */
export interface Highlight {
  words: string[];
  prefix: string | null;
  /**
   * The story's stemmer (language.ts), for languages stemmed before indexing: a word is
   * marked when it stems like a query word. Absent (English, unstemmed languages): the
   * suffix rules below.
   */
  stem?: (word: string) => string;
}

const INFLECTIONS = /^(s|es|ed|d|ing|er|ers|ly|ies|ied|ion|ions|al|ment|ments)?$/;
const SNIPPET_CHARS = 220;
const LEAD_CHARS = 50;
/** The opening of a long body holds the match of nearly every story, and bounds the work. */
const MAX_SCAN_CHARS = 20_000;

function stemOf(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(ies|ied|ing|ion|ions|ers|er|ed|es|s|e|y|ly|ment|ments|al)$/, '');
}

const charFolds = new Map<string, string>();

function foldUnit(ch: string): string {
  let f = charFolds.get(ch);
  if (f === undefined) {
    f = foldText(ch);
    if (charFolds.size < 10_000) charFolds.set(ch, f);
  }
  return f;
}

/**
 * Lower case and accent-folded, with the way back: `at(i)` is the offset in the original of
 * the folded text's offset i, so matches found in the folded copy mark the original text.
 * Most text folds one UTF-16 unit for one, and then offsets are shared; text with marks that
 * fold to nothing (Arabic harakat, tatweel) or letters that fold to two ("ß") is mapped unit
 * by unit.
 */
function foldMapped(text: string): { folded: string; at: (i: number) => number } {
  let exact = true;
  const folded = text
    // Without the u flag each UTF-16 unit is replaced alone, so lengths cannot change.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII
    .replace(/[^\x00-\x7f]/g, (ch) => {
      const f = foldUnit(ch);
      if (f.length !== 1) exact = false;
      return f.length >= 1 ? (f[0] as string) : ch;
    })
    .toLowerCase();
  if (exact) return { folded, at: (i) => i };
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const f = ch < '\x80' ? ch.toLowerCase() : foldUnit(ch);
    out += f;
    for (let k = 0; k < f.length; k++) offsets.push(i);
  }
  offsets.push(text.length);
  return { folded: out, at: (i) => offsets[i] ?? text.length };
}

interface Hit {
  start: number;
  end: number;
  word: string;
}

function findHits(text: string, h: Highlight): Hit[] {
  if (h.stem) return findStemmedHits(text, h, h.stem);
  const stems = h.words.map((w) => [w, stemOf(w)] as const);
  const roots = new Set<string>(h.prefix ? [h.prefix] : []);
  for (const [word, stem] of stems) roots.add(stem.length >= 3 ? stem : word);
  if (!roots.size) return [];
  // Query words are letters and digits only, so they are safe inside a pattern.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...roots].join('|')})[\\p{L}\\p{N}]*`, 'gu');
  const isHit = (w: string) => {
    if (h.prefix && w.startsWith(h.prefix)) return true;
    for (const [word, stem] of stems) {
      if (w === word) return true;
      if (stem.length >= 3 && w.startsWith(stem) && INFLECTIONS.test(w.slice(stem.length))) return true;
      if (w.length >= 3 && word.startsWith(w) && INFLECTIONS.test(word.slice(w.length))) return true;
    }
    return false;
  };
  const hits: Hit[] = [];
  const { folded, at } = foldMapped(text);
  for (const m of folded.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (isHit(m[0])) hits.push({ start: at(start), end: at(start + m[0].length), word: m[0] });
  }
  return hits;
}

/**
 * Stemmed languages: every word of the text is a candidate (an Arabic word may carry an
 * article or a preposition in front of its stem, so no pattern of stems can find them), marked
 * when it stems like a query word or begins with the prefix being typed, as typed or stemmed.
 */
function findStemmedHits(text: string, h: Highlight, stem: (word: string) => string): Hit[] {
  const wanted = new Set(h.words.flatMap((w) => [w, stem(w)]));
  const prefixStem = h.prefix ? stem(h.prefix) : null;
  if (!wanted.size && !h.prefix) return [];
  const hits: Hit[] = [];
  const { folded, at } = foldMapped(text);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    const s = stem(w);
    const hit =
      wanted.has(w) ||
      wanted.has(s) ||
      (h.prefix !== null && (w.startsWith(h.prefix) || s.startsWith(prefixStem as string)));
    const start = m.index ?? 0;
    if (hit) hits.push({ start: at(start), end: at(start + w.length), word: s });
  }
  return hits;
}

/** text[from, to) escaped, whitespace collapsed, hits inside it marked. */
function mark(text: string, hits: Hit[], from: number, to: number): string {
  const plain = (a: number, b: number) => escapeHtml(text.slice(a, b).replace(/\s+/g, ' '));
  let html = '';
  let at = from;
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue;
    html += `${plain(at, hit.start)}<mark>${escapeHtml(text.slice(hit.start, hit.end))}</mark>`;
    at = hit.end;
  }
  return html + plain(at, to);
}

/** The whole text, escaped, with matching words marked (for headlines). */
export function highlightHtml(text: string, h: Highlight): string {
  return mark(text, findHits(text, h), 0, text.length);
}

/**
 * About 220 characters of the text around the densest cluster of matches, escaped and marked,
 * cut at spaces, with "…" where it was cut. Without matches: the opening.
 */
export function snippetHtml(text: string, h: Highlight): string {
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const hits = findHits(scanned, h);
  // The window starting at a match that holds the most distinct matching words.
  let best: Hit | undefined;
  let bestScore = 0;
  for (let i = 0; i < hits.length && i < 300; i++) {
    const first = hits[i] as Hit;
    const seen = new Set<string>();
    for (
      let j = i;
      j < hits.length && (hits[j] as Hit).end <= first.start + SNIPPET_CHARS - LEAD_CHARS;
      j++
    ) {
      seen.add((hits[j] as Hit).word);
    }
    if (seen.size > bestScore) {
      bestScore = seen.size;
      best = first;
    }
  }
  let from = best ? Math.max(0, best.start - LEAD_CHARS) : 0;
  if (from > 0) {
    const space = scanned.indexOf(' ', from);
    from = space >= 0 && space < (best?.start ?? 0) ? space + 1 : (best?.start ?? 0);
  }
  let to = Math.min(scanned.length, from + SNIPPET_CHARS);
  if (to < scanned.length) {
    const space = scanned.lastIndexOf(' ', to);
    if (space > from) to = space;
  }
  const body = mark(scanned, hits, from, to).trim();
  return `${from > 0 ? '… ' : ''}${body}${to < text.length ? ' …' : ''}`;
}

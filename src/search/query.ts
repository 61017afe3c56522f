import { foldedWords } from './fold.js';

/**
 * What a reader typed, reduced to something no engine can choke on. Only words made of letters
 * and digits survive (already accent-folded), so quotes, operators, brackets, SQL and emoji can
 * never reach FTS5 or tsquery syntax: worst case a query is searched as plain words.
 */
export interface ParsedQuery {
  /** Words that must all match (AND). */
  terms: string[];
  /** Quoted phrases (and hyphenated words), each a list of words in order. */
  phrases: string[][];
  /** Words after a minus sign: the story must not contain them. */
  excluded: string[];
  /** The last word, matched as a prefix (search-as-you-type), when it is long enough. */
  prefix: string | null;
}

/** Longer input is cut: nobody types a 10,000-character query on purpose. */
export const MAX_QUERY_CHARS = 256;
const MAX_WORDS = 12;
const MAX_WORD_CHARS = 60;
/** A shorter last word would expand to half the vocabulary. */
const MIN_PREFIX_CHARS = 3;

/**
 * Common English words that carry no meaning alone. PostgreSQL's english configuration drops
 * them anyway; dropping them here too keeps both engines alike and keeps FTS5 from walking
 * the longest posting lists in the index. Inside quoted phrases they are kept.
 */
const STOPWORDS = new Set(
  (
    'a an and are as at be but by for from has have he her his i if in into is it its me my no nor ' +
    'not of on or our she so than that the their them then there these they this to was we were ' +
    'what when where which who will with you your'
  ).split(' '),
);

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0 && q.prefix === null;
}

export function parseQuery(raw: unknown, opts: { prefixLast?: boolean } = {}): ParsedQuery {
  const out: ParsedQuery = { terms: [], phrases: [], excluded: [], prefix: null };
  if (typeof raw !== 'string') return out;
  const text = raw.slice(0, MAX_QUERY_CHARS);
  let budget = MAX_WORDS;
  const take = (words: string[]) => {
    const kept = words.filter((w) => w.length <= MAX_WORD_CHARS).slice(0, Math.max(0, budget));
    budget -= kept.length;
    return kept;
  };
  // Quoted phrases first; an unbalanced quote just starts plain words.
  const rest: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/"([^"]*)"/g)) {
    rest.push(text.slice(last, m.index));
    const words = take(foldedWords(m[1] ?? ''));
    if (words.length > 1) out.phrases.push(words);
    else if (words[0]) out.terms.push(words[0]);
    rest.push(' ');
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = text.slice(last);
  rest.push(tail);
  const tokens = rest.join('').replace(/"/g, ' ').split(/\s+/).filter(Boolean);
  let lastBare: { word: string; index: number } | null = null;
  for (const token of tokens) {
    const negative = token.startsWith('-') && token.length > 1;
    const words = take(foldedWords(token));
    if (!words.length) continue;
    if (negative) out.excluded.push(...words);
    else if (words.length > 1) out.phrases.push(words);
    else {
      const word = words[0] as string;
      lastBare = STOPWORDS.has(word) ? null : { word, index: out.terms.length };
      if (!STOPWORDS.has(word) && !out.terms.includes(word)) out.terms.push(word);
      else if (!STOPWORDS.has(word)) lastBare = { word, index: out.terms.indexOf(word) };
    }
  }
  // The last word is a prefix only while the reader is still typing it (no space after it).
  const typingLast = opts.prefixLast !== false && tail.length > 0 && !/[\s"]$/.test(tail);
  const lastToken = tokens.at(-1) ?? '';
  const lastWord = foldedWords(lastToken).at(-1);
  if (
    typingLast &&
    lastBare &&
    lastWord === lastBare.word &&
    !lastToken.startsWith('-') &&
    lastBare.word.length >= MIN_PREFIX_CHARS
  ) {
    out.terms.splice(lastBare.index, 1);
    out.prefix = lastBare.word;
  }
  // A query of nothing but stopwords ("the who") is searched for them after all.
  if (isEmptyQuery(out) && !out.excluded.length) {
    const words = take(tokens.flatMap((t) => foldedWords(t)));
    out.terms.push(...new Set(words));
  }
  return out;
}

/**
 * The query as FTS5 syntax: every word is a quoted string, so no operator can sneak in.
 * `prefixWords`, when given, stands for the prefix: any one of these whole words (see
 * sqlite-prefix.ts); an empty list means nothing can match.
 */
export function toFts5(q: ParsedQuery, prefixWords?: string[]): string | null {
  const quote = (w: string) => `"${w}"`;
  if (q.prefix && prefixWords?.length === 0) return null;
  const prefix = prefixWords ? `(${prefixWords.map(quote).join(' OR ')})` : `${quote(q.prefix ?? '')}*`;
  const positives = [
    ...q.terms.map(quote),
    ...q.phrases.map((p) => quote(p.join(' '))),
    ...(q.prefix ? [prefix] : []),
  ];
  if (!positives.length) return null;
  const base = `(${positives.join(' AND ')})`;
  return q.excluded.length ? `${base} NOT (${q.excluded.map(quote).join(' OR ')})` : base;
}

/**
 * The query for PostgreSQL: a string for `websearch_to_tsquery` (which never raises on any
 * input) and, separately, the prefix word for `to_tsquery(word || ':*')`, which websearch
 * syntax cannot express. Both contain letters, digits, spaces, quotes and minus signs only.
 */
export function toPgQuery(q: ParsedQuery): { web: string; prefix: string | null } | null {
  if (isEmptyQuery(q)) return null;
  // "or" is an operator in websearch syntax; a stopword here anyway.
  const safe = (w: string) => (w === 'or' ? '' : w);
  const parts = [
    ...q.terms.map(safe),
    ...q.phrases.map((p) => `"${p.join(' ')}"`),
    ...q.excluded.map((w) => `-${safe(w)}`).filter((w) => w !== '-'),
  ].filter(Boolean);
  // Nothing but "or" and exclusions left: nothing to look for.
  if (!q.prefix && !parts.some((p) => !p.startsWith('-'))) return null;
  return { web: parts.join(' '), prefix: q.prefix };
}

/**
 * The query as a language's index holds it: every word passed through `stem` (language.ts).
 * Words that stem alike are asked for once.
 */
export function stemQuery(q: ParsedQuery, stem: (word: string) => string): ParsedQuery {
  return {
    terms: [...new Set(q.terms.map(stem))],
    phrases: q.phrases.map((p) => p.map(stem)),
    excluded: [...new Set(q.excluded.map(stem))],
    prefix: q.prefix === null ? null : stem(q.prefix),
  };
}

/** Every word a reader would expect to see highlighted, for snippets. */
export function highlightWords(q: ParsedQuery): { words: string[]; prefix: string | null } {
  return { words: [...new Set([...q.terms, ...q.phrases.flat()])], prefix: q.prefix };
}

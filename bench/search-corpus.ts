/**
 * A synthetic news archive for the search benchmark: a generated vocabulary (no word lists to
 * download) whose words occur with a Zipf-like frequency, person names and places that recur
 * across stories, and stories of realistic length (150–900 words). Deterministic: the same
 * seed gives the same archive and the same queries.
 */
export function rng(seed: number): () => number {
  // mulberry32: tiny, fast, good enough for test data.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = 'b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sl sp ch sh th bl cl fl pl'.split(
  ' ',
);
const VOWELS = 'a e i o u a e i o ea ou ai ie'.split(' ');
const CODAS = ' n r s t l m nd st rk nt ng ck'.split(' ');

function makeWord(r: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) {
    w += ONSETS[Math.floor(r() * ONSETS.length)];
    w += VOWELS[Math.floor(r() * VOWELS.length)];
    if (r() < 0.45) w += CODAS[Math.floor(r() * CODAS.length)];
  }
  return w;
}

function uniqueWords(r: () => number, n: number, syllables: () => number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const w = makeWord(r, syllables());
    if (w.length < 2 || taken.has(w)) continue;
    taken.add(w);
    out.push(w);
  }
  return out;
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export interface Corpus {
  words: string[];
  /** words[table[k]] for a uniform k is a Zipf(s≈1.05) draw. */
  table: Uint32Array;
  firstNames: string[];
  lastNames: string[];
  places: string[];
}

export function makeCorpus(seed = 42, vocabulary = 40_000): Corpus {
  const r = rng(seed);
  const taken = new Set<string>();
  // Short words are frequent, long ones rare, as in real text.
  const words = uniqueWords(r, vocabulary, () => 1 + Math.floor(r() * 2.2 + r() * 1.5), taken);
  words.sort((a, b) => a.length - b.length || (r() < 0.5 ? -1 : 1));
  const weights = words.map((_, i) => 1 / (i + 1) ** 1.05);
  const sum = weights.reduce((a, b) => a + b, 0);
  const table = new Uint32Array(1 << 21);
  let k = 0;
  let acc = 0;
  for (let i = 0; i < words.length && k < table.length; i++) {
    acc += (weights[i] as number) / sum;
    const until = Math.min(table.length, Math.round(acc * table.length));
    while (k < until) table[k++] = i;
  }
  while (k < table.length) table[k++] = words.length - 1;
  return {
    words,
    table,
    firstNames: uniqueWords(r, 600, () => 2, taken).map(cap),
    lastNames: uniqueWords(r, 3_000, () => 2 + Math.floor(r() * 2), taken).map(cap),
    places: uniqueWords(r, 2_000, () => 2 + Math.floor(r() * 2), taken).map(cap),
  };
}

export interface GeneratedStory {
  headline: string;
  dek: string;
  paragraphs: string[];
  caption: string;
}

export function makeStory(c: Corpus, r: () => number): GeneratedStory {
  const word = () => c.words[c.table[Math.floor(r() * c.table.length)] as number] as string;
  // A story is about one or two people and a place; they recur through it.
  const pick = <T>(list: T[]) => list[Math.floor(r() ** 1.6 * list.length)] as T;
  const people = [0, 1]
    .slice(0, 1 + Math.floor(r() * 2))
    .map(() => `${pick(c.firstNames)} ${pick(c.lastNames)}`);
  const place = pick(c.places);
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = r();
      out.push(
        x < 0.02 ? (people[0] as string) : x < 0.03 ? place : x < 0.035 ? (people.at(-1) as string) : word(),
      );
    }
    const s = out.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const target = 150 + Math.floor(r() * r() * 750) + Math.floor(r() * 150);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < target) {
    const sentences = 1 + Math.floor(r() * 3);
    const parts: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const n = 8 + Math.floor(r() * 18);
      parts.push(sentence(n));
      count += n;
    }
    paragraphs.push(parts.join(' '));
  }
  const headline = `${people[0]} ${word()} ${word()} in ${place} ${sentence(3 + Math.floor(r() * 5)).toLowerCase()}`;
  return {
    headline: headline.slice(0, 300),
    dek: sentence(12 + Math.floor(r() * 12)),
    paragraphs,
    caption: `${people[0]} in ${place}.`,
  };
}

/** The fixed query set: names, places, phrases, two-word, rare-word and typed-prefix queries. */
export function makeQueries(c: Corpus, samples: GeneratedStory[], seed = 7): { kind: string; q: string }[] {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)] as T;
  const mid = () => c.words[200 + Math.floor(r() * 3_000)] as string;
  const out: { kind: string; q: string }[] = [];
  for (let i = 0; i < 50; i++) {
    const s = pick(samples);
    const name = s.headline.split(' ').slice(0, 2).join(' ');
    out.push({ kind: 'name', q: i % 2 ? name : name.toLowerCase() });
  }
  for (let i = 0; i < 40; i++) out.push({ kind: 'place', q: pick(c.places) });
  // The hundred most frequent generated words play the part of "the", "of", "and": in real
  // text those are stopwords, and nobody quotes a phrase made of them alone.
  const functionWords = new Set(c.words.slice(0, 100));
  for (let i = 0; i < 40; ) {
    const words = pick(pick(samples).paragraphs).replace(/\./g, '').toLowerCase().split(' ');
    const at = Math.floor(r() * Math.max(1, words.length - 3));
    const phrase = words.slice(at, at + 2 + Math.floor(r() * 2));
    if (phrase.length < 2 || phrase.every((w) => functionWords.has(w))) continue;
    out.push({ kind: 'phrase', q: `"${phrase.join(' ')}"` });
    i++;
  }
  for (let i = 0; i < 40; i++) out.push({ kind: 'two words', q: `${mid()} ${mid()}` });
  for (let i = 0; i < 40; i++)
    out.push({ kind: 'rare word', q: c.words[20_000 + Math.floor(r() * 19_000)] as string });
  for (let i = 0; i < 30; i++) {
    const w = mid();
    out.push({ kind: 'typing', q: `${pick(c.places)} ${w.slice(0, Math.max(3, w.length - 2))}` });
  }
  return out;
}

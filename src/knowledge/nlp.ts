import type { Recogniser, Span } from './extract.js';

/**
 * The NLP libraries behind extraction, loaded on first use (compromise takes about 1.5 s to load,
 * which no request should pay). docs/decisions.md says why compromise is the default: wink-nlp's
 * small English model tags parts of speech but names no people, organisations or places, so with
 * it we can only guess the kind of a proper noun.
 */
export type RecogniserName = 'compromise' | 'wink' | 'none';

const loaded = new Map<RecogniserName, Promise<Recogniser>>();

export function loadRecogniser(name: RecogniserName = 'compromise'): Promise<Recogniser> {
  let r = loaded.get(name);
  if (!r) {
    r = name === 'compromise' ? compromise() : name === 'wink' ? wink() : Promise.resolve(() => []);
    loaded.set(name, r);
  }
  return r;
}

interface CompromiseMatch {
  offset: { start: number; length: number };
}

async function compromise(): Promise<Recogniser> {
  const nlp = (await import('compromise')).default;
  return (text) => {
    const doc = nlp(text);
    const spans: Span[] = [];
    const take = (matches: CompromiseMatch[], type: Span['type']) => {
      for (const m of matches)
        spans.push({ start: m.offset.start, end: m.offset.start + m.offset.length, type });
    };
    const opts = { offset: true };
    take(doc.people().json(opts) as CompromiseMatch[], 'person');
    take(doc.organizations().json(opts) as CompromiseMatch[], 'organisation');
    take(doc.places().json(opts) as CompromiseMatch[], 'place');
    return spans;
  };
}

// The last word of many organisations' names says what they are.
const ORG_WORDS = new Set(
  'party bank university council court ministry agency company corporation group fund union committee commission association federation league club parliament senate assembly institute organisation organization airlines electronics motors oil capital'.split(
    ' ',
  ),
);
const PLACE_BEFORE = new Set(['in', 'at', 'from', 'to', 'near', 'across', 'outside']);

async function wink(): Promise<Recogniser> {
  const winkNLP = (await import('wink-nlp')).default;
  const model = (await import('wink-eng-lite-web-model')).default;
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text) => {
    const doc = nlp.readDoc(text);
    const pos = doc.tokens().out(its.pos) as string[];
    const words = doc.tokens().out() as string[];
    // wink gives no offsets: find each token after the previous one.
    const at: number[] = [];
    let cursor = 0;
    for (const w of words) {
      const i = text.indexOf(w, cursor);
      at.push(i < 0 ? cursor : i);
      cursor = i < 0 ? cursor : i + w.length;
    }
    const spans: Span[] = [];
    let i = 0;
    while (i < words.length) {
      if (pos[i] !== 'PROPN') {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < words.length && pos[j + 1] === 'PROPN') j++;
      const last = words[j]!.toLowerCase();
      const before = i > 0 ? words[i - 1]!.toLowerCase() : '';
      const type = ORG_WORDS.has(last) ? 'organisation' : PLACE_BEFORE.has(before) ? 'place' : 'person';
      spans.push({ start: at[i]!, end: at[j]! + words[j]!.length, type });
      i = j + 1;
    }
    return spans;
  };
}

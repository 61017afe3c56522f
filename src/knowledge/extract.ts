import type { EntityType } from '../db/index.js';
import { fold, normaliseName, type Token, tokenise } from './normalise.js';

/** A name the registry knows, under one of its normalised aliases. */
export interface GazetteerEntry {
  entityId: number;
  name: string;
  type: EntityType;
}

/** The registry as extraction reads it: normalised alias → entity; built once, reused per story. */
export interface Gazetteer {
  byAlias: ReadonlyMap<string, GazetteerEntry>;
  /** The most words any alias has: how far the longest match looks ahead. */
  maxWords: number;
  /** First word of an alias → the most words of an alias starting with it (most words start none). */
  firstWords: ReadonlyMap<string, number>;
  /** Capitalised words that are never a name alone: nationalities ("Iraqi"), days, months. */
  notNames: ReadonlySet<string>;
}

const CALENDAR =
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december christmas easter ramadan'.split(
    ' ',
  );

export function buildGazetteer(
  aliases: Iterable<{ normalised: string } & GazetteerEntry>,
  notNames: Iterable<string> = [],
): Gazetteer {
  const byAlias = new Map<string, GazetteerEntry>();
  const firstWords = new Map<string, number>();
  let maxWords = 1;
  for (const a of aliases) {
    if (!a.normalised || byAlias.has(a.normalised)) continue; // the first (lowest id) wins a shared alias
    byAlias.set(a.normalised, { entityId: a.entityId, name: a.name, type: a.type });
    const words = a.normalised.split(' ');
    maxWords = Math.max(maxWords, words.length);
    firstWords.set(words[0]!, Math.max(firstWords.get(words[0]!) ?? 0, words.length));
  }
  return {
    byAlias,
    maxWords,
    firstWords,
    notNames: new Set([...CALENDAR, ...[...notNames].map(normaliseName)]),
  };
}

/** A name an NLP library found: where, and what kind of thing it thinks it is. */
export interface Span {
  start: number;
  end: number;
  type: 'person' | 'organisation' | 'place';
}

/** Finds names in one text; compromise or wink-nlp behind it (nlp.ts). */
export type Recogniser = (text: string) => Span[];

export interface Suggestion {
  /** "e:ID" for a registry entity, "n:normalised name" otherwise (article_entities.key). */
  key: string;
  entityId: number | null;
  name: string;
  type: EntityType;
  mentions: number;
  /** Offsets in the story's text (its parts joined by blank lines). */
  offsets: number[];
  snippet: string;
  /** The forms it was written in. */
  surfaces: string[];
}

// Words that head a name without being part of it: titles, ranks and jobs.
const TITLES = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister ministers premier chancellor ' +
    'king queen prince princess sheikh emir ayatollah general gen colonel col captain capt lieutenant sergeant ' +
    'senator sen rep representative governor gov mayor judge justice ambassador envoy secretary spokesman ' +
    'spokeswoman spokesperson chairman chairwoman chief coach manager striker forward midfielder defender ' +
    'goalkeeper driver captain analyst deputy director leader opposition foreign finance defence defense ' +
    'interior health energy environment minister mp st saint the pope father bishop archbishop rabbi imam ' +
    'doctor dr. agent officer commander marshal admiral economist lawyer reporter correspondent editor'
  ).split(' '),
);

const SNIPPET = 60;

interface Found {
  start: number;
  end: number;
  surface: string;
  entry: GazetteerEntry | null;
  type: EntityType;
}

const isUpper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();
const startsUpper = (s: string) => {
  const c = s.charAt(0);
  return c !== c.toLowerCase() || !/\p{L}/u.test(c); // non-cased scripts (Arabic, Chinese) pass
};

/**
 * The registry's names in the text, longest first at each word: "United Nations Security Council"
 * before "United Nations". Case matters where English uses it: an acronym alias ("WHO") matches
 * only in capitals, any other alias only when its first word is capitalised ("turkey" is dinner).
 */
function registryMatches(tokens: Token[], text: string, g: Gazetteer): Found[] {
  const out: Found[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    const longest = startsUpper(tokens[i]!.text) ? (g.firstWords.get(tokens[i]!.norm) ?? 0) : 0;
    for (let n = Math.min(longest, tokens.length - i); n >= 1; n--) {
      const slice = tokens.slice(i, i + n);
      // A name does not run across a sentence or a line.
      if (n > 1 && /[.!?;:\n]/.test(text.slice(slice[0]!.end, slice[n - 1]!.start))) continue;
      const entry = g.byAlias.get(slice.map((t) => t.norm).join(' '));
      if (!entry) continue;
      const first = slice[0]!.text;
      const aliasIsAcronym = n === 1 && first.length <= 5 && isUpper(first);
      const entryIsAcronym = n === 1 && isUpper(entry.name) && entry.name.length <= 5;
      if (entryIsAcronym ? !aliasIsAcronym : !startsUpper(first)) continue;
      const start = slice[0]!.start;
      const end = slice[n - 1]!.end;
      out.push({ start, end, surface: text.slice(start, end), entry, type: entry.type });
      matched = n;
      break;
    }
    i += matched || 1;
  }
  return out;
}

/** An NLP span cut down to the name: no leading titles or lowercase words, no trailing punctuation. */
function trimSpan(span: Span, tokens: Token[], text: string): Found | null {
  let inside = tokens.filter((t) => t.start >= span.start && t.end <= span.end);
  while (inside.length > 0 && (TITLES.has(inside[0]!.norm) || !startsUpper(inside[0]!.text)))
    inside = inside.slice(1);
  while (inside.length > 0 && !startsUpper(inside[inside.length - 1]!.text)) inside = inside.slice(0, -1);
  if (inside.length === 0) return null;
  // Names from Chinese, Korean or Arabic often reach the recogniser as one known word and one it
  // has never seen ("Li" + "Wenjun"): a person runs on over the capitalised words right after.
  if (span.type !== 'place') {
    let next = tokens.indexOf(inside[inside.length - 1]!) + 1;
    while (
      next < tokens.length &&
      adjacent(text, tokens[next - 1]!, tokens[next]!) &&
      startsUpper(tokens[next]!.text)
    ) {
      inside = [...inside, tokens[next]!];
      next++;
    }
  }
  const start = inside[0]!.start;
  const end = inside[inside.length - 1]!.end;
  const surface = text.slice(start, end);
  if (surface.length < 2) return null;
  return { start, end, surface, entry: null, type: span.type };
}

/** Only a space (or a hyphen) between two words: they may be one name. */
const adjacent = (text: string, a: Token, b: Token) => /^[ \u00a0-]$/.test(text.slice(a.end, b.start));

const SENTENCE_START = /(^|[.!?:"“”]\s*|\n)\s*$/;
// Lowercase words inside names: "Santiago de Cuba", "Sanne de Vries", "Ibn al-Haytham".
const NAME_JOINERS = new Set(['de', 'da', 'del', 'van', 'von', 'der', 'al', 'bin', 'ibn', 'la', 'le']);
// The last word of many organisations' names says what they are.
export const ORG_WORDS = new Set(
  (
    'party bank university council court ministry agency company corporation corp group fund union committee ' +
    'commission association federation league club parliament senate assembly institute organisation ' +
    'organization airlines airways electronics motors oil capital police army navy front movement'
  ).split(' '),
);
const PLACE_BEFORE = new Set(['in', 'at', 'near', 'outside', 'across', 'into', 'towards', 'around']);

/**
 * Names neither the registry nor the recogniser reported, by the one sign English gives: runs of
 * capitalised words. Two words or more are a person unless the last says organisation ("Pirate
 * Party"); one word is kept only mid-sentence (a capital at a sentence's start says nothing), as
 * a place after "in", "near"… and an organisation otherwise ("shares in Gazprom" errs here).
 */
function capitalisedRuns(tokens: Token[], text: string, known: readonly Found[], g: Gazetteer): Found[] {
  const out: Found[] = [];
  const covered = coverage(tokens, known);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (
      !startsUpper(t.text) ||
      TITLES.has(t.norm) ||
      g.notNames.has(t.norm) ||
      covered[i] ||
      /^\p{N}/u.test(t.text)
    ) {
      i++;
      continue;
    }
    let j = i;
    const atStart = SENTENCE_START.test(text.slice(Math.max(0, t.start - 3), t.start));
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1]!;
      if (!adjacent(text, tokens[j]!, next)) break;
      if (startsUpper(next.text) && !covered[j + 1]) j++;
      else if (
        // "Fans of Real Madrid": a sentence's first word is no name's first word by its capital alone.
        !(atStart && j === i) &&
        NAME_JOINERS.has(next.norm) &&
        j + 2 < tokens.length &&
        !covered[j + 2] &&
        startsUpper(tokens[j + 2]!.text) &&
        adjacent(text, next, tokens[j + 2]!)
      )
        j += 2;
      else break;
    }
    const run = tokens.slice(i, j + 1);
    const start = run[0]!.start;
    const end = run[run.length - 1]!.end;
    const atSentenceStart = SENTENCE_START.test(text.slice(Math.max(0, start - 3), start));
    const last = run[run.length - 1]!.norm;
    const before = i > 0 ? tokens[i - 1]!.norm : '';
    let type: Span['type'] | null = null;
    // A word right before a place, as clubs are named: "Bayern Munich", "Sparta Prague".
    const place = known.find(
      (k) =>
        k.type === 'place' &&
        k.start > end &&
        adjacent(text, run[run.length - 1]!, { start: k.start } as Token),
    );
    if (run.length === 1 && place && !DIRECTIONS.has(t.norm) && !COMMON.has(t.norm)) {
      out.push({
        start,
        end: place.end,
        surface: text.slice(start, place.end),
        entry: null,
        type: 'organisation',
      });
      i = j + 1;
      continue;
    }
    if (ORG_WORDS.has(last)) type = 'organisation';
    else if (run.length >= 2) type = atSentenceStart && run.length === 2 && !isName(run) ? null : 'person';
    else if (!atSentenceStart && !isUpper(t.text)) type = PLACE_BEFORE.has(before) ? 'place' : 'organisation';
    if (type) out.push({ start, end, surface: text.slice(start, end), entry: null, type });
    i = j + 1;
  }
  return out;
}

/** Two capitalised words at a sentence's start are a name when neither is a common word in lowercase. */
function isName(run: Token[]): boolean {
  return run.every((t) => !COMMON.has(t.norm));
}
const DIRECTIONS = new Set(
  'north south east west northern southern eastern western central upper lower greater new old'.split(' '),
);
const COMMON = new Set(
  'the a an this that these those his her their its our new old last next first one two three but and or if when while after before as on in at for with by from'.split(
    ' ',
  ),
);

// Words around a one-word name that say it is a business, a club or a team, not a place or a person.
const ORG_BEFORE = new Set(
  'shares stake stakes investment investors executive executives employee employees staff workers founder chairman boss ceo'.split(
    ' ',
  ),
);
const ORG_AFTER = new Set(
  (
    'driver drivers team shares stock executive executives employees staff workers engineers chief spokesman ' +
    'spokeswoman spokesperson vice chairman chairwoman founder boss board investors shareholders subsidiary ' +
    'factory plant stores headquarters'
  ).split(' '),
);
/** What a company does at the start of a sentence in the news ("Huawei announced …"). */
const COMPANY_VERBS = new Set(
  (
    'announced reported named posted opened closed signed launched unveiled will cut cuts plans agreed raised ' +
    'sold bought acquired hired recalled warned shut expanded invested reached fired'
  ).split(' '),
);
/** A paragraph that speaks of a company ("the company said", "chief executive …"). */
const COMPANY_CUE =
  /\b(the company|the firm|the group|its (chief|shares|profit|staff|employees|first|new|regional)|chief executive|chief financial officer|shareholders|investors|quarterly|profit)\b/i;

/**
 * One-word organisations the recogniser and the capitalised runs miss or mistype: a name after
 * "shares in", "executive at" …, or before "driver", "shares", "vice-president" … is a business
 * or a team ("Ferrari driver"); a name the recogniser made a place or person is retyped. At a
 * sentence's start, where a capital says nothing, a word that is no person's name in the story,
 * followed by what companies do ("announced", "will cut"), in a paragraph that speaks of a
 * company, is one ("Huawei announced … The company said").
 */
function companies(tokens: Token[], text: string, kept: Found[], g: Gazetteer): Found[] {
  const added: Found[] = [];
  const peopleWords = new Set(
    kept.filter((k) => k.type === 'person').flatMap((k) => normaliseName(k.surface).split(' ')),
  );
  const at = new Map(tokens.map((t, i) => [t.start, i]));
  const cue = (i: number) => {
    const before = tokens[i - 1];
    const before2 = tokens[i - 2];
    const after = tokens[i + 1];
    const lower = (t: Token | undefined) => t !== undefined && !startsUpper(t.text);
    return (
      (before !== undefined &&
        ['in', 'at', 'of'].includes(before.norm) &&
        before2 !== undefined &&
        ORG_BEFORE.has(before2.norm)) ||
      (after !== undefined && lower(after) && ORG_AFTER.has(after.norm) && adjacent(text, tokens[i]!, after))
    );
  };
  // Single words the recogniser or the runs found, typed from what stands around them.
  for (const k of kept) {
    if (k.entry || k.type === 'organisation') continue;
    const i = at.get(k.start);
    if (i === undefined || tokens[i]!.end !== k.end) continue;
    if (cue(i)) k.type = 'organisation';
  }
  const covered = coverage(tokens, kept);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered[i] || !startsUpper(t.text) || isUpper(t.text) || t.text.length < 3 || /\p{N}/u.test(t.text))
      continue;
    if (TITLES.has(t.norm) || g.notNames.has(t.norm) || COMMON.has(t.norm) || DIRECTIONS.has(t.norm))
      continue;
    if (peopleWords.has(t.norm) || g.byAlias.has(t.norm)) continue;
    const next = tokens[i + 1];
    // Only a word standing alone: "Huawei announced", not the first of two capitalised words.
    if (next && startsUpper(next.text) && adjacent(text, t, next)) continue;
    const atStart = SENTENCE_START.test(text.slice(Math.max(0, t.start - 3), t.start));
    let company = cue(i);
    if (!company && atStart && next && COMPANY_VERBS.has(next.norm)) {
      const from = text.lastIndexOf('\n\n', t.start) + 1;
      const to = text.indexOf('\n\n', t.end);
      company = COMPANY_CUE.test(text.slice(from, to < 0 ? text.length : to));
    }
    if (company)
      added.push({ start: t.start, end: t.end, surface: t.text, entry: null, type: 'organisation' });
  }
  return added;
}

/** Which tokens lie (partly) inside a found name. */
function coverage(tokens: Token[], found: readonly { start: number; end: number }[]): boolean[] {
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const out = new Array<boolean>(tokens.length).fill(false);
  let f = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (f < sorted.length && sorted[f]!.end <= t.start) f++;
    for (let k = f; k < sorted.length && sorted[k]!.start < t.end; k++) {
      if (overlaps(sorted[k]!, t)) {
        out[i] = true;
        break;
      }
    }
  }
  return out;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Suggestions for one story: the registry's names (exact after normalisation, longest match) and
 * the names the recogniser finds that the registry does not know. A name the recogniser finds
 * around a registry match ("Real Madrid" around "Madrid") is the longer name and wins. A person
 * named in full once and by surname later ("Ali Shamkhani" … "Shamkhani") is one suggestion.
 * Pure: the same text, gazetteer and recogniser give the same suggestions.
 */
export function extractEntities(parts: readonly string[], g: Gazetteer, recognise: Recogniser): Suggestion[] {
  const text = parts.filter((p) => p.trim() !== '').join('\n\n');
  const tokens = tokenise(text);
  const fromRegistry = registryMatches(tokens, text, g);
  const fromNlp: Found[] = [];
  // The recogniser reads one part (a paragraph) at a time: its cost grows faster than the text,
  // and the extraction job can yield between parts (story.ts).
  const spans: Span[] = [];
  let at = 0;
  for (const part of parts) {
    if (part.trim() === '') continue;
    for (const s of recognise(part)) spans.push({ ...s, start: s.start + at, end: s.end + at });
    at += part.length + 2;
  }
  for (const span of spans) {
    const found = trimSpan(span, tokens, text);
    if (!found) continue;
    // The registry knows this name under another type, or the NLP span is the registry's name.
    const exact = g.byAlias.get(normaliseName(found.surface));
    if (exact) continue;
    fromNlp.push(found);
  }
  for (const f of capitalisedRuns(tokens, text, [...fromRegistry, ...fromNlp], g)) {
    if (!g.byAlias.has(normaliseName(f.surface))) fromNlp.push(f);
  }
  // Longer NLP names win over registry names inside them; otherwise the registry wins. Among the
  // recogniser's and the capitalised runs' names, the longer wins ("Bayern Munich" over "Munich").
  const kept: Found[] = [];
  for (const r of fromRegistry) {
    if (!fromNlp.some((n) => overlaps(n, r) && n.end - n.start > r.end - r.start)) kept.push(r);
  }
  const longestFirst = [...fromNlp].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const n of longestFirst) if (!kept.some((r) => overlaps(r, n))) kept.push(n);
  kept.push(...companies(tokens, text, kept, g));
  kept.sort((a, b) => a.start - b.start);

  const groups = new Map<
    string,
    { found: Found[]; entry: GazetteerEntry | null; type: EntityType; name: string }
  >();
  for (const f of kept) {
    const key = f.entry ? `e:${f.entry.entityId}` : `n:${normaliseName(f.surface)}`;
    let group = groups.get(key);
    if (!group) {
      group = { found: [], entry: f.entry, type: f.type, name: f.entry?.name ?? f.surface };
      groups.set(key, group);
    }
    group.found.push(f);
  }
  foldSurnames(groups, tokens);

  const out: Suggestion[] = [];
  for (const [key, group] of groups) {
    const first = group.found[0]!;
    out.push({
      key,
      entityId: group.entry?.entityId ?? null,
      name: group.name,
      type: group.type,
      mentions: group.found.length,
      offsets: group.found.map((f) => f.start),
      snippet: snippetAt(text, first.start, first.end),
      surfaces: [...new Set(group.found.map((f) => f.surface))],
    });
  }
  return out;
}

/**
 * People are named in full once, then by surname: "Shamkhani" (found alone, or missed by the
 * recogniser) counts as a mention of "Ali Shamkhani" when one person in the story has that surname.
 */
function foldSurnames(
  groups: Map<string, { found: Found[]; entry: GazetteerEntry | null; type: EntityType; name: string }>,
  tokens: Token[],
): void {
  const covered = coverage(
    tokens,
    [...groups.values()].flatMap((g) => g.found),
  );
  const bySurname = new Map<string, string[]>();
  for (const [key, g] of groups) {
    if (g.type !== 'person') continue;
    const parts = normaliseName(g.name).split(' ');
    if (parts.length < 2) continue;
    const surname = parts[parts.length - 1]!;
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), key]);
  }
  for (const [surname, keys] of bySurname) {
    if (keys.length !== 1) continue;
    const full = groups.get(keys[0]!)!;
    const alone = groups.get(`n:${surname}`);
    if (alone && alone !== full && alone.entry === null) {
      full.found.push(...alone.found);
      groups.delete(`n:${surname}`);
    }
    // Surname mentions the recogniser did not report.
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.norm !== surname || !startsUpper(t.text) || covered[k]) continue;
      full.found.push({ start: t.start, end: t.end, surface: t.text, entry: null, type: 'person' });
    }
    full.found.sort((a, b) => a.start - b.start);
  }
}

function snippetAt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET);
  const to = Math.min(text.length, end + SNIPPET);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/** Used by the tests and the bench to compare a found name with an expected one. */
export const sameName = (a: string, b: string) => bare(a) === bare(b);
const bare = (name: string) => fold(normaliseName(name)).replace(/^the /, '');

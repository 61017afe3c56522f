import type { StoryCheck } from '../content/index.js';
import type { Db, EntityType } from '../db/index.js';
import { dateChecks } from './consistency-dates.js';
import { demonyms } from './gazetteer.js';
import { normaliseName } from './normalise.js';
import { storyParts } from './story.js';

/**
 * Consistency checks before publishing, from what the registry knows (docs/knowledge.md,
 * "Consistency checks"): a name spelled two ways in one story, a date that contradicts another
 * or the story's own date, a person's title that differs from the registry's. All are warnings
 * (an editor may publish past them), each with the sentence and the words to highlight.
 */
export interface ConsistencyOptions {
  /** The story (its confirmed entities are compared); null for one not saved yet. */
  articleId: number | null;
  /** When readers first see it (publication, or the time a schedule asks for): "last year" is counted from it. */
  storyDate: string;
  timeZone: string;
}

/** The story's editable content, as the checks before publishing read it. */
export interface ConsistencyContent {
  headline: string;
  dek?: string;
  leadCaption?: string;
  body: unknown;
}

export async function consistencyChecks(
  db: Db,
  content: ConsistencyContent,
  opts: ConsistencyOptions,
): Promise<StoryCheck[]> {
  const parts = storyParts({
    headline: content.headline,
    dek: content.dek ?? '',
    lead_caption: content.leadCaption ?? '',
    body: JSON.stringify(content.body ?? null),
  });
  const sentences = parts.flatMap(splitSentences);
  const entities = opts.articleId === null ? [] : await confirmedWithAliases(db, opts.articleId);
  return [
    ...aliasSpellings(sentences, entities),
    ...(await nearMisses(db, sentences, entities)),
    ...titleChecks(sentences, entities),
    ...dateChecks(sentences, opts),
  ];
}

interface KnownEntity {
  id: number;
  type: EntityType;
  name: string;
  title: string;
  aliases: string[];
}

async function confirmedWithAliases(db: Db, articleId: number): Promise<KnownEntity[]> {
  const rows = await db
    .selectFrom('article_entities as l')
    .innerJoin('entities as e', 'e.id', 'l.entity_id')
    .select(['e.id', 'e.type', 'e.name', 'e.title'])
    .where('l.article_id', '=', articleId)
    .where('l.state', '=', 'confirmed')
    .where('e.merged_into', 'is', null)
    .orderBy('e.id')
    .execute();
  if (rows.length === 0) return [];
  const aliases = await db
    .selectFrom('entity_aliases')
    .select(['entity_id', 'alias'])
    .where(
      'entity_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    aliases: aliases.filter((a) => a.entity_id === r.id).map((a) => a.alias),
  }));
}

/** Sentences of one text part (a paragraph, the headline …): cut after . ! ? … before a capital or a quote. */
export function splitSentences(part: string): string[] {
  const out: string[] = [];
  for (const piece of part.split(/(?<=[.!?…]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\p{N}])/u)) {
    const last = out[out.length - 1];
    // "Mr. Lavrov", "J. Smith", "Gen. Gerasimov": an abbreviation, not the end of a sentence.
    if (last !== undefined && ABBREVIATION.test(last)) out[out.length - 1] = `${last} ${piece.trim()}`;
    else if (piece.trim()) out.push(piece.trim());
  }
  return out;
}
const ABBREVIATION =
  /(?<![\p{L}])(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Jr|Sr|Mt|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec|\p{Lu})\.$/u;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole-word, case-insensitive pattern for a name; matches are kept only when capitalised. */
const namePattern = (name: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${name.trim().split(/\s+/).map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`,
    'giu',
  );
const capitalised = (s: string) => /^\p{Lu}/u.test(s);
const isAcronym = (s: string) => !/\p{Ll}/u.test(s);

/** Where each name occurs, capitalised, in the sentences: the sentence and the text as written. */
function occurrences(
  sentences: readonly string[],
  name: string,
): { sentence: string; text: string; at: number }[] {
  const out: { sentence: string; text: string; at: number }[] = [];
  const re = namePattern(name);
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(re)) {
      if (capitalised(m[0])) out.push({ sentence, text: m[0], at: m.index ?? 0 });
    }
  }
  return out;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped at `max` + 1. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/** Two spellings rather than two names: as long as each other, a letter or two apart, neither a prefix of the other. */
function nearMiss(a: string, b: string): boolean {
  if (a === b || a.startsWith(b) || b.startsWith(a)) return false;
  if (a.split(' ').length !== b.split(' ').length) return false;
  const longest = Math.max(a.length, b.length);
  if (longest < 4) return false;
  return editDistance(a, b, 2) <= Math.min(2, Math.floor(longest / 2));
}

/**
 * Registry aliases of one confirmed entity that are spellings of each other ("Zelensky" and
 * "Zelenskyy", "Kyiv" and "Kiev"), both in the story. Acronyms and full names ("NATO" and
 * "North Atlantic Treaty Organization"), or a surname and the full name, are not two spellings.
 */
function aliasSpellings(sentences: readonly string[], entities: readonly KnownEntity[]): StoryCheck[] {
  const out: StoryCheck[] = [];
  for (const e of entities) {
    const found = new Map<string, { sentence: string; text: string; count: number }>();
    for (const alias of e.aliases) {
      if (isAcronym(alias)) continue;
      const key = normaliseName(alias);
      if (!key || found.has(key)) continue;
      const seen = occurrences(sentences, alias);
      const first = seen[0];
      if (first) found.set(key, { sentence: first.sentence, text: first.text, count: seen.length });
    }
    const keys = [...found.keys()];
    const name = normaliseName(e.name);
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const [a, b] = [keys[i] as string, keys[j] as string];
        if (!nearMiss(a, b)) continue;
        const [fa, fb] = [found.get(a), found.get(b)];
        if (!fa || !fb) continue;
        // The spelling to point at: not the registry's name; else the rarer one.
        const odd = b === name ? fa : a === name ? fb : fb.count < fa.count ? fb : fa;
        const usual = odd === fa ? fb : fa;
        out.push({
          id: 'name-spelling',
          severity: 'warning',
          field: 'body',
          message: `${e.name} is spelled two ways: “${usual.text}” and “${odd.text}”.`,
          sentence: odd.sentence,
          highlight: [odd.text],
        });
      }
    }
  }
  return out;
}

/**
 * Capitalised words a letter or two away from a word of a confirmed entity's names, and not a
 * name the registry knows ("Shamkhany" in a story about Ali Shamkhani). Nationalities and
 * words that only add to the name ("Russian" beside "Russia") are not misspellings.
 */
async function nearMisses(
  db: Db,
  sentences: readonly string[],
  entities: readonly KnownEntity[],
): Promise<StoryCheck[]> {
  if (entities.length === 0) return [];
  const words = new Map<string, { entity: KnownEntity; word: string }>();
  for (const e of entities)
    for (const alias of [e.name, ...e.aliases]) {
      if (isAcronym(alias)) continue;
      for (const word of alias.split(/\s+/)) {
        const key = normaliseName(word);
        if (key.length >= 5 && !words.has(key)) words.set(key, { entity: e, word });
      }
    }
  const candidates = new Map<
    string,
    { sentence: string; text: string; like: { entity: KnownEntity; word: string } }
  >();
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’-]{3,}/gu)) {
      const key = normaliseName(m[0]);
      if (key.length < 5 || words.has(key) || candidates.has(key) || isAcronym(m[0])) continue;
      for (const [known, like] of words) {
        if (known[0] !== key[0]) continue;
        if (key.startsWith(known) || known.startsWith(key)) continue;
        if (editDistance(key, known, 2) <= (known.length >= 8 ? 2 : 1)) {
          candidates.set(key, { sentence, text: m[0], like });
          break;
        }
      }
    }
  }
  if (candidates.size === 0) return [];
  // A word of a name the registry knows (another person's surname, a place) is no misspelling.
  const named = new Set<string>();
  for (const key of candidates.keys()) {
    const hit = await db
      .selectFrom('entity_aliases')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('normalised', '=', key),
          eb('normalised', 'like', `${key} %`),
          eb('normalised', 'like', `% ${key}`),
          eb('normalised', 'like', `% ${key} %`),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    if (hit) named.add(key);
  }
  const nationalities = new Set([...demonyms()].map((d) => normaliseName(d)));
  const out: StoryCheck[] = [];
  for (const [key, c] of candidates) {
    if (named.has(key) || nationalities.has(key)) continue;
    out.push({
      id: 'name-spelling',
      severity: 'warning',
      field: 'body',
      message: `“${c.text}” looks like another spelling of “${c.like.word}” (${c.like.entity.name}).`,
      sentence: c.sentence,
      highlight: [c.text],
    });
  }
  return out;
}

/** Words of titles and roles that stand before a name ("Foreign Minister Sergei Lavrov"). */
const TITLE_WORDS = new Set(
  `president vice prime minister foreign defence defense finance interior home economy trade health
  education energy justice labour labor transport culture secretary general chancellor governor
  senator congressman congresswoman representative mayor chief executive ceo director ambassador
  deputy speaker king queen pope judge commissioner chairman chairwoman chair coach captain manager
  spokesman spokeswoman spokesperson leader premier sheikh emir prince princess crown head envoy
  attorney state national security adviser advisor colonel lieutenant commander admiral marshal
  treasurer striker midfielder goalkeeper defender forward archbishop bishop cardinal`.split(/\s+/),
);
/** Before a title, these say it is not the current one ("former Prime Minister …"). */
const NOT_CURRENT = new Set(['former', 'ex', 'then', 'late', 'acting', 'outgoing', 'incoming', 'interim']);

/** The title words written right before position `at` of the sentence ("Prime Minister " → "Prime Minister"). */
function titleBefore(sentence: string, at: number): { text: string; current: boolean } | null {
  const before = sentence.slice(0, at).trimEnd().split(/\s+/);
  const taken: string[] = [];
  while (before.length) {
    const w = before[before.length - 1] ?? '';
    const lower = w.toLowerCase();
    if (TITLE_WORDS.has(lower) || (lower === 'of' && taken.length > 0)) {
      taken.unshift(w);
      before.pop();
    } else break;
  }
  while (taken[0]?.toLowerCase() === 'of') taken.shift();
  if (taken.length === 0 || !capitalised(taken[0] ?? '')) return null;
  const previous = (before[before.length - 1] ?? '').toLowerCase().replace(/-$/, '');
  return { text: taken.join(' '), current: !NOT_CURRENT.has(previous) };
}

/** "…Lavrov, the foreign minister, said" → "foreign minister". */
function titleAfter(sentence: string, end: number): string | null {
  const m = /^,\s+(?:the\s+)?(?:[\p{L}]+['’]s\s+)?((?:[\p{L}]+\s+){0,3}[\p{L}]+)\s*(?:[,.;]|$)/u.exec(
    sentence.slice(end),
  );
  const words = m?.[1]?.split(/\s+/) ?? [];
  if (words.length === 0 || !words.every((w) => TITLE_WORDS.has(w.toLowerCase()) || w === 'of')) return null;
  if (NOT_CURRENT.has(words[0]?.toLowerCase() ?? '')) return null;
  return m?.[1] ?? null;
}

/**
 * A title given to a confirmed person that is not the registry's current one: every word of
 * the title written must be a word of the registry's ("Minister Lavrov" agrees with "Foreign
 * Minister"; "Prime Minister Lavrov" does not). "Former …" titles are left alone.
 */
function titleChecks(sentences: readonly string[], entities: readonly KnownEntity[]): StoryCheck[] {
  const out: StoryCheck[] = [];
  for (const e of entities) {
    if (e.type !== 'person' || !e.title.trim()) continue;
    const registry = new Set(normaliseName(e.title).split(' '));
    const names = new Set([e.name, ...e.aliases]);
    const surname = e.name.trim().split(/\s+/).pop() ?? '';
    if (surname.length >= 3 && surname !== e.name.trim()) names.add(surname);
    const flagged = new Set<string>();
    for (const name of names) {
      if (isAcronym(name)) continue;
      for (const o of occurrences(sentences, name)) {
        const before = titleBefore(o.sentence, o.at);
        const written = before?.current ? before.text : titleAfter(o.sentence, o.at + o.text.length);
        if (!written) continue;
        const agrees = normaliseName(written)
          .split(' ')
          .every((w) => w === 'of' || registry.has(w));
        const key = `${o.sentence}|${written}`;
        if (agrees || flagged.has(key)) continue;
        flagged.add(key);
        out.push({
          id: 'person-title',
          severity: 'warning',
          field: 'body',
          message: `${e.name} is “${e.title}” in the registry; this sentence says “${written}”.`,
          sentence: o.sentence,
          highlight: [written, o.text],
        });
      }
    }
  }
  return out;
}

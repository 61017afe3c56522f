import type { Doc } from '../shared/document/index.js';

/**
 * One agency item as ingest understands it, whichever format it came in (ninjs 1.x/2.x/3.x or a
 * NewsML-G2 newsItem). The parsers produce it; the queue stores it; "use" makes a draft of it.
 */
export type WireFormat = 'ninjs1' | 'ninjs2' | 'ninjs3' | 'newsml-g2';
export type PubStatus = 'usable' | 'withheld' | 'canceled';

export interface WireItem {
  format: WireFormat;
  /** The agency's identifier of the item, the same for all its versions (ninjs uri, G2 guid). */
  guid: string;
  /** Whole number; a higher one replaces a lower one. */
  version: number;
  /** `canceled` is a kill: the agency withdraws the item and every use of it. */
  pubStatus: PubStatus;
  headline: string;
  /** The description or summary, plain text. */
  dek: string;
  body: Doc;
  byline: string;
  /** Who supplied it (agency, infosource, copyright holder), as the agency names it. */
  provider: string;
  /** Usage terms and copyright notice, as one text kept with every story built from it. */
  rights: string;
  /** 1 (flash) … 9; null when the agency gives none. */
  priority: number | null;
  subjects: { code: string; name: string }[];
  language: string | null;
  /** ISO time before which the item must not be published; null: no embargo. */
  embargoUntil: string | null;
  firstCreated: string | null;
  versionCreated: string | null;
  /** What the body conversion could not keep (shown in the preview). */
  problems: string[];
}

/** Why an arrival was refused: it goes to quarantine with this text and never reaches a story. */
export class QuarantineError extends Error {}

/** Largest item accepted; bigger ones are quarantined (a story is a few dozen KiB at most). */
export const MAX_ITEM_BYTES = 1024 * 1024;

/** Text columns are cut to this many characters (a headline of 100 KiB is an attack, not news). */
export const FIELD_LIMITS = { headline: 300, dek: 1000, byline: 300, provider: 200, rights: 2000 } as const;

/** Trim, fold runs of white space and cut to `max` characters. */
export function clean(text: string | null | undefined, max: number): string {
  const folded = (text ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...folded].slice(0, max).join('');
}

/** An ISO time, or null when absent; a value that is no time quarantines the item. */
export function isoTime(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const t = new Date(value.trim());
  if (Number.isNaN(t.getTime()))
    throw new QuarantineError(`${field}: "${clean(value, 40)}" is not a date and time`);
  return t.toISOString();
}

const SCHEMES: [RegExp, string][] = [
  [/^https?:\/\/cv\.iptc\.org\/newscodes\/mediatopic\//, 'medtop:'],
  [/^https?:\/\/cv\.iptc\.org\/newscodes\/subjectcode\//, 'subj:'],
  [/^https?:\/\/cv\.iptc\.org\/newscodes\/genre\//, 'genre:'],
];

/** A subject URI in its short (QCode) form where the scheme is IPTC's, so filters match either way. */
export function qcodeOf(code: string): string {
  const c = code.trim();
  for (const [re, prefix] of SCHEMES) if (re.test(c)) return prefix + c.replace(re, '').replace(/\/$/, '');
  return c;
}

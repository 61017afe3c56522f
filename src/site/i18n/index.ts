import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './ar.js';
import { type Catalogue, en, type MessageKey } from './en.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { ru } from './ru.js';

/**
 * The theme's words per language: ICU MessageFormat catalogues (intl-messageformat), looked up
 * by the page's language (its edition's). A language without a catalogue, or a key a catalogue
 * lacks, falls back to English (`catalogues.test.ts` lists every such gap in what we ship).
 */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, es, fr, ar, fa, ru };
export type { Catalogue, MessageKey };
export { en };

type Values = Record<string, string | number>;

/** `pt-BR` → the `pt` catalogue; anything unknown → English. */
function catalogueLanguage(language: string): string {
  if (CATALOGUES[language]) return language;
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  return CATALOGUES[primary] ? primary : 'en';
}

// Compiled messages, per language and key: a page formats dozens, the site a handful of languages.
const compiled = new Map<string, IntlMessageFormat>();
const fixed = new Map<string, string>();

/** One message in `language`, formatted with `values` (numbers per the locale's rules). */
export function msg(language: string, key: MessageKey, values?: Values): string {
  const lang = catalogueLanguage(language);
  const own = CATALOGUES[lang]?.[key];
  const source = own ?? en[key];
  const locale = own === undefined ? 'en' : language;
  const id = `${locale}\u0000${key}`;
  if (values === undefined) {
    // Without values a message is one fixed text: formatted once.
    let text = fixed.get(id);
    if (text === undefined) {
      text = msg(language, key, {});
      fixed.set(id, text);
    }
    return text;
  }
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(id, format);
  }
  return String(format.format(values));
}

const SLOT = '\u0001';

/**
 * A message around one piece of markup (a link, a <time>): the text before and after the
 * argument `slot`, for the theme to put its element between. "Published {time}" → ["Published ", ""].
 * Without other values the two parts are the same every time: split once per language.
 */
export function around(
  language: string,
  key: MessageKey,
  slot: string,
  values?: Values,
): readonly [string, string] {
  if (values !== undefined) return split(msg(language, key, { ...values, [slot]: SLOT }));
  const id = `${language}\u0000${key}\u0000${slot}`;
  let parts = arounds.get(id);
  if (parts === undefined) {
    parts = split(msg(language, key, { [slot]: SLOT }));
    arounds.set(id, parts);
  }
  return parts;
}

const arounds = new Map<string, readonly [string, string]>();

function split(text: string): readonly [string, string] {
  const at = text.indexOf(SLOT);
  if (at === -1) return [text, ''];
  return [text.slice(0, at), text.slice(at + SLOT.length)];
}

export type ListPart = Readonly<{ index: number | null; text: string }>;

/**
 * Names joined the language's way ("A, B and C", "A، B و C"), as parts for links between. The
 * same for every list of that length: made once per language and length.
 */
export function listParts(language: string, count: number): readonly ListPart[] {
  const id = `${language}\u0000${count}`;
  let parts = lists.get(id);
  if (parts === undefined) {
    parts = joinParts(language, count);
    lists.set(id, parts);
  }
  return parts;
}

const lists = new Map<string, readonly ListPart[]>();

function joinParts(language: string, count: number): readonly ListPart[] {
  const marks = Array.from({ length: count }, (_, i) => `${SLOT}${i}${SLOT}`);
  const joined = listFormat(language).format(marks);
  const parts: ListPart[] = [];
  for (const piece of joined.split(new RegExp(`(${SLOT}\\d+${SLOT})`))) {
    if (!piece) continue;
    const m = new RegExp(`^${SLOT}(\\d+)${SLOT}$`).exec(piece);
    parts.push(m ? { index: Number(m[1]), text: '' } : { index: null, text: piece });
  }
  return parts;
}

const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(language: string): Intl.ListFormat {
  let f = listFormats.get(language);
  if (!f) {
    f = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    listFormats.set(language, f);
  }
  return f;
}

/** A whole number the locale's way (Arabic-Indic digits in Arabic, Persian digits in Persian). */
export function formatNumber(language: string, n: number): string {
  return n.toLocaleString(language);
}

/**
 * The newsroom app's interface language. The app ships English; a newsroom adds a language by
 * writing a catalogue with en.ts's keys and listing it in CATALOGUES. The language is chosen once,
 * when the app loads: the one saved on this device (`localStorage['masthead-locale']`, set by
 * `chooseLocale`), else the browser's first preferred language we have, else English. A message a
 * catalogue lacks falls back to English (catalogues.test.ts lists what each one lacks).
 *
 * Stories keep their own language and direction (their edition's): this is only the app's
 * chrome, so an Arabic story is edited right to left inside an English app, and the other way
 * round.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';
export type Catalogue = Partial<Record<MessageKey, string>>;

/** The catalogues the app ships, by BCP 47 language. */
export const CATALOGUES: Record<string, Catalogue> = { en };

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);
const STORAGE_KEY = 'masthead-locale';

/** The first of `wanted` (BCP 47 tags, best first) that has a catalogue, by its language. */
export function pickLocale(
  wanted: readonly (string | undefined)[],
  shipped = Object.keys(CATALOGUES),
): string {
  for (const tag of wanted) {
    const lang = (tag ?? '').toLowerCase().split('-')[0] ?? '';
    if (shipped.includes(lang)) return lang;
  }
  return 'en';
}

function initialLocale(): string {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return pickLocale([...(saved ? [saved] : []), ...browser]);
}

const locale = initialLocale();
const compiled = new Map<string, IntlMessageFormat>();

/** The app's language and its direction, for `<html lang dir>`. */
export function appLocale(): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: locale, dir: RTL.has(locale) ? 'rtl' : 'ltr' };
}

/** Saves the language for this device; it applies from the next load (labels are read once). */
export function chooseLocale(lang: string): void {
  localStorage.setItem(STORAGE_KEY, lang);
}

/** A message in the app's language, its `{arguments}` filled in. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const own = CATALOGUES[locale]?.[key];
  const lang = own === undefined ? 'en' : locale;
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(own ?? en[key], lang);
    compiled.set(id, format);
  }
  return String(format.format(values));
}

/** Sets `<html lang dir>` to the app's language (main.tsx, before the first render). */
export function applyLocale(doc: Document = document): void {
  const { lang, dir } = appLocale();
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir;
}

/**
 * The app's catalogues: every message parses, no catalogue has keys or arguments English lacks,
 * and every English key is used somewhere in the app (a key no screen says is a translator's
 * wasted work). Keys the app uses but English lacks do not compile: `t` takes a MessageKey.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { CATALOGUES, pickLocale, t } from './index.js';

/** The argument names of an ICU message (`{site}`, `{n, plural, …}`). */
function argumentsOf(message: string, lang: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (n.type !== 0 && n.type !== 7 && n.value) names.add(n.value);
      for (const o of Object.values(n.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, lang).getAst());
  return [...names].sort();
}

describe('the newsroom app catalogues', () => {
  it('parse, and use only the keys and arguments of the English one', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, message] of Object.entries(catalogue)) {
        expect(Object.keys(en), `${lang}: ${key} is not an English key`).toContain(key);
        expect(argumentsOf(message as string, lang), `${lang}: ${key}`).toEqual(
          argumentsOf(en[key as keyof typeof en], 'en'),
        );
      }
    }
  });

  it('has no English key the app never uses', () => {
    // The app's sources as text, through Vite (the app's code imports nothing from Node).
    const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./**'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    const code = Object.values(sources).join('\n');
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    // Keys are always written out whole (no built names), so each appears quoted somewhere.
    expect(Object.keys(en).filter((key) => !code.includes(`'${key}'`))).toEqual([]);
  });

  it('fills in arguments', () => {
    expect(t('app.brand', { site: 'Masthead News' })).toBe('Masthead News · Newsroom');
  });

  it('picks the first preferred language it has, by language, else English', () => {
    expect(pickLocale(['fr-CA', 'en-GB'], ['en', 'fr'])).toBe('fr');
    expect(pickLocale(['de-DE'], ['en', 'fr'])).toBe('en');
    expect(pickLocale([], ['en'])).toBe('en');
  });
});

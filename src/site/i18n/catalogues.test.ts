import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, en, type MessageKey, msg } from './index.js';

/** Every shipped catalogue translates every English message, and each one parses and formats. */
describe('theme message catalogues', () => {
  const keys = Object.keys(en) as MessageKey[];
  const shipped = ['en', 'es', 'fr', 'ar', 'fa', 'ru'];

  it('ships at least en, es, fr, ar, fa and ru', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...shipped].sort());
  });

  it.each(shipped)('%s has every message (a missing one falls back to English)', (lang) => {
    const catalogue = CATALOGUES[lang] ?? {};
    const missing = keys.filter((k) => catalogue[k] === undefined);
    const unknown = Object.keys(catalogue).filter((k) => !(k in en));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  it.each(shipped)('%s messages parse and keep the English arguments', (lang) => {
    const catalogue = CATALOGUES[lang] ?? {};
    const args = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();
    for (const key of keys) {
      const text = catalogue[key];
      if (text === undefined) continue;
      expect(args(text), `${lang} ${key}`).toEqual(args(en[key]));
      const values = Object.fromEntries(args(en[key]).map((a) => [a, a === 'count' ? 3 : 'x']));
      expect(() => new IntlMessageFormat(text, lang).format(values), `${lang} ${key}`).not.toThrow();
    }
  });

  it('falls back to English for a language without a catalogue, and by primary subtag', () => {
    expect(msg('de', 'layout.skip')).toBe('Skip to content');
    expect(msg('es-MX', 'layout.skip')).toBe('Saltar al contenido');
    expect(msg('ar', 'search.found', { count: 2 })).toBe('عُثر على خبرين');
    expect(msg('ru', 'search.found', { count: 5 })).toBe('Найдено 5 материалов');
    expect(msg('en', 'search.found', { count: 1234 })).toBe('1,234 stories found');
  });
});

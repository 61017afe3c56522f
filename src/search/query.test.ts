import { describe, expect, it } from 'vitest';
import { foldText } from './fold.js';
import { parseQuery, toFts5, toPgQuery } from './query.js';
import { highlightHtml, snippetHtml } from './snippet.js';

describe('foldText', () => {
  it('folds accents and letters that have no decomposition', () => {
    expect(foldText('Øresund Łódź Straße Tomáš Noémie ÆON İstanbul ﬁnance')).toBe(
      'oresund lodz strasse tomas noemie aeon istanbul finance',
    );
  });
});

describe('parseQuery', () => {
  it('keeps words, phrases, exclusions and a prefix for the last word being typed', () => {
    expect(parseQuery('"night train" Prague -flight elec')).toEqual({
      terms: ['prague'],
      phrases: [['night', 'train']],
      excluded: ['flight'],
      prefix: 'elec',
    });
  });

  it('does not treat a finished last word (trailing space) as a prefix', () => {
    expect(parseQuery('budget ').prefix).toBeNull();
    expect(parseQuery('budget ').terms).toEqual(['budget']);
  });

  it('drops stopwords unless nothing else is left', () => {
    expect(parseQuery('the budget of the city ').terms).toEqual(['budget', 'city']);
    expect(parseQuery('the who').terms).toEqual(['the', 'who']);
  });

  it('turns operators and syntax into plain words', () => {
    const q = parseQuery('title:foo AND (bar OR NEAR(baz)) * ^qux', { prefixLast: false });
    // Words joined by punctuation stay together as a phrase; AND/OR are common words, dropped.
    expect(q.terms).toEqual(['bar', 'qux']);
    expect(q.phrases).toEqual([
      ['title', 'foo'],
      ['near', 'baz'],
    ]);
    expect(toFts5(q)).toBe('("bar" AND "qux" AND "title foo" AND "near baz")');
  });

  it('cuts very long input', () => {
    const q = parseQuery('word '.repeat(5000));
    expect(q.terms).toEqual(['word']);
    expect(parseQuery('a'.repeat(10_000)).terms.length).toBe(0);
  });

  it('builds engine syntax from words alone', () => {
    const q = parseQuery('"rock or roll" -jazz blues');
    expect(toFts5(q)).toBe('("rock or roll" AND "blues"*) NOT ("jazz")');
    expect(toPgQuery(q)).toEqual({ web: '"rock or roll" -jazz', prefix: 'blues' });
  });

  it('has nothing to search when only exclusions are given', () => {
    expect(toFts5(parseQuery('-budget'))).toBeNull();
    expect(toPgQuery(parseQuery('-budget'))).toBeNull();
  });
});

describe('snippets', () => {
  const h = { words: ['election', 'budget'], prefix: null };

  it('escapes the text before marking matches', () => {
    expect(highlightHtml('<b>Budget</b> & elections', h)).toBe(
      '&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; &amp; <mark>elections</mark>',
    );
  });

  it('marks accented words that fold to a query word, and prefixes', () => {
    expect(highlightHtml('Øresund wins', { words: ['oresund'], prefix: null })).toBe(
      '<mark>Øresund</mark> wins',
    );
    expect(highlightHtml('Electricity prices', { words: [], prefix: 'elec' })).toBe(
      '<mark>Electricity</mark> prices',
    );
  });

  it('picks the passage with the matches and marks the cut', () => {
    const text = `${'filler '.repeat(60)}the budget vote and the election ${'tail '.repeat(60)}`;
    const html = snippetHtml(text, h);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>budget</mark>');
    expect(html).toContain('<mark>election</mark>');
  });
});

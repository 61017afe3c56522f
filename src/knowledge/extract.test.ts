import { describe, expect, it } from 'vitest';
import { buildGazetteer, extractEntities, type Recogniser } from './extract.js';
import { demonyms } from './gazetteer.js';
import { normaliseName } from './normalise.js';

const entry = (
  entityId: number,
  name: string,
  type: 'person' | 'organisation' | 'place',
  ...aliases: string[]
) => [name, ...aliases].map((a) => ({ normalised: normaliseName(a), entityId, name, type }));

const registry = buildGazetteer(
  [
    ...entry(1, 'Russia', 'place', 'Russian Federation', 'Россия'),
    ...entry(2, 'United Nations', 'organisation', 'UN'),
    ...entry(3, 'United Nations Security Council', 'organisation', 'UN Security Council'),
    ...entry(4, 'World Health Organization', 'organisation', 'WHO'),
    ...entry(5, 'Russian presidency', 'organisation', 'the Kremlin', 'Kremlin'),
    ...entry(6, 'Madrid', 'place'),
    ...entry(7, 'Turkey', 'place'),
  ],
  demonyms(),
);
const none: Recogniser = () => [];

describe('entity extraction', () => {
  it('finds registry names by any alias, in any script, counting mentions under one entity', () => {
    const found = extractEntities(
      ['Russia votes', 'The Russian Federation (Россия in Russian) said Russia’s envoy would stay.'],
      registry,
      none,
    );
    const russia = found.find((s) => s.entityId === 1);
    expect(russia).toMatchObject({ key: 'e:1', name: 'Russia', type: 'place', mentions: 4 });
    expect(russia?.surfaces).toEqual(['Russia', 'Russian Federation', 'Россия']);
    expect(russia?.snippet).toContain('Russia votes');
  });

  it('takes the longest registry name and respects case: WHO is the organisation, "who" is not', () => {
    const found = extractEntities(
      ['The UN Security Council met the WHO chief, who said the UN would help. We ate turkey.'],
      registry,
      none,
    );
    expect(found.map((s) => s.name).sort()).toEqual([
      'United Nations',
      'United Nations Security Council',
      'World Health Organization',
    ]);
  });

  it('adds names the recogniser finds, without titles, and folds a surname into the full name', () => {
    const recognise: Recogniser = (text) => {
      const start = text.indexOf('President Ali Shamkhani');
      return start < 0 ? [] : [{ start, end: start + 'President Ali Shamkhani'.length, type: 'person' }];
    };
    const found = extractEntities(
      ['President Ali Shamkhani arrived in Russia.', 'Shamkhani later met Kremlin officials.'],
      registry,
      recognise,
    );
    const person = found.find((s) => s.type === 'person');
    expect(person).toMatchObject({
      key: 'n:ali shamkhani',
      name: 'Ali Shamkhani',
      entityId: null,
      mentions: 2,
    });
    expect(found.find((s) => s.entityId === 5)?.mentions).toBe(1);
  });

  it('prefers a longer recognised name over a registry name inside it (a club named after its city)', () => {
    const found = extractEntities(['Fans of Real Madrid celebrated in the street.'], registry, none);
    expect(found).toEqual([expect.objectContaining({ name: 'Real Madrid', type: 'organisation' })]);
  });

  it('does not take nationalities or days for names', () => {
    const found = extractEntities(
      ['The Iraqi minister spoke on Tuesday to Polish reporters.'],
      registry,
      none,
    );
    expect(found).toEqual([]);
  });

  it('finds one-word companies by what stands around them, and leaves a person’s surname alone', () => {
    // A recogniser that makes the company a place and the club's city a place, as compromise may.
    const text =
      'Vostokgaz announced a new pipeline. The company said investors were pleased. ' +
      'A former executive at Kalinor joined Sparta Brno, and Zorin driver Pavel Novak won. Novak left.';
    const span = (word: string, type: 'place' | 'person') => {
      const start = text.indexOf(word);
      return { start, end: start + word.length, type };
    };
    const recognise: Recogniser = () => [
      span('Kalinor', 'place'),
      span('Brno', 'place'),
      span('Pavel Novak', 'person'),
    ];
    const found = extractEntities([text], registry, recognise);
    const typed = Object.fromEntries(found.map((s) => [s.name, s.type]));
    expect(typed).toMatchObject({
      Vostokgaz: 'organisation',
      Kalinor: 'organisation',
      'Sparta Brno': 'organisation',
      Zorin: 'organisation',
      'Pavel Novak': 'person',
    });
    expect(typed.Brno).toBeUndefined();
    expect(found.find((s) => s.name === 'Pavel Novak')?.mentions).toBe(2);
    // Without a word of business around it, a capital at a sentence's start says nothing.
    expect(extractEntities(['Yesterday announced nothing. Kalinor rested.'], registry, none)).toEqual([]);
  });
});

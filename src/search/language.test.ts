import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';
import { type Fixture, paragraphs, seedFixture } from '../test/fixtures.js';
import { indexArticle, indexedLanguages, searchArticles } from './index.js';

/**
 * Search in each shipped language, with sentences written the way a newsroom writes them: a
 * reader's query in another inflected form, without accents or harakat, with other letter
 * forms, finds the story, and a search in one language never returns another's stories.
 */
const STORIES: { language: string; headline: string; body: string }[] = [
  {
    language: 'en',
    headline: 'Parliament approves a new election law',
    body: 'Lawmakers voted late on Tuesday to change how regional elections are run. The budget for the electoral commission grows by a tenth.',
  },
  {
    language: 'es',
    headline: 'La oposición denuncia irregularidades en la elección municipal de Valparaíso',
    body: 'Los observadores independientes pidieron una auditoría del recuento antes de que la comisión electoral proclame al nuevo alcalde. El presupuesto de la ciudad sigue bloqueado.',
  },
  {
    language: 'fr',
    headline: 'Le gouvernement présente un budget de transition',
    body: "Les ministres ont défendu des économies ciblées dans les transports régionaux après la chute des prix de l'énergie.",
  },
  {
    language: 'ru',
    headline: 'Явка на выборы в городскую думу оказалась рекордной',
    body: 'Избирательная комиссия сообщила, что новый состав думы соберётся в понедельник. Бюджет города обсудят в первую очередь.',
  },
  {
    language: 'ar',
    headline: 'البرلمان يقر قانون الانتخابات الجديد بعد نقاش طويل',
    body: 'وقالت الحكومة إن التعديلات ستدخل حيز التنفيذ قبل موسم الأمطار. وقَالَ الوَزِيرُ إن المستشفيات مستعدة.',
  },
  {
    language: 'fa',
    headline: 'شورای شهر تهران بودجه سال آینده را تصویب کرد',
    body: 'رئیس شورا گفت بخشی از بودجه سال ۱۴۰۴ برای ساخت یک کتابخانه و کتاب‌های درسی مدارس هزینه می‌شود.',
  },
  {
    language: 'de',
    headline: 'Die Regierung kündigt vorgezogene Wahlen an',
    body: 'Nach dem Bruch der Koalition sollen die Bürger im Frühjahr abstimmen.',
  },
  {
    language: 'pt',
    headline: 'Prefeitos do interior cobram do governo verbas para as estradas',
    body: 'Os municípios afetados pelas chuvas pedem um plano de reconstrução antes das eleições.',
  },
  {
    language: 'tr',
    headline: 'Seçimler öncesinde belediye başkanları bütçe görüşmesi yaptı',
    body: 'Ankara’daki toplantıda yerel yönetimlerin borçları ele alındı.',
  },
  {
    language: 'it',
    headline: 'Il sindaco di Bologna annuncia nuove elezioni',
    body: 'Il consiglio comunale voterà il bilancio prima della pausa estiva.',
  },
];

describe.each(testDialects())('search per language on %s', (dialect) => {
  let env: TestEnv;
  let fx: Fixture;
  const db = () => env.ctx.db;
  const search = (q: string, language?: string) =>
    searchArticles(db(), { now: env.ctx.now(), q, publicAt: env.ctx.now().toISOString(), language });
  const base = (q: string) => ({ now: env.ctx.now(), q, publicAt: env.ctx.now().toISOString() });
  const headlines = async (q: string, language?: string) =>
    (await search(q, language)).hits.map((h) => h.headline);
  const finds = async (q: string, language: string, headlineStart: string) =>
    expect(await headlines(q, language), `${language}: ${q}`).toEqual([
      expect.stringMatching(new RegExp(`^${headlineStart}`)),
    ]);

  beforeAll(async () => {
    env = await testEnv(dialect);
    fx = await seedFixture(env.ctx, env.dir);
    for (const [i, s] of STORIES.entries()) {
      const row = await fx.publish({ headline: s.headline, body: paragraphs(s.body) }, 2 + i);
      // Stories are indexed in the site's language (en) when saved; this one's edition speaks s.language.
      await indexArticle(db(), row, s.language);
    }
  });
  afterAll(() => env?.close());

  it('lists the languages in the index', async () => {
    expect(await indexedLanguages(db())).toEqual([
      'ar',
      'de',
      'en',
      'es',
      'fa',
      'fr',
      'it',
      'pt',
      'ru',
      'tr',
    ]);
  });

  it('Spanish: a plural, an unaccented word and a singular find the story', async () => {
    await finds('elecciones', 'es', 'La oposición');
    await finds('eleccion municipal', 'es', 'La oposición');
    await finds('auditorias observador', 'es', 'La oposición');
    await finds('Valparaiso', 'es-CL', 'La oposición');
  });

  it('French: plural and singular, with or without accents', async () => {
    await finds('gouvernements', 'fr', 'Le gouvernement');
    await finds('ministre economie', 'fr', 'Le gouvernement');
    await finds('énergies', 'fr', 'Le gouvernement');
  });

  it('Russian: another case ending, ё typed as е, and й kept distinct', async () => {
    await finds('выборах', 'ru', 'Явка');
    await finds('новая дума', 'ru', 'Явка');
    await finds('соберется', 'ru', 'Явка');
    await finds('городской', 'ru', 'Явка');
  });

  it('Arabic: without the article, with harakat, another alef, ه for ة, tatweel', async () => {
    await finds('برلمان', 'ar', 'البرلمان');
    await finds('انتخابات', 'ar', 'البرلمان');
    await finds('الحُكُومَةُ', 'ar', 'البرلمان');
    await finds('الحكومه', 'ar', 'البرلمان');
    await finds('الحكـــومة', 'ar', 'البرلمان');
    await finds('الامطار', 'ar', 'البرلمان');
    await finds('مستشفى', 'ar', 'البرلمان');
    await finds('الوزير', 'ar', 'البرلمان');
  });

  it('Persian: Arabic yeh and kaf find the Persian spelling; ZWNJ and Persian digits', async () => {
    await finds('شوراي', 'fa', 'شورای');
    await finds('كتابخانه', 'fa', 'شورای');
    await finds('کتاب', 'fa', 'شورای');
    await finds('بودجه 1404', 'fa', 'شورای');
    await finds('رئيس', 'fa', 'شورای');
  });

  it('German, Italian, Portuguese and Turkish are stemmed too', async () => {
    await finds('Regierungen Wahl', 'de', 'Die Regierung');
    await finds('elezione sindaci', 'it', 'Il sindaco');
    await finds('prefeito governos', 'pt', 'Prefeitos');
    await finds('municipio estrada', 'pt', 'Prefeitos');
    await finds('seçimlerde', 'tr', 'Seçimler');
    await finds('toplantılar', 'tr', 'Seçimler');
  });

  it('a search in one language never returns another language’s stories', async () => {
    expect(await headlines('budget', 'fr')).toEqual(['Le gouvernement présente un budget de transition']);
    expect(await headlines('budget', 'en')).toEqual(['Parliament approves a new election law']);
    expect(await headlines('elecciones', 'en')).toEqual([]);
    expect(await headlines('lawmakers', 'es')).toEqual([]);
    expect(await headlines('valparaiso', 'en')).toEqual([]);
    expect(await headlines('выборы', 'ar')).toEqual([]);
    expect(await headlines('بودجه', 'ar')).toEqual([]);
  });

  it('without a language, searches every language with its own stemming', async () => {
    expect((await headlines('budget')).sort()).toEqual(
      ['Le gouvernement présente un budget de transition', 'Parliament approves a new election law'].sort(),
    );
    expect(await headlines('выборах')).toEqual(['Явка на выборы в городскую думу оказалась рекордной']);
    expect(await headlines('برلمان')).toEqual(['البرلمان يقر قانون الانتخابات الجديد بعد نقاش طويل']);
    // Pages and totals across languages.
    const all = await searchArticles(db(), {
      now: env.ctx.now(),
      q: 'budget',
      publicAt: env.ctx.now().toISOString(),
      limit: 1,
      offset: 1,
    });
    expect(all.total).toBe(2);
    expect(all.hits).toHaveLength(1);
    // A page past the end still counts the matches of every language; date order spans them.
    const past = await searchArticles(db(), { ...base('budget'), limit: 5, offset: 10 });
    expect([past.total, past.hits.length]).toEqual([2, 0]);
    const byDate = await searchArticles(db(), { ...base('budget'), sort: 'date' });
    expect(byDate.hits.map((h) => h.headline)).toEqual([
      'Parliament approves a new election law',
      'Le gouvernement présente un budget de transition',
    ]);
  });

  it('never fails on hostile input in any language, or in all of them', async () => {
    for (const q of [
      '"',
      '-',
      '(',
      '*',
      '"ال"',
      'ـــ',
      '\u064b\u064b',
      'اَ',
      'й*',
      '-бюджет',
      '"la la la',
      'a b c',
    ]) {
      for (const language of [undefined, 'ar', 'fa', 'ru', 'es', 'en', 'xx']) {
        const r = await searchArticles(db(), { ...base(q), language });
        expect(r.total, `${language}: ${q}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('matches the word being typed in the story’s language', async () => {
    await finds('la oposicion denun', 'es', 'La oposición');
    await finds('явка выбо', 'ru', 'Явка');
    await finds('قانون البرلم', 'ar', 'البرلمان');
  });

  it('highlights the words the story was found by, in their original spelling', async () => {
    const es = (await search('elecciones observador', 'es')).hits[0];
    expect(es?.headlineHtml).toContain('<mark>elección</mark>');
    expect(es?.snippetHtml).toContain('<mark>observadores</mark>');
    const ru = (await search('выборах', 'ru')).hits[0];
    expect(ru?.headlineHtml).toBe('Явка на <mark>выборы</mark> в городскую думу оказалась рекордной');
    const ar = (await search('برلمان وزير', 'ar')).hits[0];
    expect(ar?.headlineHtml).toContain('<mark>البرلمان</mark>');
    // Harakat fold to nothing: the mark still covers exactly the voweled word.
    expect(ar?.snippetHtml).toContain('<mark>الوَزِيرُ</mark>');
    const fa = (await search('كتاب', 'fa')).hits[0];
    expect(fa?.snippetHtml).toContain('<mark>کتاب</mark>\u200cهای');
  });
});

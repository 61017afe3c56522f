import { describe, expect, it } from 'vitest';
import { stemArabic } from './arabic.js';
import { foldText } from './fold.js';
import { highlightStemmer } from './language.js';
import { highlightHtml } from './snippet.js';

describe('fold per script', () => {
  it('folds Latin accents for every language, ñ included', () => {
    expect(foldText('Elección Año Øresund Straße Müller')).toBe('eleccion ano oresund strasse muller');
  });

  it('folds Russian ё to е but keeps й', () => {
    expect(foldText('Ёлка, новый край, соберётся')).toBe('елка, новый край, соберется');
  });

  it('normalises Arabic script: harakat, tatweel, alef, yeh, kaf, teh marbuta, digits', () => {
    expect(foldText('الحُكُومَةُ')).toBe('الحكومه');
    expect(foldText('الحكـــومة')).toBe('الحكومه');
    expect(foldText('أإآٱ')).toBe('اااا');
    expect(foldText('على یک کتاب')).toBe('علي يك كتاب');
    expect(foldText('٢٠٢٦ ۱۴۰۴')).toBe('2026 1404');
    // The zero-width non-joiner stays: both databases break words there.
    expect(foldText('کتاب‌ها')).toBe('كتاب\u200cها');
  });
});

describe('the Arabic light stemmer', () => {
  it('strips one article and stacked endings, keeping three letters', () => {
    const stems = (text: string) => foldText(text).split(' ').map(stemArabic);
    expect(stems('برلمان البرلمان البرلمانية')).toEqual(['برلم', 'برلم', 'برلم']);
    expect(stems('فيضان الفيضانات والفيضان')).toEqual(['فيض', 'فيض', 'فيض']);
    expect(stems('حكومة الحكومات للحكومة')).toEqual(['حكوم', 'حكوم', 'حكوم']);
    expect(stems('وزير الوزير')).toEqual(['وزير', 'وزير']);
  });
});

describe('highlighting in stemmed languages', () => {
  it('marks the original words, harakat and tatweel included', () => {
    const h = { words: ['وزير'], prefix: null, stem: highlightStemmer('ar') };
    expect(highlightHtml('قَالَ الوَزِيرُ إن', h)).toBe('قَالَ <mark>الوَزِيرُ</mark> إن');
    expect(highlightHtml('الوزيـــر', h)).toBe('<mark>الوزيـــر</mark>');
  });

  it('marks inflected forms by the language’s stemmer, and ß spelled out', () => {
    const es = { words: ['elecciones'], prefix: null, stem: highlightStemmer('es') };
    expect(highlightHtml('La elección, las elecciones', es)).toBe(
      'La <mark>elección</mark>, las <mark>elecciones</mark>',
    );
    expect(highlightHtml('Die Straße', { words: ['strasse'], prefix: null })).toBe('Die <mark>Straße</mark>');
  });
});

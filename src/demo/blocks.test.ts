import { describe, expect, it } from 'vitest';
import { DocumentError, validateDocument } from '../shared/document/index.js';
import { demoBlocksToDocument } from './blocks.js';
import { moreArticles, reserveArticles } from './data/articles-more.js';
import { newsArticles } from './data/articles-news.js';
import type { DemoBlock } from './data/types.js';

const ids: Record<string, number> = { square: 11, archive: 12 };
const mediaId = (key: string) => ids[key] ?? 0;

/** The inline content of a single demo paragraph. */
function inline(source: string) {
  const doc = demoBlocksToDocument([source], mediaId);
  return doc.content[0]?.type === 'paragraph' ? doc.content[0].content : undefined;
}

const bold = { type: 'bold' };
const italic = { type: 'italic' };
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('demoBlocksToDocument blocks', () => {
  it('converts every kind of demo block', () => {
    const blocks: DemoBlock[] = [
      'A paragraph.',
      { h: 'Default level' },
      { h: 'Level three', level: 3 },
      { quote: 'We will appeal.', cite: 'A. Minister' },
      { quote: 'Unattributed.\n\nSecond paragraph.' },
      { list: ['one', 'two'] },
      { list: ['first'], ordered: true },
      { rule: true },
      { image: 'square', caption: 'The square.', credit: 'Jo Doe' },
      { image: 'archive', caption: 'In 1998.', credit: 'Archive', filePhoto: true },
    ];
    const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    expect(demoBlocksToDocument(blocks, mediaId)).toEqual({
      type: 'doc',
      content: [
        p('A paragraph.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Default level' }] },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Level three' }] },
        { type: 'blockquote', attrs: { citation: 'A. Minister' }, content: [p('We will appeal.')] },
        { type: 'blockquote', content: [p('Unattributed.'), p('Second paragraph.')] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p('one')] },
            { type: 'listItem', content: [p('two')] },
          ],
        },
        { type: 'orderedList', content: [{ type: 'listItem', content: [p('first')] }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { mediaId: 11, caption: 'The square.', credit: 'Jo Doe' } },
        { type: 'image', attrs: { mediaId: 12, caption: 'In 1998.', credit: 'Archive', filePhoto: true } },
      ],
    });
  });

  it('refuses an image whose key has no media', () => {
    expect(() => demoBlocksToDocument([{ image: 'missing', caption: 'c', credit: 'c' }], mediaId)).toThrow(
      'demo image "missing" has no media id',
    );
  });

  it('refuses a link the schema would refuse, naming the node', () => {
    expect(() => demoBlocksToDocument(['ok', 'see [this](javascript:alert(1))'], mediaId)).toThrow(
      DocumentError,
    );
    expect(() => demoBlocksToDocument(['see [this](/relative)'], mediaId)).toThrow(
      'content[0].content[1].marks[0] (link mark): href must be an absolute',
    );
  });

  it('converts every demo article into a valid document', () => {
    const articles = [...newsArticles, ...moreArticles, ...reserveArticles];
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) {
      const doc = demoBlocksToDocument(article.body, () => 1);
      expect(validateDocument(doc)).toEqual(doc);
      // No markup characters survive: every marker in the demo text was understood.
      expect(JSON.stringify(doc)).not.toMatch(/\*\*|\]\(/);
    }
  });
});

describe('demoBlocksToDocument inline markup', () => {
  it('parses bold, italic and links', () => {
    expect(inline('a **b** *c* [d](https://example.com/d) e')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'text', text: 'b', marks: [bold] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'c', marks: [italic] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'd', marks: [link('https://example.com/d')] },
      { type: 'text', text: ' e' },
    ]);
  });

  it('parses bold words inside link text and italic inside bold', () => {
    expect(inline('[the **full** report](https://example.com/r)')).toEqual([
      { type: 'text', text: 'the ', marks: [link('https://example.com/r')] },
      { type: 'text', text: 'full', marks: [link('https://example.com/r'), bold] },
      { type: 'text', text: ' report', marks: [link('https://example.com/r')] },
    ]);
    expect(inline('**a *b* c**')).toEqual([
      { type: 'text', text: 'a ', marks: [bold] },
      { type: 'text', text: 'b', marks: [bold, italic] },
      { type: 'text', text: ' c', marks: [bold] },
    ]);
  });

  it('keeps parentheses inside a link URL', () => {
    expect(inline('[wiki](https://en.wikipedia.org/wiki/Levy_(tax)).')).toEqual([
      { type: 'text', text: 'wiki', marks: [link('https://en.wikipedia.org/wiki/Levy_(tax)')] },
      { type: 'text', text: '.' },
    ]);
  });

  it.each([
    ['5 * 3 * 2 = 30', '5 * 3 * 2 = 30'],
    ['an ** unmatched', 'an ** unmatched'],
    ['*no close', '*no close'],
    ['**', '**'],
    ['\\*literal\\* and \\[x\\](y)', '*literal* and [x](y)'],
    ['[no url] here', '[no url] here'],
    ['[empty]() url', '[empty]() url'],
  ])('leaves %j as plain text', (source, expected) => {
    expect(inline(source)).toEqual([{ type: 'text', text: expected }]);
  });

  it('turns a newline into a hard break', () => {
    expect(inline('one\ntwo')).toEqual([
      { type: 'text', text: 'one' },
      { type: 'hardBreak' },
      { type: 'text', text: 'two' },
    ]);
  });
});

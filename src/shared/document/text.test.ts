import { describe, expect, it } from 'vitest';
import { type Doc, validateDocument } from './schema.js';
import { excerpt, renderText } from './text.js';

const text = (t: string, marks?: unknown[]) =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });
const doc = (...content: unknown[]): Doc => validateDocument({ type: 'doc', content });

describe('renderText', () => {
  it('renders every block as plain text separated by blank lines', () => {
    const body = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('The vote')] },
      para(
        text('Lawmakers '),
        text('approved', [{ type: 'bold' }]),
        text(' the levy, '),
        text('said', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
        text(' officials.'),
      ),
      para(text('Line one'), { type: 'hardBreak' }, text('line two')),
      { type: 'paragraph' },
      { type: 'blockquote', attrs: { citation: 'A. Minister' }, content: [para(text('We will appeal.'))] },
      { type: 'bulletList', content: [item(para(text('First'))), item(para(text('Second')))] },
      {
        type: 'orderedList',
        attrs: { start: 9 },
        content: [item(para(text('Ninth'))), item(para(text('Tenth')))],
      },
      { type: 'image', attrs: { mediaId: 1, caption: 'The chamber at dawn.', credit: 'Jo Doe' } },
      { type: 'image', attrs: { mediaId: 2 } },
      { type: 'embed', attrs: { provider: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' } },
      { type: 'horizontalRule' },
      para(text('The end.')),
    );
    expect(renderText(body)).toBe(
      [
        'The vote',
        'Lawmakers approved the levy, said officials.',
        'Line one\nline two',
        'We will appeal.\n\n— A. Minister',
        '- First\n- Second',
        '9. Ninth\n10. Tenth',
        'The chamber at dawn.',
        'The end.',
      ].join('\n\n'),
    );
  });

  it('indents nested lists and a list item’s later paragraphs', () => {
    const body = doc({
      type: 'bulletList',
      content: [
        item(para(text('Parent')), para(text('More about it'), { type: 'hardBreak' }, text('on two lines')), {
          type: 'orderedList',
          content: [item(para(text('Child one'))), item(para(text('Child two')))],
        }),
        item(para(text('Sibling'))),
      ],
    });
    expect(renderText(body)).toBe(
      ['- Parent', '  More about it', '  on two lines', '  1. Child one', '  2. Child two', '- Sibling'].join(
        '\n',
      ),
    );
  });

  it('renders an empty document as an empty string', () => {
    expect(renderText(doc())).toBe('');
  });
});

describe('excerpt', () => {
  const story = doc(
    { type: 'heading', attrs: { level: 2 }, content: [text('Not this heading')] },
    para(
      text('The council voted on Tuesday,  after a '),
      text('long', [{ type: 'italic' }]),
      text(' debate.'),
    ),
    { type: 'bulletList', content: [item(para(text('Not this list')))] },
    para(text('Opponents'), { type: 'hardBreak' }, text('walked out.')),
  );

  it('returns the opening paragraphs whole when they fit', () => {
    expect(excerpt(story, 500)).toBe(
      'The council voted on Tuesday, after a long debate. Opponents walked out.',
    );
  });

  it('cuts at a word boundary and ends with an ellipsis, within the limit', () => {
    const cut = excerpt(story, 40);
    expect(cut).toBe('The council voted on Tuesday, after a…');
    expect(cut.length).toBeLessThanOrEqual(40);
    for (let max = 1; max <= 80; max++) expect(excerpt(story, max).length).toBeLessThanOrEqual(max);
  });

  it('drops punctuation before the ellipsis', () => {
    expect(excerpt(story, 31)).toBe('The council voted on Tuesday…');
  });

  it('cuts inside a single overlong word without splitting an emoji', () => {
    const word = doc(para(text('Donaudampfschifffahrtsgesellschaft')));
    expect(excerpt(word, 10)).toBe('Donaudamp…');
    const emoji = doc(para(text('ab😀cd😀ef😀gh')));
    expect(excerpt(emoji, 4)).toBe('ab…');
  });

  it('is empty for a zero limit or a body without paragraphs', () => {
    expect(excerpt(story, 0)).toBe('');
    expect(excerpt(doc({ type: 'horizontalRule' }), 100)).toBe('');
  });
});

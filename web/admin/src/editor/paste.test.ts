// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import gdocs from './fixtures/gdocs.clipboard-html?raw';
import word from './fixtures/word.clipboard-html?raw';
import { inlineOf, noticeOf, pasteToDocument, settleImages } from './paste.js';

const SAMPLES: Record<string, string> = { word, gdocs };
const sample = (name: string) => SAMPLES[name.split('.')[0]!]!;
const t = (text: string, ...marks: string[]) =>
  marks.length ? { type: 'text', text, marks: marks.map((type) => ({ type })) } : { type: 'text', text };
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const li = (...content: unknown[]) => ({ type: 'listItem', content });
const cell = (...content: unknown[]) => ({ type: 'tableCell', content });

describe('paste from Word', () => {
  const { blocks, left, notice } = pasteToDocument(sample('word.clipboard-html'));

  it('maps the heading and keeps bold, italic, superscript, subscript, strike-through and underline', () => {
    expect(blocks[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [t('Council approves flood gates')],
    });
    expect(blocks[1]).toEqual(
      p(
        t('The council voted '),
        t('seven to two', 'bold'),
        t(' on Tuesday for the '),
        t('Vltava', 'italic'),
        t(' gates, which will cost €2m'),
        t('1', 'superscript'),
        t('. The H'),
        t('2', 'subscript'),
        t('O level rose; the '),
        t('old', 'strike'),
        t(' plan is '),
        t('dropped', 'underline'),
        t('.'),
      ),
    );
  });

  it('turns bullet and number paragraphs into real lists, nested by level, without the glyphs', () => {
    expect(blocks[2]).toEqual({
      type: 'bulletList',
      content: [
        li(p(t('Gates on the river')), { type: 'bulletList', content: [li(p(t('Two on the east bank')))] }),
        li(p(t('A new '), t('pumping', 'bold'), t(' station'))),
      ],
    });
    expect(blocks[3]).toEqual({
      type: 'orderedList',
      content: [li(p(t('Tender in spring'))), li(p(t('Building in autumn')))],
    });
    expect(JSON.stringify(blocks)).not.toMatch(/·|"o"|\u00a0/);
  });

  it('keeps the table, and counts the images and the embedded video it leaves out', () => {
    expect(blocks[4]).toEqual(p(t('The river map:')));
    expect(blocks[5]).toEqual({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell(t('Gate', 'bold')), cell(t('Cost', 'bold'))] },
        { type: 'tableRow', content: [cell(t('East')), cell(t('€1.2m'))] },
      ],
    });
    expect(blocks).toHaveLength(6);
    expect(left).toEqual({ images: 2, videos: 1 });
    expect(notice).toBe('2 images and 1 embedded video were not pasted');
  });
});

describe('paste from Google Docs', () => {
  const result = pasteToDocument(sample('gdocs.clipboard-html'));
  const { blocks } = result;

  it('does not make everything bold, and reads marks from the spans’ styles', () => {
    expect(blocks[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [t('What the council decided')],
    });
    expect(blocks[1]).toEqual(
      p(
        t('The vote was '),
        t('seven to two', 'bold'),
        t(' after a long debate', 'italic'),
        t(', not three', 'strike'),
        t('2', 'superscript'),
        t('. See '),
        // The link's underline is how Docs draws links, but the mark is kept as underline too.
        {
          type: 'text',
          text: 'the minutes',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/minutes' } }, { type: 'underline' }],
        },
        t('.'),
      ),
    );
  });

  it('turns <ul><li><p> with a sibling nested list into a nested list', () => {
    expect(blocks[2]).toEqual({
      type: 'bulletList',
      content: [
        li(p(t('Flood gates')), { type: 'bulletList', content: [li(p(t('East bank first')))] }),
        li(p(t('Pumping station'))),
      ],
    });
  });

  it('keeps the table, offers the image for upload, and says it was not pasted when it cannot be read', () => {
    expect(blocks[3]).toMatchObject({
      type: 'table',
      content: [{ content: [cell(t('Ward', 'bold')), {}] }, {}],
    });
    // Google's image address: worth a try (the browser's CSP or CORS usually refuses it).
    expect(result.images).toEqual([
      {
        placeholder: 1,
        src: 'https://lh7-rt.googleusercontent.com/docsz/AD_4nXf-example-image-key?key=abc',
        alt: '',
      },
    ]);
    expect(blocks.filter((b) => b.type === 'image')).toEqual([{ type: 'image', attrs: { mediaId: 1 } }]);
    expect(result.notice).toBeNull();
    const settled = settleImages(result, [null]);
    expect(settled.blocks).toHaveLength(4);
    expect(settled.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(settled.notice).toBe('1 image was not pasted');
  });
});

describe('paste from a web page', () => {
  it('keeps a header row and caption, embeds allow-listed video, drops scripts and unsafe links', () => {
    const { blocks, left } = pasteToDocument(
      '<article><h1>Title</h1><script>alert(1)</script><p>A <a href="javascript:alert(1)">bad</a> and a <a href="/relative">relative</a> link.</p>' +
        '<table><caption>Scores</caption><thead><tr><th>Team</th><th>Goals</th></tr></thead><tbody><tr><td>A</td><td>2</td></tr></tbody></table>' +
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><video src="x.mp4"></video><figure><img src="a.png"><figcaption>A photo</figcaption></figure></article>',
    );
    expect(blocks[0]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [t('Title')] });
    expect(blocks[1]).toEqual(p(t('A bad and a relative link.')));
    expect(blocks[2]).toMatchObject({ type: 'table', attrs: { caption: 'Scores', headerRow: true } });
    expect(blocks[3]).toMatchObject({ type: 'embed', attrs: { provider: 'youtube' } });
    expect(blocks[4]).toEqual(p(t('A photo')));
    expect(left).toEqual({ images: 1, videos: 1 });
  });

  it('words the notice in the singular and plural', () => {
    expect(noticeOf({ images: 0, videos: 0 })).toBeNull();
    expect(noticeOf({ images: 0, videos: 2 })).toBe('2 embedded videos were not pasted');
    expect(noticeOf({ images: 1, videos: 1 })).toBe('1 image and 1 embedded video were not pasted');
    expect(noticeOf({ images: 0, videos: 0 }, 1)).toBe('1 image uploaded');
    expect(noticeOf({ images: 2, videos: 1 }, 1)).toBe(
      '1 image uploaded; 2 images and 1 embedded video were not pasted',
    );
  });
});

describe('paste with images', () => {
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';
  const result = pasteToDocument(
    `<p>Before <img src="${PNG}" alt=" The  gates "> after.</p>` +
      '<p><img src="file:///C:/Temp/clip_image001.png"></p>' +
      '<img src="/media/7/320.jpg"><img src="https://example.org/a.jpg">' +
      `<blockquote><p>Quoted <img src="${PNG}"></p></blockquote>` +
      `<table><tr><td>Cell <img src="${PNG}"></td></tr></table><video src="x.mp4"></video>`,
  );

  it('offers the readable ones as placeholders where they were; Word’s file:// and relative addresses are counted', () => {
    expect(result.images).toEqual([
      { placeholder: 1, src: PNG, alt: 'The gates' },
      { placeholder: 2, src: 'https://example.org/a.jpg', alt: '' },
    ]);
    expect(result.blocks.slice(0, 3)).toEqual([
      p(t('Before after.')),
      { type: 'image', attrs: { mediaId: 1, alt: 'The gates' } },
      { type: 'image', attrs: { mediaId: 2 } },
    ]);
    // file://, a relative address, and images inside a quote or a table cell (no blocks there).
    expect(result.left).toEqual({ images: 4, videos: 1 });
  });

  it('puts the uploaded media ids in, drops the ones that failed, and says which was which', () => {
    const settled = settleImages(result, [41, null]);
    expect(settled.blocks.filter((b) => b.type === 'image')).toEqual([
      { type: 'image', attrs: { mediaId: 41, alt: 'The gates' } },
    ]);
    expect(settled.blocks[1]).toEqual({ type: 'image', attrs: { mediaId: 41, alt: 'The gates' } });
    expect(settled.notice).toBe('1 image uploaded; 5 images and 1 embedded video were not pasted');
  });
});

describe('paste into a table cell', () => {
  it('makes the blocks one line of text apart by line breaks', () => {
    const { blocks } = pasteToDocument('<h2>Head</h2><p>One <b>two</b></p><ul><li>Item</li></ul>');
    expect(inlineOf(blocks)).toEqual([
      t('Head'),
      { type: 'hardBreak' },
      t('One '),
      t('two', 'bold'),
      { type: 'hardBreak' },
      t('Item'),
    ]);
  });
});

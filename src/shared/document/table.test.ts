import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { DOCUMENT_LIMITS, DocumentError, validateDocument } from './schema.js';
import { renderText } from './text.js';

const text = (t: string, marks?: unknown[]) =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };
const cell = (t?: string) => (t ? { type: 'tableCell', content: [text(t)] } : { type: 'tableCell' });
const row = (...cells: (string | undefined)[]) => ({ type: 'tableRow', content: cells.map(cell) });
const table = (attrs: unknown, ...rows: unknown[]) => ({
  type: 'table',
  ...(attrs ? { attrs } : {}),
  content: rows,
});
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const render = (...content: unknown[]) => {
  const html = renderHtml(validateDocument(doc(...content)), { media: () => undefined });
  return { html, $: cheerio.load(html, null, false) };
};
const reason = (input: unknown) => {
  try {
    validateDocument(input);
  } catch (e) {
    if (e instanceof DocumentError) return e.message;
    throw e;
  }
  return 'valid';
};

const results = table(
  { caption: 'Turnout by ward', headerRow: true },
  row('Ward', 'Turnout'),
  row('North', '61%'),
  row('South', undefined),
);

describe('tables in the document', () => {
  it('validates a table and keeps caption, header flag and empty cells', () => {
    expect(validateDocument(doc(results))).toEqual(doc(results));
  });

  it('drops a blank caption, a false header flag and null attributes', () => {
    const t = table({ caption: '  ', headerRow: false }, row('a'));
    expect(validateDocument(doc(t))).toEqual(doc(table(null, row('a'))));
    expect(validateDocument(doc(table({ caption: null, headerRow: null }, row('a'))))).toEqual(
      doc(table(null, row('a'))),
    );
  });

  it('refuses empty, ragged, oversized and malformed tables with a path', () => {
    expect(reason(doc(table(null)))).toMatch(/content\[0\] \(table\): must contain at least one row/);
    expect(reason(doc(table(null, { type: 'tableRow', content: [] })))).toMatch(/at least one cell/);
    expect(reason(doc(table(null, row('a', 'b'), row('c'))))).toMatch(
      /content\[0\]\.content\[1\] \(tableRow\): has 1 cells where the first row has 2/,
    );
    const wide = row(...Array.from({ length: DOCUMENT_LIMITS.maxTableColumns + 1 }, () => 'x'));
    expect(reason(doc(table(null, wide)))).toMatch(/more than 20 cells/);
    const long = Array.from({ length: DOCUMENT_LIMITS.maxTableRows + 1 }, () => row('x'));
    expect(reason(doc(table(null, ...long)))).toMatch(/more than 500 rows/);
    expect(reason(doc(table({ headerRow: 'yes' }, row('a'))))).toMatch(/headerRow must be true or false/);
    expect(reason(doc(table({ border: 1 }, row('a'))))).toMatch(/unknown attribute "border"/);
    // Cells hold inline content only, and merged cells do not exist.
    expect(reason(doc(table(null, { type: 'tableRow', content: [{ type: 'paragraph' }] })))).toMatch(
      /not allowed in a table row/,
    );
    expect(
      reason(doc(table(null, { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2 } }] }))),
    ).toMatch(/unknown field "attrs"/);
    expect(reason(doc(row('a')))).toMatch(/not allowed in a block position/);
  });

  it('renders an accessible table in a scrolling region', () => {
    const { $ } = render(results);
    const wrap = $('div.body-table');
    expect(wrap.attr('tabindex')).toBe('0');
    expect(wrap.attr('role')).toBe('region');
    expect(wrap.attr('aria-label')).toBe('Turnout by ward');
    expect($('table > caption').text()).toBe('Turnout by ward');
    expect(
      $('thead th[scope="col"]')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['Ward', 'Turnout']);
    expect($('tbody tr').length).toBe(2);
    expect(
      $('tbody td')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['North', '61%', 'South', '']);
  });

  it('renders a table without header row as body rows only, and escapes cells', () => {
    const { $, html } = render(table(null, row('<b>x</b>', 'y')));
    expect($('thead').length).toBe(0);
    expect($('th').length).toBe(0);
    expect($('caption').length).toBe(0);
    expect(html).toContain('<td>&lt;b&gt;x&lt;/b&gt;</td>');
  });

  it('gives search the caption and every cell', () => {
    expect(renderText(validateDocument(doc(results)))).toBe(
      'Turnout by ward\nWard | Turnout\nNorth | 61%\nSouth | ',
    );
  });
});

describe('underline, strike-through, superscript, subscript and links in a new tab', () => {
  it('validates and renders each mark, nested in a fixed order', () => {
    const p = {
      type: 'paragraph',
      content: [
        text('H'),
        text('2', [{ type: 'subscript' }]),
        text('O, E=mc'),
        text('2', [{ type: 'superscript' }]),
        text(' '),
        text('old', [{ type: 'strike' }, { type: 'bold' }]),
        text(' '),
        text('stress', [{ type: 'underline' }]),
      ],
    };
    const { html } = render(p);
    expect(html).toBe('<p>H<sub>2</sub>O, E=mc<sup>2</sup> <strong><s>old</s></strong> <u>stress</u></p>');
  });

  it('refuses a doubled mark and an unknown one', () => {
    const p = (marks: unknown[]) => doc({ type: 'paragraph', content: [text('x', marks)] });
    expect(reason(p([{ type: 'strike' }, { type: 'strike' }]))).toMatch(/duplicate strike mark/);
    expect(reason(p([{ type: 'highlight' }]))).toMatch(/unknown mark type "highlight"/);
  });

  it('renders newTab as target=_blank with rel noopener noreferrer, and checks its type', () => {
    const link = (attrs: unknown) =>
      doc({ type: 'paragraph', content: [text('x', [{ type: 'link', attrs }])] });
    const { html } = render(...link({ href: 'https://example.org/', newTab: true }).content);
    expect(html).toBe(
      '<p><a href="https://example.org/" target="_blank" rel="noopener noreferrer">x</a></p>',
    );
    expect(validateDocument(link({ href: 'https://example.org/', newTab: false }))).toEqual(
      link({ href: 'https://example.org/' }),
    );
    expect(reason(link({ href: 'https://example.org/', newTab: 'yes' }))).toMatch(
      /newTab must be true or false/,
    );
  });
});

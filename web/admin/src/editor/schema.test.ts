// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fromEditor, toDoc, toEditorContent } from './schema.js';

const text = (t: string) => ({ type: 'text', text: t });
const plain = { colspan: 1, rowspan: 1, colwidth: null };
const cell = (type: string, t?: string, attrs: Record<string, unknown> = plain) => ({
  type,
  attrs,
  ...(t ? { content: [text(t)] } : {}),
});

describe('tables between the editor and the document', () => {
  it('turns header cells into headerRow, drops cell attributes, spreads merged cells and pads rows', () => {
    const editorJson = {
      type: 'doc',
      content: [
        {
          type: 'table',
          attrs: { caption: ' Turnout ' },
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Ward'), cell('tableHeader', 'Turnout')] },
            { type: 'tableRow', content: [cell('tableCell', 'Both', { ...plain, colspan: 2 })] },
            { type: 'tableRow', content: [cell('tableCell', 'North')] },
          ],
        },
      ],
    };
    const doc = toDoc(editorJson);
    const c = (t?: string) => (t ? { type: 'tableCell', content: [text(t)] } : { type: 'tableCell' });
    expect(doc.content[0]).toEqual({
      type: 'table',
      attrs: { caption: 'Turnout', headerRow: true },
      content: [
        { type: 'tableRow', content: [c('Ward'), c('Turnout')] },
        { type: 'tableRow', content: [c('Both'), c()] },
        { type: 'tableRow', content: [c('North'), c()] },
      ],
    });
    // And back: the header row is header cells again, the caption the table's attribute.
    const back = toEditorContent(doc).content[0] as unknown as {
      attrs: unknown;
      content: { content: { type: string }[] }[];
    };
    expect(back.attrs).toEqual({ caption: 'Turnout' });
    expect(back.content.map((r) => r.content.map((x) => x.type))).toEqual([
      ['tableHeader', 'tableHeader'],
      ['tableCell', 'tableCell'],
      ['tableCell', 'tableCell'],
    ]);
    // A document (already converted) passes through unchanged.
    expect(fromEditor(doc)).toEqual(doc);
  });

  it('gives the editor one empty paragraph for an empty body', () => {
    expect(toEditorContent({ type: 'doc', content: [] })).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph' }],
    });
  });
});

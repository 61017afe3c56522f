import type { Editor } from '@tiptap/core';
import { useId } from 'react';
import './table-tools.css';
import { t } from '../i18n/index.js';
import { useEditorTick } from './tick.js';

/**
 * The table the cursor is in: caption, header row, rows and columns. Shown under the toolbar
 * while the cursor is in a table; every action is a button, reachable with Tab.
 */
export function TableTools({ editor }: { editor: Editor }) {
  const id = useId();
  useEditorTick(editor);
  if (!editor.isActive('table')) return null;
  const caption = (editor.getAttributes('table').caption as string | null) ?? '';
  const run = (f: (c: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) =>
    f(editor.chain().focus()).run();
  // The header row is the first row's cells being header cells (the editor's way to hold it).
  const firstRow = findTable(editor)?.firstChild;
  const hasHeader = !!firstRow && firstRow.childCount > 0 && firstRow.firstChild?.type.name === 'tableHeader';
  return (
    <fieldset className="table-tools">
      <legend>{t('tool.table')}</legend>
      <label htmlFor={`${id}-caption`}>{t('table.caption')}</label>
      <input
        id={`${id}-caption`}
        value={caption}
        maxLength={2000}
        onChange={(e) => editor.commands.updateAttributes('table', { caption: e.target.value || null })}
      />
      <label className="check">
        <input type="checkbox" checked={hasHeader} onChange={() => run((c) => c.toggleHeaderRow())} />
        {t('table.header')}
      </label>
      <div className="buttons">
        <button type="button" onClick={() => run((c) => c.addRowAfter())}>
          {t('table.addRow')}
        </button>
        <button type="button" onClick={() => run((c) => c.deleteRow())}>
          {t('table.removeRow')}
        </button>
        <button type="button" onClick={() => run((c) => c.addColumnAfter())}>
          {t('table.addColumn')}
        </button>
        <button type="button" onClick={() => run((c) => c.deleteColumn())}>
          {t('table.removeColumn')}
        </button>
        <button type="button" onClick={() => run((c) => c.deleteTable())}>
          {t('table.delete')}
        </button>
      </div>
    </fieldset>
  );
}

function findTable(editor: Editor) {
  const $from = editor.state.selection.$from;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type.name === 'table') return node;
  }
  return null;
}

import type { BlockNode } from '@shared/document/index.js';
import { type Editor, Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { t } from '../i18n/index.js';
import { inlineOf, pasteToDocument, settleImages } from './paste.js';
import { uploadPastedImages } from './paste-images.js';
import { toEditorContent } from './schema.js';

export interface PasteOptions {
  /** Told what a paste uploaded and left out ("1 image uploaded; 2 images … were not pasted"), or null. */
  onNotice: (notice: string | null) => void;
}

/**
 * Pastes HTML from outside the editor through paste.ts, uploading the images it can read into
 * the media library first. ProseMirror's own clipboard (a copy inside the editor, marked
 * `data-pm-slice`) and plain text keep ProseMirror's handling.
 */
export const PasteConverter = Extension.create<PasteOptions>({
  name: 'pasteConverter',
  addOptions() {
    return { onNotice: () => undefined };
  },
  addProseMirrorPlugins() {
    const editor = this.editor;
    const { onNotice } = this.options;
    return [
      new Plugin({
        props: {
          handlePaste: (_view, event) => {
            const html = event.clipboardData?.getData('text/html') ?? '';
            if (!html.trim() || html.includes('data-pm-slice')) return false;
            const result = pasteToDocument(html);
            // A table cell holds no images: they are counted, not uploaded.
            if (!result.images.length || inCell(editor)) {
              const settled = settleImages(
                result,
                result.images.map(() => null),
              );
              onNotice(settled.notice);
              insertBlocks(editor, settled.blocks);
              return true;
            }
            const n = result.images.length;
            onNotice(t('paste.uploading', { n }));
            void uploadPastedImages(result.images).then((ids) => {
              if (editor.isDestroyed) return;
              const settled = settleImages(result, ids);
              onNotice(settled.notice);
              // Where the cursor is now: typing on while the images upload moves the paste along.
              insertBlocks(editor, settled.blocks);
            });
            return true;
          },
        },
      }),
    ];
  },
});

const inCell = (editor: Editor) =>
  !!editor.state.selection.$from.parent.type.spec.tableRole?.includes('cell');

function insertBlocks(editor: Editor, blocks: BlockNode[]): void {
  if (!blocks.length) return;
  // Into a table cell, which holds a line of text: the paste's text, line by line.
  if (inCell(editor)) {
    editor.chain().focus().insertContent(inlineOf(blocks)).run();
    return;
  }
  const content = toEditorContent({ type: 'doc', content: blocks }).content;
  // One paragraph joins the text where the cursor is; more become blocks of their own.
  const first = content[0];
  const single = content.length === 1 && first?.type === 'paragraph';
  editor
    .chain()
    .focus()
    .insertContent(single && first.type === 'paragraph' ? (first.content ?? []) : content)
    .run();
}

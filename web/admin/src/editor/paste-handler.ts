import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { pasteToDocument } from './paste.js';
import { toEditorContent } from './schema.js';

export interface PasteOptions {
  /** Told what a paste left out ("2 images … were not pasted"), or null after a clean paste. */
  onNotice: (notice: string | null) => void;
}

/**
 * Pastes HTML from outside the editor through paste.ts. ProseMirror's own clipboard (a copy
 * inside the editor, marked `data-pm-slice`) and plain text keep ProseMirror's handling.
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
            const { blocks, notice } = pasteToDocument(html);
            onNotice(notice);
            if (!blocks.length) return true;
            const content = toEditorContent({ type: 'doc', content: blocks }).content;
            // One paragraph joins the text where the cursor is; more become blocks of their own.
            const first = content[0];
            const single = content.length === 1 && first?.type === 'paragraph';
            editor
              .chain()
              .focus()
              .insertContent(single && first.type === 'paragraph' ? (first.content ?? []) : content)
              .run();
            return true;
          },
        },
      }),
    ];
  },
});

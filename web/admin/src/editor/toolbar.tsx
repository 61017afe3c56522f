import { isSafeHref } from '@shared/document/index.js';
import { type Editor, Extension } from '@tiptap/core';
import { useState } from 'react';
import type { MediaItem } from '../api/media.js';
import type { User } from '../api/session.js';
import { MediaPicker } from '../media/picker.js';
import { embedFor } from './schema.js';
import './toolbar.css';

/** Asks for a link address and applies it to the selection; refuses what the site would refuse. */
export function promptLink(editor: Editor): void {
  const current = (editor.getAttributes('link').href as string | undefined) ?? 'https://';
  const href = window.prompt('Link address (https://…, or empty to remove the link)', current);
  if (href === null) return;
  if (href.trim() === '' || href.trim() === 'https://') {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    return;
  }
  if (!isSafeHref(href.trim())) {
    window.alert('Links must be full http, https or mailto addresses, e.g. https://example.org/page');
    return;
  }
  editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
}

/** A library image as a body node; its caption and credit start from the library's. */
function insertImage(editor: Editor, m: MediaItem): void {
  editor
    .chain()
    .focus()
    .insertContent({
      type: 'image',
      attrs: { mediaId: m.id, caption: m.caption || null, credit: m.credit || null, filePhoto: m.filePhoto },
    })
    .run();
}

function promptEmbed(editor: Editor): void {
  const url = window.prompt('Address of a YouTube, Vimeo, Spotify, X, Instagram or SoundCloud item');
  if (url === null) return;
  const embed = embedFor(url.trim());
  if (!embed) {
    window.alert('That address is not one we can embed.');
    return;
  }
  editor.chain().focus().insertContent({ type: 'embed', attrs: embed }).run();
}

/** Shortcuts beyond TipTap's own (Mod-B, Mod-I, Mod-Alt-2…, Mod-Shift-7/8, Mod-Shift-B, Mod-Z). */
export const ExtraShortcuts = Extension.create({
  name: 'mastheadShortcuts',
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        promptLink(this.editor);
        return true;
      },
    };
  },
});

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

interface Tool {
  label: string;
  title: string;
  active?: (e: Editor) => boolean;
  run: (e: Editor) => void;
  /** Opens the media picker instead of running. */
  picker?: true;
}

const TOOLS: (Tool | 'sep')[] = [
  {
    label: 'B',
    title: `Bold (${MOD}B)`,
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'I',
    title: `Italic (${MOD}I)`,
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  { label: 'Link', title: `Link (${MOD}K)`, active: (e) => e.isActive('link'), run: promptLink },
  'sep',
  {
    label: 'P',
    title: `Paragraph (${MOD}Alt+0)`,
    active: (e) => e.isActive('paragraph'),
    run: (e) => e.chain().focus().setParagraph().run(),
  },
  ...([2, 3, 4] as const).map(
    (level): Tool => ({
      label: `H${level}`,
      title: `Heading ${level} (${MOD}Alt+${level})`,
      active: (e) => e.isActive('heading', { level }),
      run: (e) => e.chain().focus().toggleHeading({ level }).run(),
    }),
  ),
  {
    label: '“ ”',
    title: `Quote (${MOD}Shift+B)`,
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: '• List',
    title: `Bulleted list (${MOD}Shift+8)`,
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: '1. List',
    title: `Numbered list (${MOD}Shift+7)`,
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  'sep',
  { label: 'Image', title: 'Insert an image from the media library', run: () => undefined, picker: true },
  { label: 'Embed', title: 'Embed a video, post or track', run: promptEmbed },
  { label: '—', title: 'Divider', run: (e) => e.chain().focus().setHorizontalRule().run() },
  'sep',
  { label: 'Undo', title: `Undo (${MOD}Z)`, run: (e) => e.chain().focus().undo().run() },
  { label: 'Redo', title: `Redo (${MOD}Shift+Z)`, run: (e) => e.chain().focus().redo().run() },
];

export function Toolbar({ editor, user }: { editor: Editor; user?: User }) {
  const [picking, setPicking] = useState(false);
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {picking && (
        <MediaPicker
          title="Insert an image"
          user={user ?? null}
          onPick={(m) => insertImage(editor, m)}
          onClose={() => setPicking(false)}
        />
      )}
      {TOOLS.map((t, i) =>
        t === 'sep' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: separators are static
          <span key={`sep${i}`} className="sep" aria-hidden="true" />
        ) : (
          <button
            key={t.title}
            type="button"
            title={t.title}
            aria-label={t.title}
            aria-pressed={t.active ? t.active(editor) : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => (t.picker ? setPicking(true) : t.run(editor))}
          >
            {t.label}
          </button>
        ),
      )}
    </div>
  );
}

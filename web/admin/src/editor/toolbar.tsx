import { type Editor, Extension } from '@tiptap/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { MediaItem } from '../api/media.js';
import type { User } from '../api/session.js';
import { MediaPicker } from '../media/picker.js';
import { EmbedDialog } from './embed-dialog.js';
import { LinkDialog } from './link-dialog.js';
import { useEditorTick } from './tick.js';
import './toolbar.css';
import { t } from '../i18n/index.js';

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

type ShortcutStorage = { openLink: (() => void) | null; focusToolbar: (() => void) | null };

/**
 * Shortcuts beyond TipTap's own (Mod-B, Mod-I, Mod-U, Mod-Shift-S, Mod-Alt-2…, Mod-Z): Mod-K
 * opens the link dialog, Alt-F10 moves to the toolbar (as in other rich-text editors).
 */
export const ExtraShortcuts = Extension.create<unknown, ShortcutStorage>({
  name: 'mastheadShortcuts',
  addStorage() {
    return { openLink: null, focusToolbar: null };
  },
  addKeyboardShortcuts() {
    return {
      // The toolbar registers the dialog's opener; without a toolbar (read-only) there is none.
      'Mod-k': () => {
        this.storage.openLink?.();
        return this.storage.openLink !== null;
      },
      // From the text to the toolbar without Tab, which moves between a table's cells.
      'Alt-F10': () => {
        this.storage.focusToolbar?.();
        return this.storage.focusToolbar !== null;
      },
    };
  },
});

function shortcuts(editor: Editor): ShortcutStorage | undefined {
  return (editor.storage as unknown as { mastheadShortcuts?: ShortcutStorage }).mastheadShortcuts;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/**
 * One button. `label` is what it shows; `name`, when the label is a letter or symbol, is the
 * accessible name, and always contains the label (WCAG 2.5.3: speech users say what they see).
 */
interface Tool {
  label: string;
  name?: string;
  /** The tooltip: what it does and its shortcut. */
  title: string;
  active?: (e: Editor) => boolean;
  run: (e: Editor, open: Openers) => void;
  /** Shown on a phone's one row; the others go into "More". */
  primary?: true;
  /** Starts a group (a separator before it on wide screens). */
  group?: true;
}

interface Openers {
  picker: () => void;
  link: () => void;
  embed: () => void;
}

export const TOOLS: Tool[] = [
  {
    label: 'B',
    name: t('tool.bold'),
    title: t('tool.bold.title', { keys: `${MOD}B` }),
    primary: true,
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'I',
    name: t('tool.italic'),
    title: t('tool.italic.title', { keys: `${MOD}I` }),
    primary: true,
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'U',
    name: t('tool.underline'),
    title: t('tool.underline.title', { keys: `${MOD}U` }),
    active: (e) => e.isActive('underline'),
    run: (e) => e.chain().focus().toggleUnderline().run(),
  },
  {
    label: 'S',
    name: t('tool.strike'),
    title: t('tool.strike.title', { keys: `${MOD}Shift+S` }),
    active: (e) => e.isActive('strike'),
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  {
    label: t('tool.sup'),
    name: t('tool.sup.name'),
    title: t('tool.sup.title', { keys: `${MOD}.` }),
    active: (e) => e.isActive('superscript'),
    run: (e) => e.chain().focus().toggleMark('superscript').run(),
  },
  {
    label: t('tool.sub'),
    name: t('tool.sub.name'),
    title: t('tool.sub.title', { keys: `${MOD},` }),
    active: (e) => e.isActive('subscript'),
    run: (e) => e.chain().focus().toggleMark('subscript').run(),
  },
  {
    label: t('tool.link'),
    title: t('tool.link.title', { keys: `${MOD}K` }),
    primary: true,
    active: (e) => e.isActive('link'),
    run: (_e, open) => open.link(),
  },
  {
    label: 'P',
    name: t('tool.paragraph'),
    title: t('tool.paragraph.title', { keys: `${MOD}Alt+0` }),
    group: true,
    active: (e) => e.isActive('paragraph'),
    run: (e) => e.chain().focus().setParagraph().run(),
  },
  ...([2, 3, 4] as const).map(
    (level): Tool => ({
      label: `H${level}`,
      name: t('tool.heading', { level }),
      title: t('tool.heading.title', { level, keys: `${MOD}Alt+${level}` }),
      primary: level === 2 ? true : undefined,
      active: (e) => e.isActive('heading', { level }),
      run: (e) => e.chain().focus().toggleHeading({ level }).run(),
    }),
  ),
  {
    label: t('tool.quote'),
    title: t('tool.quote.title', { keys: `${MOD}Shift+B` }),
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: t('tool.bullets'),
    title: t('tool.bullets.title', { keys: `${MOD}Shift+8` }),
    primary: true,
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: t('tool.numbers'),
    title: t('tool.numbers.title', { keys: `${MOD}Shift+7` }),
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: t('tool.image'),
    title: t('tool.image.title'),
    group: true,
    run: (_e, open) => open.picker(),
  },
  { label: t('tool.embed'), title: t('tool.embed.title'), run: (_e, open) => open.embed() },
  {
    label: t('tool.table'),
    title: t('tool.table.title'),
    active: (e) => e.isActive('table'),
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
  {
    label: t('tool.divider'),
    title: t('tool.divider.title'),
    run: (e) => e.chain().focus().setHorizontalRule().run(),
  },
  {
    label: t('tool.undo'),
    title: t('tool.undo.title', { keys: `${MOD}Z` }),
    group: true,
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    label: t('tool.redo'),
    title: t('tool.redo.title', { keys: `${MOD}Shift+Z` }),
    run: (e) => e.chain().focus().redo().run(),
  },
];

/** Narrow screens (a phone held upright) show one row and a "More" menu. */
const NARROW = '(max-width: 600px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const mq = window.matchMedia(NARROW);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

/**
 * The formatting toolbar: ONE tab stop (roving tabindex: Tab enters at the last button used,
 * arrow keys, Home and End move within), so the body is one Tab away, not sixteen.
 */
export function Toolbar({ editor, user }: { editor: Editor; user?: User }) {
  useEditorTick(editor);
  const [picking, setPicking] = useState(false);
  const [linking, setLinking] = useState(false);
  const [embedding, setEmbedding] = useState(false);
  const [current, setCurrent] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const narrow = useNarrow();
  const bar = useRef<HTMLDivElement>(null);
  const open: Openers = {
    picker: () => setPicking(true),
    link: () => setLinking(true),
    embed: () => setEmbedding(true),
  };

  useEffect(() => {
    const s = shortcuts(editor);
    if (!s) return;
    s.openLink = () => setLinking(true);
    s.focusToolbar = () =>
      bar.current?.querySelector<HTMLButtonElement>(':scope > button[tabindex="0"]')?.focus();
    return () => {
      s.openLink = null;
      s.focusToolbar = null;
    };
  }, [editor]);

  const shown = narrow ? TOOLS.filter((t) => t.primary) : TOOLS;
  const more = narrow ? TOOLS.filter((t) => !t.primary) : [];
  const count = shown.length + (more.length ? 1 : 0);
  const index = Math.min(current, count - 1);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: count - 1,
    };
    if (!(e.key in moves) || (e.target as HTMLElement).closest('[role="menu"]')) return;
    e.preventDefault();
    const next = ((moves[e.key] ?? 0) + count) % count;
    setCurrent(next);
    bar.current?.querySelectorAll<HTMLButtonElement>(':scope > button')[next]?.focus();
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('tool.bar')} ref={bar} onKeyDown={onKeyDown}>
      {picking && (
        <MediaPicker
          title={t('tool.picker')}
          user={user ?? null}
          onPick={(m) => insertImage(editor, m)}
          onClose={() => setPicking(false)}
        />
      )}
      {linking && <LinkDialog editor={editor} onClose={() => setLinking(false)} />}
      {embedding && <EmbedDialog editor={editor} onClose={() => setEmbedding(false)} />}
      {shown.map((tool, i) => (
        <button
          key={tool.title}
          type="button"
          className={tool.group && !narrow ? 'group-start' : undefined}
          title={tool.title}
          aria-label={tool.name}
          tabIndex={i === index ? 0 : -1}
          aria-pressed={tool.active ? tool.active(editor) : undefined}
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setCurrent(i)}
          onClick={() => tool.run(editor, open)}
        >
          {tool.label}
        </button>
      ))}
      {more.length > 0 && (
        <MoreMenu
          tools={more}
          editor={editor}
          open={open}
          expanded={menuOpen}
          setExpanded={setMenuOpen}
          tabIndex={index === shown.length ? 0 : -1}
          onFocus={() => setCurrent(shown.length)}
        />
      )}
    </div>
  );
}

/** The rest of the tools on a phone: a menu button and its menu (arrow keys, Escape). */
function MoreMenu({
  tools,
  editor,
  open,
  expanded,
  setExpanded,
  tabIndex,
  onFocus,
}: {
  tools: Tool[];
  editor: Editor;
  open: Openers;
  expanded: boolean;
  setExpanded: (v: boolean) => void;
  tabIndex: number;
  onFocus: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (expanded) menu.current?.querySelector<HTMLButtonElement>('[role^="menuitem"]')?.focus();
  }, [expanded]);
  const close = () => {
    setExpanded(false);
    button.current?.focus();
  };
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  }
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={expanded}
        tabIndex={tabIndex}
        onFocus={onFocus}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setExpanded(!expanded)}
      >
        {t('tool.more')}
      </button>
      {expanded && (
        <div
          className="toolbar-menu"
          role="menu"
          aria-label={t('tool.more.label')}
          ref={menu}
          onKeyDown={onKeyDown}
          tabIndex={-1}
        >
          {tools.map((tool) => {
            const props = {
              type: 'button' as const,
              tabIndex: -1,
              'aria-label': tool.name,
              title: tool.title,
              onMouseDown: (e: { preventDefault: () => void }) => e.preventDefault(),
              onClick: () => {
                setExpanded(false);
                tool.run(editor, open);
              },
            };
            // Marks and block types are on or off: a checkbox item says which.
            return tool.active ? (
              <button key={tool.title} role="menuitemcheckbox" aria-checked={tool.active(editor)} {...props}>
                {tool.label}
              </button>
            ) : (
              <button key={tool.title} role="menuitem" {...props}>
                {tool.label}
              </button>
            );
          })}
        </div>
      )}
    </>
  );
}

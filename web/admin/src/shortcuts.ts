/**
 * The app's keyboard shortcuts: the one list the shortcut sheet (`?`) shows and the shell's key
 * handler follows, so the sheet cannot promise a key that does nothing. Shortcuts of the story
 * editor (handled by the editor itself) are listed here only so the sheet names them.
 */
import { t } from './i18n/index.js';

/** What a shell shortcut does (app.tsx carries it out). */
export type ShortcutAction = 'new-story' | 'desk' | 'stories' | 'search' | 'help';

export interface Shortcut {
  /** The keys in order, as KeyboardEvent.key names them: ['g', 'd'] is "g, then d". */
  keys: string[];
  label: string;
  /** `app`: anywhere outside a text field; `editor`: while writing a story (listed only). */
  scope: 'app' | 'editor';
  action?: ShortcutAction;
  /** Held with Ctrl (⌘ on a Mac): how the sheet draws the editor's shortcuts. */
  mod?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['n'], label: t('app.newStory'), scope: 'app', action: 'new-story' },
  { keys: ['g', 'd'], label: t('shortcut.desk'), scope: 'app', action: 'desk' },
  { keys: ['g', 's'], label: t('shortcut.stories'), scope: 'app', action: 'stories' },
  { keys: ['/'], label: t('shortcut.search'), scope: 'app', action: 'search' },
  { keys: ['?'], label: t('shortcut.help'), scope: 'app', action: 'help' },
  { keys: ['s'], label: t('shortcut.save'), scope: 'editor', mod: true },
  { keys: ['b'], label: t('tool.bold'), scope: 'editor', mod: true },
  { keys: ['i'], label: t('tool.italic'), scope: 'editor', mod: true },
  { keys: ['u'], label: t('tool.underline'), scope: 'editor', mod: true },
  { keys: ['Shift', 's'], label: t('shortcut.strike'), scope: 'editor', mod: true },
  { keys: ['.'], label: t('shortcut.sup'), scope: 'editor', mod: true },
  { keys: [','], label: t('shortcut.sub'), scope: 'editor', mod: true },
  { keys: ['k'], label: t('shortcut.link'), scope: 'editor', mod: true },
  { keys: ['z'], label: t('tool.undo'), scope: 'editor', mod: true },
];

/** How long the second key of a sequence ("g", then "d") may wait. */
export const SEQUENCE_MS = 1500;

/**
 * Follows keys typed outside text fields and says which shell shortcut they complete, if any.
 * A key that starts a sequence ("g") is held until the next key or `reset()` (a timer).
 */
export function shortcutMatcher(list: Shortcut[] = SHORTCUTS) {
  const shell = list.filter((s) => s.scope === 'app' && s.action);
  let pending: string[] = [];
  function key(k: string): { action: ShortcutAction | null; waiting: boolean } {
    const typed = [...pending, k];
    const starts = (s: Shortcut) => typed.every((t, i) => s.keys[i] === t);
    const done = shell.find((s) => s.keys.length === typed.length && starts(s));
    if (done) {
      pending = [];
      return { action: done.action ?? null, waiting: false };
    }
    if (shell.some(starts)) {
      pending = typed;
      return { action: null, waiting: true };
    }
    pending = [];
    // "g" then something else: that something may start a shortcut of its own.
    return typed.length > 1 ? key(k) : { action: null, waiting: false };
  }
  return {
    key,
    reset() {
      pending = [];
    },
  };
}

/** Keys typed into a field, a menu or the editor are text, never shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return Boolean(el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

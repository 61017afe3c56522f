import { useEffect, useId, useRef } from 'react';
import { t } from '../i18n/index.js';
import { SHORTCUTS, type Shortcut } from '../shortcuts.js';
import './shortcut-sheet.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "g then d": keys pressed one after another. */
function Sequence({ keys }: { keys: string[] }) {
  const [first, ...rest] = keys;
  return (
    <>
      <kbd>{first}</kbd>
      {rest.length > 0 && (
        <>
          {` ${t('shortcuts.then')} `}
          <Sequence keys={rest} />
        </>
      )}
    </>
  );
}

function Keys({ s }: { s: Shortcut }) {
  // Held together with Ctrl (⌘): one key cap, as the editor's menus write it.
  // A chord: Ctrl+B, Ctrl+Shift+S.
  if (s.mod)
    return (
      <kbd>{`${isMac ? '⌘' : 'Ctrl+'}${s.keys.map((k) => (k.length === 1 ? k.toUpperCase() : k)).join('+')}`}</kbd>
    );
  return <Sequence keys={s.keys} />;
}

/**
 * The keyboard shortcut sheet (`?`): a modal <dialog> drawn from the one list in shortcuts.ts.
 * Escape or "Close" shuts it, and the focus goes back where it was when it opened.
 */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // The browser may not put it back (the opener can be the page itself): do it here.
      before?.focus();
    };
  }, []);

  const group = (scope: Shortcut['scope'], title: string) => (
    <section aria-labelledby={`${id}-${scope}`}>
      <h3 id={`${id}-${scope}`}>{title}</h3>
      <dl>
        {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
          <div key={s.label}>
            <dt>
              <Keys s={s} />
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );

  return (
    <dialog ref={ref} className="shortcut-sheet" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="shortcut-sheet-head">
        <h2 id={`${id}-title`}>{t('shortcuts.title')}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          {t('shortcuts.close')}
        </button>
      </div>
      {group('app', t('shortcuts.app'))}
      {group('editor', t('shortcuts.editor'))}
    </dialog>
  );
}

import type { Editor } from '@tiptap/core';
import { type ReactNode, type RefObject, useEffect } from 'react';
import './link-dialog.css';
import { t } from '../i18n/index.js';

/**
 * The shell the editor's own dialogs (link, embed) share, in place of the browser's prompt():
 * a modal <dialog> opened on mount and titled by its heading, whose form submits without leaving
 * the page, with Cancel and a submit button last. However it closes (Escape, Cancel, or the
 * caller's `dialogRef.current.close()` after applying), the focus goes back to the text.
 */
export function EditorDialog({
  editor,
  dialogRef,
  idPrefix,
  title,
  className,
  describedBy,
  submitLabel,
  onSubmit,
  onClose,
  extraButtons,
  children,
}: {
  editor: Editor;
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** From useId(): the title is `${idPrefix}-title`. */
  idPrefix: string;
  title: string;
  className: string;
  describedBy?: string;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** Buttons before Cancel (e.g. "Remove link"). */
  extraButtons?: ReactNode;
  children: ReactNode;
}) {
  useEffect(() => {
    if (dialogRef.current && !dialogRef.current.open) dialogRef.current.showModal();
  }, [dialogRef]);

  return (
    <dialog
      ref={dialogRef}
      className={className}
      aria-labelledby={`${idPrefix}-title`}
      aria-describedby={describedBy}
      onClose={() => {
        onClose();
        editor.commands.focus();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={`${idPrefix}-title`}>{title}</h2>
        {children}
        <div className="buttons">
          {extraButtons}
          <button type="button" onClick={() => dialogRef.current?.close()}>
            {t('manage.cancel')}
          </button>
          <button type="submit" className="primary">
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { EMBED_PROVIDER_NAMES, EMBED_PROVIDERS, embedFor } from '@shared/document/index.js';
import type { Editor } from '@tiptap/core';
import { useId, useRef, useState } from 'react';
import { t } from '../i18n/index.js';
import { EditorDialog } from './editor-dialog.js';

/** "YouTube, Vimeo, Spotify, X, Instagram or SoundCloud": the document schema's allow-list. */
export const EMBED_PROVIDERS_TEXT = (() => {
  const names = EMBED_PROVIDER_NAMES.map((p) => EMBED_PROVIDERS[p].name);
  return t('embed.providers', { first: names.slice(0, -1).join(', '), last: names.at(-1) ?? '' });
})();

/**
 * The embed dialog: the address of a video, post or track, checked against the same allow-list
 * the server validates with (matchEmbed), and refused in place with the providers we accept.
 * Replaces the browser's prompt() and alert(), as the link dialog does.
 */
export function EmbedDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');

  function apply() {
    const value = url.trim();
    const embed = value ? embedFor(value) : null;
    if (!embed) {
      setError(t('embed.refused', { providers: EMBED_PROVIDERS_TEXT }));
      return;
    }
    editor.chain().focus().insertContent({ type: 'embed', attrs: embed }).run();
    ref.current?.close();
  }

  return (
    <EditorDialog
      editor={editor}
      dialogRef={ref}
      idPrefix={id}
      title={t('tool.embed')}
      className="link-dialog embed-dialog"
      describedBy={`${id}-hint`}
      submitLabel={t('tool.embed')}
      onSubmit={apply}
      onClose={onClose}
    >
      <label htmlFor={`${id}-url`}>{t('embed.address')}</label>
      <input
        id={`${id}-url`}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setError('');
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      />
      <p id={`${id}-hint`} className="hint">
        {t('embed.from', { providers: EMBED_PROVIDERS_TEXT })}
      </p>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </EditorDialog>
  );
}

import { useState } from 'react';
import { type Note, useAddNote, useNotes } from '../api/notes.js';
import { messageOf } from '../api/query.js';
import { formatNewsroomTime } from '../time.js';
import './notes.css';
import { t } from '../i18n/index.js';

/** Same cap as the server (src/content/notes.ts); the server still decides. */
export const NOTE_MAX_CHARS = 2000;

const VIA: Record<NonNullable<Note['transition']>, string> = {
  submit: t('notes.via.submit'),
  return: t('notes.via.return'),
};

/** One note, as the thread and the desk show it: who, when, how it came, and the text. */
export function NoteLine({ note }: { note: Note }) {
  return (
    <>
      <p className="note-meta">
        <strong>{note.author.name}</strong>
        {note.transition && <> · {VIA[note.transition]}</>} ·{' '}
        <time dateTime={note.createdAt}>{formatNewsroomTime(note.createdAt)}</time>
      </p>
      <p className="note-text">{note.text}</p>
    </>
  );
}

/** The story's notes between writer and editor, in the side panel: read the thread, add to it. */
export function NotesThread({ articleId, version }: { articleId: number; version: number }) {
  // A transition with a note moves the version on: the thread is asked again then.
  const thread = useNotes(articleId, version);
  const notes = thread.data ?? null;
  const adding = useAddNote(articleId);
  const [text, setText] = useState('');
  const [addError, setAddError] = useState('');
  const error = addError || messageOf(thread.error);
  const busy = adding.isPending;

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await adding.mutateAsync(text);
      setText('');
      setAddError('');
    } catch (err) {
      setAddError((err as Error).message);
    }
  }

  return (
    <section className="notes" aria-label={t('notes.title')}>
      <h2>{t('notes.title')}</h2>
      <p className="hint">{t('notes.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notes && notes.length === 0 && <p className="muted">{t('notes.none')}</p>}
      {notes && notes.length > 0 && (
        <ol className="note-thread" data-testid="note-thread">
          {notes.map((n) => (
            <li key={n.id}>
              <NoteLine note={n} />
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={add}>
        <label>
          {t('notes.add.label')}
          <textarea
            value={text}
            maxLength={NOTE_MAX_CHARS}
            rows={2}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !text.trim()}>
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}

/**
 * Asked before Submit for review (a note to the editor, optional) and Return to draft (the
 * reason, required as the server requires it).
 */
export function TransitionNote({
  action,
  busy,
  send,
  cancel,
}: {
  action: 'submit' | 'return';
  busy: boolean;
  send: (note: string) => void;
  cancel: () => void;
}) {
  const [text, setText] = useState('');
  const required = action === 'return';
  return (
    <form
      className="transition-note"
      onSubmit={(e) => {
        e.preventDefault();
        if (required && !text.trim()) return;
        send(text.trim());
      }}
    >
      <label>
        {required ? t('notes.return.label') : t('notes.submit.label')}
        <textarea
          // biome-ignore lint/a11y/noAutofocus: the form opens because the user asked to write this
          autoFocus
          required={required}
          maxLength={NOTE_MAX_CHARS}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || (required && !text.trim())}>
          {required ? t('notes.return') : t('notes.submit')}
        </button>
        <button type="button" onClick={cancel}>
          {t('manage.cancel')}
        </button>
      </div>
    </form>
  );
}

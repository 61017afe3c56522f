import { useId, useRef, useState } from 'react';
import { ACCEPT, type MediaItem, uploadFile } from '../api/media.js';
import { t } from '../i18n/index.js';

interface Upload {
  key: number;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'error';
  message: string;
}

let nextKey = 1;

/**
 * Drop files here or pick them: one request per file, so each gets its own progress bar and its
 * own answer ("notes.svg: SVG is not accepted …"). Files upload side by side.
 */
export function Uploader({ onUploaded }: { onUploaded: (item: MediaItem) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);

  const update = (key: number, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  function start(files: FileList | null) {
    if (!files?.length) return;
    for (const file of Array.from(files)) {
      const key = nextKey++;
      setUploads((list) => [{ key, name: file.name, progress: 0, state: 'uploading', message: '' }, ...list]);
      uploadFile(file, (progress) => update(key, { progress }))
        .then((item) => {
          update(key, { state: 'done', progress: 1, message: t('upload.done') });
          onUploaded(item);
        })
        .catch((err: Error) => {
          // Server messages name the file already; others (offline, 403) get it added.
          const message = err.message.startsWith(file.name) ? err.message : `${file.name}: ${err.message}`;
          update(key, { state: 'error', message });
        });
    }
    if (input.current) input.current.value = '';
  }

  return (
    <section className="uploader" aria-labelledby={`${id}-title`}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the file input inside is the keyboard way */}
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          start(e.dataTransfer.files);
        }}
      >
        <h2 id={`${id}-title`}>{t('upload.title')}</h2>
        <p className="hint">{t('upload.hint')}</p>
        {/* The real input stays focusable; its label is what shows (and shows its focus). */}
        <input
          ref={input}
          id={`${id}-files`}
          className="visually-hidden file-input"
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => start(e.target.files)}
        />
        <label className="button primary" htmlFor={`${id}-files`}>
          {t('upload.choose')}
        </label>
      </div>
      {uploads.length > 0 && (
        <ul className="uploads" aria-label={t('upload.list')} aria-live="polite">
          {uploads.map((u) => (
            <li key={u.key} className={`upload upload-${u.state}`} data-state={u.state}>
              <span className="upload-name">{u.name}</span>
              <progress
                value={u.state === 'error' ? 0 : u.progress}
                max={1}
                aria-label={t('upload.of', { name: u.name })}
              />
              <span
                className={u.state === 'error' ? 'error' : 'muted'}
                role={u.state === 'error' ? 'alert' : undefined}
              >
                {u.state === 'uploading' ? `${Math.round(u.progress * 100)}%` : u.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

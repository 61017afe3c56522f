import { useEffect, useRef, useState } from 'react';
import { type MediaItem, useMediaSearch } from '../api/media.js';
import type { User } from '../api/session.js';
import { t } from '../i18n/index.js';
import { mayEver } from '../permissions.js';
import { MediaGrid, MediaSearchForm } from './grid.js';
import { Uploader } from './uploader.js';

/**
 * Choose an image from the library, or upload one first: a modal <dialog> (Escape closes it,
 * focus stays inside). The story editor uses it for the lead image and for body images.
 */
export function MediaPicker({
  title,
  user,
  onPick,
  onClose,
}: {
  title: string;
  user: User | null;
  onPick: (item: MediaItem) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const search = useMediaSearch(q);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={ref} className="media-picker" aria-label={title} onClose={onClose}>
      <div className="media-picker-head">
        <h2>{title}</h2>
        <button type="button" onClick={() => ref.current?.close()}>
          {t('manage.cancel')}
        </button>
      </div>
      {user && mayEver(user, 'media.create') && <Uploader onUploaded={search.upsert} />}
      <MediaSearchForm onSearch={setQ} />
      <MediaGrid
        search={search}
        chooseLabel={t('mediaGrid.chooseAction')}
        onChoose={(m) => {
          onPick(m);
          ref.current?.close();
        }}
      />
    </dialog>
  );
}

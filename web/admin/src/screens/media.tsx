import { useState } from 'react';
import { type MediaItem, useMediaSearch } from '../api/media.js';
import type { User } from '../api/session.js';
import { t } from '../i18n/index.js';
import { MediaEditPanel } from '../media/edit-panel.js';
import { MediaGrid, MediaSearchForm } from '../media/grid.js';
import { Uploader } from '../media/uploader.js';
import { mayEver, mayOn } from '../permissions.js';

/** /admin/media: upload, search, and describe the library's images. */
export function MediaScreen({ user }: { user: User }) {
  const [q, setQ] = useState('');
  const search = useMediaSearch(q);
  const [selected, setSelected] = useState<MediaItem | null>(null);
  // Contributors describe only the pictures they uploaded; staff any picture.
  const canEdit = (m: MediaItem | null) => m !== null && mayOn(user, 'media.update', m.uploadedBy);

  return (
    <main className={`media-screen${selected ? ' editing' : ''}`}>
      <h1>{t('nav.media')}</h1>
      <div className="media-layout">
        <div className="media-browse">
          {mayEver(user, 'media.create') && (
            <Uploader
              onUploaded={(m) => {
                search.upsert(m);
              }}
            />
          )}
          <MediaSearchForm onSearch={setQ} />
          <MediaGrid
            search={search}
            chooseLabel={mayEver(user, 'media.update') ? t('media.edit') : t('media.show')}
            selectedId={selected?.id ?? null}
            onChoose={setSelected}
          />
        </div>
        {selected && (
          <aside className="media-side" aria-label={t('media.details')}>
            <MediaEditPanel
              key={selected.id}
              item={selected}
              canEdit={canEdit(selected)}
              canDelete={mayEver(user, 'media.delete')}
              canTakeDown={mayEver(user, 'media.takedown')}
              // The save has put the item in the grid already (api/media.ts useSaveMedia).
              onSaved={setSelected}
              onClose={() => setSelected(null)}
            />
          </aside>
        )}
      </div>
    </main>
  );
}

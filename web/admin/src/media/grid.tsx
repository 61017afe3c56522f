import { useId, useState } from 'react';
import { type MediaItem, thumbUrl, usageLabel, type useMediaSearch } from '../api/media.js';
// The library's styles, for the media screen and the editor's picker alike.
import './media.css';
import { t } from '../i18n/index.js';

/**
 * Search box and thumbnail grid of the library, newest first. Used by the media screen (choose
 * = edit) and by the picker in the story editor (choose = insert). `search` is exposed so a
 * parent can add fresh uploads to the grid.
 */
export function MediaGrid({
  onChoose,
  selectedId,
  chooseLabel,
  search,
}: {
  onChoose: (item: MediaItem) => void;
  selectedId?: number | null;
  /** Accessible name of each tile's button, e.g. "Edit" or "Insert". */
  chooseLabel: string;
  search: ReturnType<typeof useMediaSearch>;
}) {
  const { items, loading, error, more, loadMore } = search;
  return (
    <div className="media-grid-wrap">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!loading && !error && items.length === 0 && <p className="muted">{t('mediaGrid.none')}</p>}
      <ul className="media-grid" aria-label={t('mediaGrid.label')} aria-busy={loading}>
        {items.map((m) => (
          <li key={m.id} className={m.id === selectedId ? 'selected' : undefined}>
            <button
              type="button"
              onClick={() => onChoose(m)}
              aria-pressed={selectedId === undefined ? undefined : m.id === selectedId}
            >
              {/* The name is the visible words with the action in front (no aria-label that
                  would hide them from speech control: WCAG 2.5.3, "label in name"). */}
              <span className="visually-hidden">
                {t('mediaGrid.choose', { action: chooseLabel, id: String(m.id) })}
              </span>
              <img src={thumbUrl(m)} alt="" loading="lazy" width={m.width} height={m.height} />
              <span className="media-caption">
                {m.caption || m.alt || m.originalName || t('editor.image', { id: String(m.id) })}
              </span>
              <span className="media-usage" data-testid="media-usage">
                {m.takenDownAt ? t('mediaGrid.takenDown') : ''}
                {usageLabel(m)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" onClick={loadMore} disabled={loading}>
          {t('mediaGrid.more')}
        </button>
      )}
    </div>
  );
}

/** The search form above a grid: applies on submit, so typing does not query per keystroke. */
export function MediaSearchForm({ onSearch }: { onSearch: (q: string) => void }) {
  const id = useId();
  const [q, setQ] = useState('');
  return (
    <form
      className="media-search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(q);
      }}
    >
      <label htmlFor={`${id}-q`}>{t('mediaGrid.search.label')}</label>
      <div className="row">
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          placeholder={t('mediaGrid.search.placeholder')}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">{t('stories.search')}</button>
      </div>
    </form>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import {
  type MediaItem,
  type MediaPatch,
  usageLabel,
  useDeleteMedia,
  useSaveMedia,
  useTakeDownMedia,
} from '../api/media.js';
import { t } from '../i18n/index.js';
import { BASE, onLinkClick } from '../router.js';

const pct = (f: number) => Math.round(f * 100);

/**
 * Alt text, caption, credit, file-photo flag and focal point of one image. The focal point is
 * set by clicking the picture (a marker shows it) or, from the keyboard, with the two number
 * inputs; the crops beside it show what cards and avatars will keep in view. Give it
 * `key={item.id}`: the form starts from the item it is opened with.
 */
export function MediaEditPanel({
  item,
  canEdit,
  canDelete = false,
  canTakeDown = false,
  onSaved,
  onClose,
}: {
  item: MediaItem;
  canEdit: boolean;
  /** May delete an unused image (media.delete). */
  canDelete?: boolean;
  /** May take a used image down and put it back (media.takedown). */
  canTakeDown?: boolean;
  onSaved: (item: MediaItem) => void;
  onClose: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState(item);
  // Saving puts the answer in every cached search too (api/media.ts).
  const saveMedia = useSaveMedia();
  const takeDown = useTakeDownMedia();
  const remove = useDeleteMedia();
  const uses = item.usedIn ?? [];
  const storyLines = uses.map((u) => `• ${u.headline || t('ingest.noHeadline')}`).join('\n');
  // Opening an image moves focus here (on a phone the panel is below the grid).
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message?: string }>({
    kind: 'idle',
  });

  const set = (patch: MediaPatch) => {
    setDraft((d) => ({ ...d, ...patch }));
    setState({ kind: 'idle' });
  };
  const clamp = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5));
  const position = `${pct(draft.focalX)}% ${pct(draft.focalY)}%`;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setState({ kind: 'saving' });
    try {
      const saved = await saveMedia.mutateAsync({
        id: item.id,
        patch: {
          alt: draft.alt,
          caption: draft.caption,
          credit: draft.credit,
          filePhoto: draft.filePhoto,
          focalX: draft.focalX,
          focalY: draft.focalY,
        },
      });
      setState({ kind: 'saved' });
      onSaved(saved);
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  async function changeTakeDown(down: boolean) {
    const question = down
      ? t('mediaEdit.takeDown.confirm', { id: String(item.id), stories: storyLines })
      : t('mediaEdit.putBack.confirm', { id: String(item.id), n: uses.length });
    if (!window.confirm(question)) return;
    setState({ kind: 'saving' });
    try {
      const saved = await takeDown.mutateAsync({ id: item.id, down });
      setState({ kind: 'saved', message: down ? t('mediaEdit.takenDown') : t('mediaEdit.back') });
      onSaved(saved);
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  async function deleteItem() {
    if (!window.confirm(t('mediaEdit.delete.confirm', { id: String(item.id) }))) return;
    try {
      await remove.mutateAsync(item.id);
      onClose();
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <form className="media-edit" onSubmit={save} aria-labelledby={`${id}-title`}>
      <div className="media-edit-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('editor.image', { id: String(item.id) })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
      <p className="hint">
        {item.width} × {item.height} px · {item.mimeType.replace('image/', '').toUpperCase()} ·{' '}
        {Math.max(1, Math.round(item.bytes / 1024))} KB
        {item.originalName && (
          <>
            {' '}
            · <span data-testid="original-name">{item.originalName}</span>
          </>
        )}
      </p>
      {item.takenDownAt && (
        <p className="taken-down" data-testid="taken-down">
          {t('mediaEdit.takenDown.hint')}
        </p>
      )}
      <section aria-labelledby={`${id}-uses`}>
        <h3 id={`${id}-uses`} className="hint">
          {usageLabel(item).replace(/^./, (c) => c.toUpperCase())}
        </h3>
        {uses.length > 0 && (
          <ul className="media-uses" data-testid="media-uses">
            {uses.map((u) => (
              <li key={u.id}>
                <a href={`${BASE}/stories/${u.id}`} onClick={onLinkClick}>
                  {u.headline || t('ingest.noHeadline')}
                </a>{' '}
                <span className="muted">
                  (
                  {[u.lead ? t('mediaEdit.use.lead') : '', u.body ? t('mediaEdit.use.body') : '']
                    .filter(Boolean)
                    .join(', ')}
                  )
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="focal-area">
        {/* Pointer shortcut; the number inputs below are the keyboard way to the same values. */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the focal inputs below are the keyboard path */}
        <img
          className="focal-image"
          src={`/media/${item.id}/640.jpg`}
          alt={draft.alt || t('editor.image', { id: String(item.id) })}
          width={item.width}
          height={item.height}
          onClick={(e) => {
            if (!canEdit) return;
            const r = e.currentTarget.getBoundingClientRect();
            set({
              focalX: clamp((e.clientX - r.left) / r.width),
              focalY: clamp((e.clientY - r.top) / r.height),
            });
          }}
        />
        <span
          className="focal-marker"
          aria-hidden="true"
          style={{ left: `${draft.focalX * 100}%`, top: `${draft.focalY * 100}%` }}
        />
      </div>
      <fieldset className="focal-inputs" disabled={!canEdit}>
        <legend>{t('mediaEdit.focal')}</legend>
        <label className="focal-field">
          {t('mediaEdit.across')}
          <input
            type="number"
            min={0}
            max={100}
            value={pct(draft.focalX)}
            onChange={(e) => set({ focalX: clamp(Number(e.target.value) / 100) })}
          />
        </label>
        <label className="focal-field">
          {t('mediaEdit.down')}
          <input
            type="number"
            min={0}
            max={100}
            value={pct(draft.focalY)}
            onChange={(e) => set({ focalY: clamp(Number(e.target.value) / 100) })}
          />
        </label>
      </fieldset>
      <figure className="crops">
        <img
          src={`/media/${item.id}/320.jpg`}
          alt=""
          style={{ objectPosition: position }}
          className="crop-wide"
        />
        <img
          src={`/media/${item.id}/320.jpg`}
          alt=""
          style={{ objectPosition: position }}
          className="crop-square"
        />
        <figcaption className="hint">{t('mediaEdit.crops')}</figcaption>
      </figure>
      <fieldset disabled={!canEdit}>
        <legend className="visually-hidden">{t('mediaEdit.description')}</legend>
        <label htmlFor={`${id}-alt`}>{t('editor.image.alt')}</label>
        <textarea
          id={`${id}-alt`}
          rows={2}
          maxLength={1000}
          value={draft.alt}
          onChange={(e) => set({ alt: e.target.value })}
          aria-describedby={`${id}-alt-hint`}
        />
        <p id={`${id}-alt-hint`} className="hint">
          {t('mediaEdit.alt.hint')}
        </p>
        <label htmlFor={`${id}-caption`}>{t('editor.image.caption')}</label>
        <textarea
          id={`${id}-caption`}
          rows={2}
          maxLength={2000}
          value={draft.caption}
          onChange={(e) => set({ caption: e.target.value })}
        />
        <label htmlFor={`${id}-credit`}>{t('editor.image.credit')}</label>
        <input
          id={`${id}-credit`}
          maxLength={300}
          value={draft.credit}
          onChange={(e) => set({ credit: e.target.value })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.filePhoto}
            onChange={(e) => set({ filePhoto: e.target.checked })}
          />
          {t('side.lead.filePhoto')}
        </label>
      </fieldset>
      <div className="buttons">
        {canEdit && (
          <button type="submit" className="primary" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? t('save.saving') : t('manage.save')}
          </button>
        )}
        <output aria-live="polite" className={state.kind === 'error' ? 'error' : 'muted'}>
          {state.kind === 'saved'
            ? (state.message ?? t('mediaEdit.saved'))
            : state.kind === 'error'
              ? state.message
              : ''}
        </output>
      </div>
      <div className="media-danger">
        {canDelete && uses.length === 0 && (
          <button type="button" onClick={() => void deleteItem()}>
            {t('mediaEdit.delete')}
          </button>
        )}
        {canTakeDown && !item.takenDownAt && uses.length > 0 && (
          <button type="button" onClick={() => void changeTakeDown(true)}>
            {t('mediaEdit.takeDown')}
          </button>
        )}
        {canTakeDown && item.takenDownAt && (
          <button type="button" onClick={() => void changeTakeDown(false)}>
            {t('mediaEdit.putBack')}
          </button>
        )}
      </div>
    </form>
  );
}

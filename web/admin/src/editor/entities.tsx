import { useEffect, useId, useState } from 'react';
import {
  type RegistryEntity,
  type StoryEntity,
  useDecideEntity,
  useEntitySearch,
  useStoryEntities,
} from '../api/entities.js';
import { messageOf } from '../api/query.js';
import './entities.css';
import { t } from '../i18n/index.js';

const mentionsOf = (n: number) => t('entities.mentions', { n });

/**
 * The people, organisations and places found in the story (src/knowledge, after each save):
 * confirm a suggestion, reject it (it stays rejected on this story), or link it to an entity of
 * the registry; a decision can be taken back. Confirmed entities are the story's topics.
 */
export function StoryEntities({
  articleId,
  version,
  locked,
}: {
  articleId: number;
  /** Asked again as the story's version moves on (a save queues it for extraction). */
  version: number;
  locked: boolean;
}) {
  const list = useStoryEntities(articleId, version);
  const decide = useDecideEntity(articleId);
  const [error, setError] = useState('');
  const [linking, setLinking] = useState<number | null>(null);
  const all = list.data?.entities ?? null;
  const shown = error || messageOf(list.error);

  async function run(v: Parameters<typeof decide.mutateAsync>[0]) {
    setError('');
    try {
      await decide.mutateAsync(v);
      setLinking(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const suggested = all?.filter((e) => e.state === 'suggested') ?? [];
  const confirmed = all?.filter((e) => e.state === 'confirmed') ?? [];
  const rejected = all?.filter((e) => e.state === 'rejected') ?? [];
  const busy = locked || decide.isPending;
  /** A decision on a found name: the button says what, its accessible name says on whom. */
  const decision = (label: string, name: string, onClick: () => void, expanded?: boolean) => (
    <button type="button" disabled={busy} aria-label={name} aria-expanded={expanded} onClick={onClick}>
      {label}
    </button>
  );

  return (
    <section className="story-entities" aria-labelledby={`entities-${articleId}`}>
      <h2 id={`entities-${articleId}`}>{t('entities.title')}</h2>
      <p className="hint">{t('entities.hint')}</p>
      {shown && (
        <p className="error" role="alert">
          {shown}
        </p>
      )}
      <p role="status" className="hint">
        {list.data?.extracting ? t('entities.reading') : ''}
      </p>
      {all && all.length === 0 && !list.data?.extracting && <p className="muted">{t('entities.none')}</p>}

      {suggested.length > 0 && (
        <>
          <h3>{t('entities.suggested')}</h3>
          <ul className="entity-list" aria-label={t('entities.suggested.label')}>
            {suggested.map((e) => (
              <li key={e.id}>
                <EntityLine entity={e} />
                <div className="buttons">
                  {decision(t('entities.confirm'), t('entities.confirm.label', { name: e.name }), () =>
                    run({ linkId: e.id, decision: 'confirm' }),
                  )}
                  {decision(t('entities.reject'), t('entities.reject.label', { name: e.name }), () =>
                    run({ linkId: e.id, decision: 'reject' }),
                  )}
                  {decision(
                    t('entities.link'),
                    t('entities.link.label', { name: e.name }),
                    () => setLinking(linking === e.id ? null : e.id),
                    linking === e.id,
                  )}
                </div>
                {linking === e.id && (
                  <LinkSearch
                    entity={e}
                    disabled={busy}
                    pick={(target) => run({ linkId: e.id, entityId: target.id })}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {confirmed.length > 0 && (
        <>
          <h3>{t('entities.confirmed')}</h3>
          <ul className="entity-list" aria-label={t('entities.confirmed.label')}>
            {confirmed.map((e) => (
              <li key={e.id}>
                <EntityLine entity={e} />
                <div className="buttons">
                  {decision(t('tool.undo'), t('entities.unconfirm.label', { name: e.name }), () =>
                    run({ linkId: e.id, decision: 'reopen' }),
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}

      {rejected.length > 0 && (
        <details>
          <summary>{t('entities.rejected', { n: rejected.length })}</summary>
          <p className="hint">{t('entities.rejected.hint')}</p>
          <ul className="entity-list" aria-label={t('entities.rejected.label')}>
            {rejected.map((e) => (
              <li key={e.id}>
                <EntityLine entity={e} />
                <div className="buttons">
                  {decision(t('tool.undo'), t('entities.unreject.label', { name: e.name }), () =>
                    run({ linkId: e.id, decision: 'reopen' }),
                  )}
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** "Ali Shamkhani — person — 4 mentions", and where it was found. */
function EntityLine({ entity }: { entity: StoryEntity }) {
  return (
    <>
      <p className="entity-line">
        <strong>{entity.name}</strong> — {entity.type} — {mentionsOf(entity.mentions)}
      </p>
      {entity.snippet && <p className="entity-snippet">{entity.snippet}</p>}
    </>
  );
}

/** Searches the registry by name or alias (any script) and links the suggestion to the pick. */
function LinkSearch({
  entity,
  disabled,
  pick,
}: {
  entity: StoryEntity;
  disabled: boolean;
  pick: (e: RegistryEntity) => void;
}) {
  const id = useId();
  const [text, setText] = useState(entity.name);
  const typed = useDebounced(text.trim(), 200);
  const found = useEntitySearch(typed);
  const results = found.data ?? [];
  return (
    <div className="entity-link">
      <label htmlFor={`${id}-q`}>{t('entities.find')}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
      />
      {typed !== '' && found.isSuccess && results.length === 0 && (
        <p className="muted">{t('entities.find.none')}</p>
      )}
      {results.length > 0 && (
        <ul aria-label={t('entities.find.label', { name: entity.name })}>
          {results.map((r) => (
            <li key={r.id}>
              <button type="button" disabled={disabled} onClick={() => pick(r)}>
                {t('entities.linkTo', { name: r.name, type: r.type })}
              </button>
              {r.description && <span className="muted"> {r.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `value` once it has stopped changing for `ms` (a timer, not a fetch). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

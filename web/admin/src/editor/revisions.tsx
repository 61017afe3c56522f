import { Fragment, useState } from 'react';
import { messageOf } from '../api/query.js';
import { useHistory } from '../api/revisions.js';
import { formatNewsroomTime } from '../time.js';
import { RevisionDiff } from './revision-diff.js';
import './revisions.css';
import { t } from '../i18n/index.js';

/** The story's history, newest first: compare any two revisions, restore any as a new save. */
export function Revisions({
  articleId,
  version,
  restore,
}: {
  articleId: number;
  /** Reloads the list when the story moves on. */
  version: number;
  restore: (revisionId: number) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  // Asked while the panel is open, and again as the story's version moves on (api/revisions.ts).
  const history = useHistory(articleId, version, open);
  const list = history.data?.revisions ?? null;
  const events = history.data?.events ?? [];
  const error = messageOf(history.error);
  // The two revisions ticked for comparison, the most recently ticked last.
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[number, number] | null>(null);

  const pick = (id: number, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  const [first, second] = picked;

  return (
    <details className="revisions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('history.title')}</summary>
      {error && <p className="error">{error}</p>}
      {list && list.length > 1 && (
        <div className="compare-bar">
          <span className="hint">{t('history.tick')}</span>
          <button
            type="button"
            disabled={first === undefined || second === undefined}
            onClick={() => first !== undefined && second !== undefined && setComparing([first, second])}
          >
            {t('history.compare')}
          </button>
        </div>
      )}
      {list && (
        <ol>
          {list.map((r, i) => (
            <Fragment key={r.id}>
              {/* Notices made after this revision (and before the newer one above it). */}
              {events
                .filter((e) => e.at >= r.updatedAt && (i === 0 || e.at < (list[i - 1]?.updatedAt ?? '')))
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((e) => (
                  <li key={e.id} className="history-event">
                    <span className="history-entry">
                      {e.byName} · {e.label}
                      <small title={e.text}>{formatNewsroomTime(e.at)}</small>
                    </span>
                  </li>
                ))}
              <li>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('history.compare.label', { version: String(r.version) })}
                    checked={picked.includes(r.id)}
                    onChange={(e) => pick(r.id, e.target.checked)}
                  />
                  <span className="history-entry">
                    {r.byName} · {r.label}
                    {r.changedLabels.length > 0 && <> · {r.changedLabels.join(', ')}</>}
                    <small>
                      v{r.version} · {formatNewsroomTime(r.updatedAt)}
                    </small>
                  </span>
                </label>
                {i > 0 && (
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(t('history.restore.confirm', { version: String(r.version) })))
                        void restore(r.id);
                    }}
                  >
                    {t('bulk.restore')}
                  </button>
                )}
              </li>
            </Fragment>
          ))}
        </ol>
      )}
      {comparing && <RevisionDiff articleId={articleId} ids={comparing} onClose={() => setComparing(null)} />}
    </details>
  );
}

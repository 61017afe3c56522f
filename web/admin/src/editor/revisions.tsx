import { useCallback, useEffect, useState } from 'react';
import { api, type Revision } from '../api.js';
import { formatNewsroomTime } from '../time.js';

/** The story's history, newest first; any revision can be restored as a new save. */
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
  const [list, setList] = useState<Revision[] | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api<{ revisions: Revision[] }>('GET', `/articles/${articleId}/revisions`)
      .then((r) => setList(r.revisions))
      .catch((err: Error) => setError(err.message));
  }, [articleId]);

  useEffect(() => {
    if (open && version) load();
  }, [open, version, load]);

  return (
    <details className="revisions" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {error && <p className="error">{error}</p>}
      {list && (
        <ol>
          {list.map((r, i) => (
            <li key={r.id}>
              <span>
                v{r.version} · {r.kind} · {formatNewsroomTime(r.updatedAt)} · {r.by}
                {r.changed.length > 0 && <small> — {r.changed.join(', ')}</small>}
              </span>
              {i > 0 && (
                <button
                  type="button"
                  onClick={() => {
                    if (
                      window.confirm(`Restore version ${r.version}? The current text stays in the history.`)
                    )
                      void restore(r.id);
                  }}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

import { useEffect, useMemo, useRef } from 'react';
import { useAuthorList } from '../api/authors.js';
import { messageOf } from '../api/query.js';
import { type RevisionSnapshot as Full, useRevisionPair } from '../api/revisions.js';
import { flattenSections, useSectionTree } from '../api/sections.js';
import { formatNewsroomTime } from '../time.js';
import { type CompareRow, compareSnapshots, inOrder, type Names } from './revision-compare.js';
import type { Part } from './word-diff.js';
import './revision-diff.css';
import { t } from '../i18n/index.js';

/** One side of the comparison: the older side shows what went, the newer what came. */
function Side({ parts, side }: { parts: Part[]; side: 'removed' | 'added' }) {
  return (
    <>
      {parts.map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === 'same') return <span key={key}>{p.text}</span>;
        if (p.kind !== side) return null;
        return side === 'added' ? <ins key={key}>{p.text}</ins> : <del key={key}>{p.text}</del>;
      })}
    </>
  );
}

function Row({ row }: { row: CompareRow }) {
  return (
    <tr className={row.changed ? 'changed' : undefined}>
      <th scope="row">
        {row.label}
        {row.changed && <span className="visually-hidden"> {t('diff.changed')}</span>}
      </th>
      <td>
        <Side parts={row.parts} side="removed" />
      </td>
      <td>
        <Side parts={row.parts} side="added" />
      </td>
    </tr>
  );
}

/** Two revisions side by side in a modal dialog: every field, and the text word by word. */
export function RevisionDiff({
  articleId,
  ids,
  onClose,
}: {
  articleId: number;
  /** Revision ids, in any order; the older one is shown on the left. */
  ids: [number, number];
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { pair, error } = useRevisionPair(articleId, ids);
  // Section and byline names from the pickers' cached lists; ids are shown until (or unless) they load.
  const sections = useSectionTree().data;
  const authors = useAuthorList().data;
  const names = useMemo<Names>(
    () => ({
      sections: new Map(flattenSections(sections ?? []).map((s) => [s.id, s.name])),
      authors: new Map((authors ?? []).map((a) => [a.id, a.name])),
    }),
    [sections, authors],
  );

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const [older, newer] = pair ? inOrder(pair[0], pair[1]) : [];
  const label = (r: Full) =>
    t('diff.version', {
      version: String(r.version),
      time: formatNewsroomTime(r.updatedAt),
      by: r.byName ?? r.by ?? '',
    });
  const rows = older && newer ? compareSnapshots(older.snapshot, newer.snapshot, names) : [];

  return (
    <dialog ref={dialog} className="revision-diff" aria-labelledby="diff-title" onClose={onClose}>
      <div className="diff-head">
        <h2 id="diff-title">{t('diff.title')}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('shortcuts.close')}
        </button>
      </div>
      <p className="hint">
        {t('diff.hint.removed')} <del>{t('diff.hint.struck')}</del> {t('diff.hint.middle')}{' '}
        <ins>{t('diff.hint.underlined')}</ins> {t('diff.hint.end')}
      </p>
      {error && (
        <p className="error" role="alert">
          {messageOf(error)}
        </p>
      )}
      {older && newer && (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">{t('diff.field')}</th>
              <th scope="col">{label(older)}</th>
              <th scope="col">{label(newer)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.label} row={r} />
            ))}
          </tbody>
        </table>
      )}
      {!pair && !error && <p className="muted">{t('common.loading')}</p>}
    </dialog>
  );
}

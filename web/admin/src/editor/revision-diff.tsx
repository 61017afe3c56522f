import { renderText } from '@shared/document/index.js';
import { fieldLabel as F } from '@shared/history-labels.js';
import { useEffect, useRef, useState } from 'react';
import { loadAuthors } from '../api/authors.js';
import { type RevisionSnapshot as Full, getRevision } from '../api/revisions.js';
import { flattenSections, loadSections } from '../api/sections.js';
import { formatNewsroomTime } from '../time.js';
import { toDoc } from './schema.js';
import { diffWords, type Part } from './word-diff.js';
import './revision-diff.css';

type Snapshot = Record<string, unknown>;

/** Old snapshots were written with the row's column names; newer ones with the API's. */
const pick = (s: Snapshot, camel: string, snake?: string): unknown =>
  s[camel] ?? (snake ? s[snake] : undefined);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function bodyText(body: unknown): string {
  try {
    return renderText(toDoc(typeof body === 'string' ? JSON.parse(body) : body));
  } catch {
    return '(text that could not be read)';
  }
}

interface Names {
  sections: Map<number, string>;
  authors: Map<number, string>;
}

/** The fields a person compares, as text, in a fixed order. */
function fieldsOf(s: Snapshot, names: Names): [string, string][] {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return [
    [F('headline'), str(s.headline)],
    [F('dek'), str(s.dek)],
    [F('slug'), str(s.slug)],
    [
      F('sectionId'),
      names.sections.get(Number(pick(s, 'sectionId', 'section_id'))) ??
        str(pick(s, 'sectionId', 'section_id')),
    ],
    [
      F('authorIds'),
      list(s.authorIds)
        .map((id) => names.authors.get(Number(id)) ?? `#${id}`)
        .join(', '),
    ],
    [F('tags'), list(s.tags).join(', ')],
    [F('dateline'), str(s.dateline)],
    [F('seoTitle'), str(pick(s, 'seoTitle', 'seo_title'))],
    [F('seoDescription'), str(pick(s, 'seoDescription', 'seo_description'))],
    [F('leadMediaId'), str(pick(s, 'leadMediaId', 'lead_media_id'))],
    [F('leadCaption'), str(pick(s, 'leadCaption', 'lead_caption'))],
    [F('leadCredit'), str(pick(s, 'leadCredit', 'lead_credit'))],
    [F('embargoUntil'), formatNewsroomTime(str(pick(s, 'embargoUntil', 'embargo_until')) || null)],
  ];
}

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

function Row({ label, before, after }: { label: string; before: string; after: string }) {
  const parts = diffWords(before, after);
  const changed = before !== after;
  return (
    <tr className={changed ? 'changed' : undefined}>
      <th scope="row">
        {label}
        {changed && <span className="visually-hidden"> (changed)</span>}
      </th>
      <td>
        <Side parts={parts} side="removed" />
      </td>
      <td>
        <Side parts={parts} side="added" />
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
  const [pair, setPair] = useState<[Full, Full] | null>(null);
  const [names, setNames] = useState<Names>({ sections: new Map(), authors: new Map() });
  const [error, setError] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
    Promise.all(ids.map((id) => getRevision(articleId, id)))
      .then(([a, b]) => {
        if (a && b) setPair(a.version <= b.version ? [a, b] : [b, a]);
      })
      .catch((err: Error) => setError(err.message));
    Promise.all([loadSections(), loadAuthors()])
      .then(([sections, authors]) =>
        setNames({
          sections: new Map(flattenSections(sections).map((s) => [s.id, s.name])),
          authors: new Map(authors.map((a) => [a.id, a.name])),
        }),
      )
      .catch(() => undefined); // ids are shown instead of names
  }, [articleId, ids]);

  const [older, newer] = pair ?? [];
  const label = (r: Full) =>
    `Version ${r.version} · ${formatNewsroomTime(r.updatedAt)} · ${r.byName ?? r.by ?? ''}`;
  const a = older ? fieldsOf(older.snapshot, names) : [];
  const b = newer ? fieldsOf(newer.snapshot, names) : [];

  return (
    <dialog ref={dialog} className="revision-diff" aria-labelledby="diff-title" onClose={onClose}>
      <div className="diff-head">
        <h2 id="diff-title">Compare revisions</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <p className="hint">
        Words removed are <del>struck through</del> on the left; words added are <ins>underlined</ins> on the
        right.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {older && newer && (
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{label(older)}</th>
              <th scope="col">{label(newer)}</th>
            </tr>
          </thead>
          <tbody>
            {a.map(([name, before], i) => {
              const after = b[i]?.[1] ?? '';
              // Fields empty in both versions say nothing; they would only push the text down.
              return before || after ? <Row key={name} label={name} before={before} after={after} /> : null;
            })}
            <Row label="Text" before={bodyText(older.snapshot.body)} after={bodyText(newer.snapshot.body)} />
          </tbody>
        </table>
      )}
      {!pair && !error && <p className="muted">Loading…</p>}
    </dialog>
  );
}

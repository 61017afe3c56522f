import { renderText } from '@shared/document/index.js';
import { useState } from 'react';
import type { Article, ArticleFields, WorkingCopyAction } from '../api/articles.js';
import { formatNewsroomTime } from '../time.js';
import { NOTICE_LABELS } from './notices.js';
import { toDoc } from './schema.js';
import { diffWords, type Part } from './word-diff.js';
import './live-story.css';

/**
 * A published or scheduled story is edited in its working copy: saves never reach readers
 * until someone allowed to publish presses "Update". The server sends the story as readers see
 * it plus `workingCopy`; the editor edits the copy when there is one.
 */

/** The version a save of this story must carry: the working copy's when there is one. */
export function editVersion(a: Article): number {
  return a.workingCopy?.version ?? a.version;
}

/** The story as the editor edits it: the working copy's fields and version over the story's. */
export function editable(a: Article): Article {
  const wc = a.workingCopy;
  if (!wc) return a;
  const { baseVersion: _b, reviewState: _r, updatedBy: _u, createdAt: _c, updatedAt: _t, ...fields } = wc;
  return { ...a, ...fields };
}

const LABEL: Record<WorkingCopyAction, string> = {
  update: 'Update',
  discard: 'Discard changes',
  submit: 'Submit changes for review',
  return: 'Return changes to the writer',
};

function bodyText(body: unknown): string {
  try {
    return renderText(toDoc(body as Parameters<typeof toDoc>[0]));
  } catch {
    return '';
  }
}

function Diff({ label, before, after }: { label: string; before: string; after: string }) {
  if (before === after) return null;
  const parts: Part[] = diffWords(before, after);
  return (
    <div className="live-diff-field">
      <h4>{label}</h4>
      <p>
        {parts.map((p, i) => {
          const key = `${i}-${p.kind}`;
          if (p.kind === 'added') return <ins key={key}>{p.text}</ins>;
          if (p.kind === 'removed') return <del key={key}>{p.text}</del>;
          return <span key={key}>{p.text}</span>;
        })}
      </p>
    </div>
  );
}

/** Other fields only say that they changed. */
const OTHER: [keyof ArticleFields, string][] = [
  ['slug', 'Address (slug)'],
  ['sectionId', 'Section'],
  ['authorIds', 'Bylines'],
  ['tags', 'Tags'],
  ['leadMediaId', 'Lead photo'],
  ['leadCaption', 'Lead caption'],
  ['leadCredit', 'Lead credit'],
  ['leadFilePhoto', 'File photo'],
  ['seoTitle', 'SEO title'],
  ['seoDescription', 'SEO description'],
  ['dateline', 'Dateline'],
  ['embargoUntil', 'Embargo'],
];

/**
 * The live-story band over the editor: what readers see, the unpublished changes as a word
 * diff against it, and Update / Discard / Submit for the people allowed to.
 */
export function LiveStory({
  meta,
  fields,
  run,
}: {
  /** The story as the server sent it: its own fields are what readers see. */
  meta: Article;
  /** What the editor holds now (saved to the working copy, or about to be). */
  fields: ArticleFields;
  run: (
    action: WorkingCopyAction,
    extra?: { note?: string; notice?: { kind: string; text: string } },
  ) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  // A notice readers see, applied with the update (a correction, say): optional.
  const [noticeKind, setNoticeKind] = useState('');
  const [noticeText, setNoticeText] = useState('');
  if (meta.editsGoTo !== 'working-copy') return null;
  const wc = meta.workingCopy ?? null;
  const changed =
    fields.headline !== meta.headline ||
    fields.dek !== meta.dek ||
    JSON.stringify(fields.body) !== JSON.stringify(meta.body) ||
    OTHER.some(([k]) => JSON.stringify(fields[k]) !== JSON.stringify(meta[k]));
  const actions = meta.allowed.workingCopy ?? [];

  async function go(action: WorkingCopyAction) {
    if (
      action === 'discard' &&
      !window.confirm('Discard the unpublished changes? Readers keep seeing the published version.')
    )
      return;
    if (action === 'update' && !window.confirm('Apply these changes to the published story now?')) return;
    let note: string | undefined;
    if (action === 'return') {
      note = window.prompt('Why are these changes going back to the writer? (they see this note)')?.trim();
      if (!note) return;
    }
    const notice =
      action === 'update' && noticeKind && noticeText.trim()
        ? { kind: noticeKind, text: noticeText.trim() }
        : undefined;
    setBusy(true);
    try {
      await run(action, { ...(note ? { note } : {}), ...(notice ? { notice } : {}) });
      if (notice) {
        setNoticeKind('');
        setNoticeText('');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="live-story" aria-label="Live story" data-testid="live-story">
      <p className="live-state">
        {meta.live ? (
          <strong>Live — readers see the published version.</strong>
        ) : (
          <strong>
            Scheduled{meta.publishAt ? ` for ${formatNewsroomTime(meta.publishAt)}` : ''} — the approved
            version goes live then.
          </strong>
        )}{' '}
        Your edits are saved as unpublished changes; nothing reaches readers until someone presses Update.
      </p>
      {changed || wc ? (
        <details className="live-changes" open>
          <summary>
            Unpublished changes
            {wc?.reviewState === 'in_review' && <span className="review"> — submitted for review</span>}
            {wc?.updatedBy && <span className="by"> (last saved by {wc.updatedBy})</span>}
          </summary>
          <div data-testid="live-diff">
            <Diff label="Headline" before={meta.headline} after={fields.headline} />
            <Diff label="Dek" before={meta.dek} after={fields.dek} />
            <Diff label="Text" before={bodyText(meta.body)} after={bodyText(fields.body)} />
            {OTHER.filter(([k]) => JSON.stringify(fields[k]) !== JSON.stringify(meta[k])).map(
              ([k, label]) => (
                <p key={k} className="live-other">
                  {label} changed
                </p>
              ),
            )}
            {!changed && <p>The changes match the published version.</p>}
          </div>
        </details>
      ) : (
        <p className="live-none">No unpublished changes.</p>
      )}
      {wc && actions.includes('update') && (
        <details className="live-notice">
          <summary>Tell readers what changed (optional)</summary>
          <label>
            Notice
            <select value={noticeKind} onChange={(e) => setNoticeKind(e.target.value)}>
              <option value="">None</option>
              {Object.entries(NOTICE_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Text readers see with the story
            <textarea
              value={noticeText}
              maxLength={2000}
              rows={3}
              onChange={(e) => setNoticeText(e.target.value)}
            />
          </label>
        </details>
      )}
      {wc && actions.length > 0 && (
        <div className="buttons">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'update' ? 'primary' : undefined}
              disabled={busy}
              onClick={() => void go(a)}
            >
              {LABEL[a]}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

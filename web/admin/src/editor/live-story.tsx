import { renderText } from '@shared/document/index.js';
import { useState } from 'react';
import type { Article, ArticleFields, WorkingCopyAction } from '../api/articles.js';
import { formatNewsroomTime } from '../time.js';
import { NOTICE_LABELS } from './notices.js';
import { toDoc } from './schema.js';
import { diffWords, type Part } from './word-diff.js';
import './live-story.css';
import { t } from '../i18n/index.js';

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
  update: t('checks.update'),
  discard: t('live.wc.discard'),
  submit: t('live.wc.submit'),
  return: t('live.wc.return'),
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
  ['slug', t('live.field.slug')],
  ['sectionId', t('newStory.section')],
  ['authorIds', t('live.field.bylines')],
  ['tags', t('nav.tags')],
  ['leadMediaId', t('live.field.leadPhoto')],
  ['leadCaption', t('live.field.leadCaption')],
  ['leadCredit', t('live.field.leadCredit')],
  ['leadFilePhoto', t('editor.image.filePhoto')],
  ['seoTitle', t('side.seo.title')],
  ['seoDescription', t('side.seo.description')],
  ['dateline', t('side.dateline')],
  ['embargoUntil', t('ingest.embargo')],
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
    if (action === 'discard' && !window.confirm(t('live.wc.discard.confirm'))) return;
    if (action === 'update' && !window.confirm(t('live.wc.update.confirm'))) return;
    let note: string | undefined;
    if (action === 'return') {
      note = window.prompt(t('live.wc.return.prompt'))?.trim();
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
    <section className="live-story" aria-label={t('live.wc.label')} data-testid="live-story">
      <p className="live-state">
        {meta.live ? (
          <strong>{t('live.wc.live')}</strong>
        ) : (
          <strong>
            {meta.publishAt
              ? t('live.wc.scheduledFor', { time: formatNewsroomTime(meta.publishAt) })
              : t('live.wc.scheduled')}
          </strong>
        )}{' '}
        {t('live.wc.hint')}
      </p>
      {changed || wc ? (
        <details className="live-changes" open>
          <summary>
            {t('list.unpublishedChanges')}
            {wc?.reviewState === 'in_review' && <span className="review"> {t('live.wc.submitted')}</span>}
            {wc?.updatedBy && <span className="by"> {t('live.wc.lastSavedBy', { name: wc.updatedBy })}</span>}
          </summary>
          <div data-testid="live-diff">
            <Diff label={t('newStory.headline')} before={meta.headline} after={fields.headline} />
            <Diff label={t('live.wc.dek')} before={meta.dek} after={fields.dek} />
            <Diff label={t('ingest.text')} before={bodyText(meta.body)} after={bodyText(fields.body)} />
            {OTHER.filter(([k]) => JSON.stringify(fields[k]) !== JSON.stringify(meta[k])).map(
              ([k, label]) => (
                <p key={k} className="live-other">
                  {t('live.wc.changed', { label })}
                </p>
              ),
            )}
            {!changed && <p>{t('live.wc.match')}</p>}
          </div>
        </details>
      ) : (
        <p className="live-none">{t('live.wc.none')}</p>
      )}
      {wc && actions.includes('update') && (
        <details className="live-notice">
          <summary>{t('live.wc.tell')}</summary>
          <label>
            {t('live.wc.notice')}
            <select value={noticeKind} onChange={(e) => setNoticeKind(e.target.value)}>
              <option value="">{t('live.wc.noNotice')}</option>
              {Object.entries(NOTICE_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('live.wc.noticeText')}
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

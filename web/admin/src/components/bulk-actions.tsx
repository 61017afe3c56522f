import { useState } from 'react';
import {
  type ArticleSummary,
  deleteArticle,
  moveArticle,
  restoreArticle,
  type Transition,
  useArticlesChanged,
} from '../api/articles.js';
import type { User } from '../api/session.js';
import { type Action, mayEver } from '../permissions.js';
import './bulk-actions.css';
import { t } from '../i18n/index.js';

type BulkAction = 'submit' | 'publish' | 'unpublish' | 'delete' | 'restore';

interface Spec {
  label: string;
  done: string;
  policy: Action;
  /** Shown in the list of deleted stories instead of the others. */
  deletedView: boolean;
  confirm?: (n: number) => string;
  run(s: ArticleSummary): Promise<unknown>;
}

const move = (action: Transition) => (s: ArticleSummary) => moveArticle(s.id, { action, version: s.version });

/** Each action is the same API call the editor makes, once per story. */
const SPECS: Record<BulkAction, Spec> = {
  submit: {
    label: t('bulk.submit'),
    done: t('bulk.submitted'),
    policy: 'article.submit',
    deletedView: false,
    run: move('submit'),
  },
  publish: {
    label: t('bulk.publish'),
    done: t('bulk.published'),
    policy: 'article.publish',
    deletedView: false,
    confirm: (n) => t('bulk.publish.confirm', { n }),
    run: move('publish'),
  },
  unpublish: {
    label: t('bulk.unpublish'),
    done: t('bulk.unpublished'),
    policy: 'article.unpublish',
    deletedView: false,
    confirm: (n) => t('bulk.unpublish.confirm', { n }),
    run: move('unpublish'),
  },
  delete: {
    label: t('manage.delete'),
    done: t('bulk.deleted'),
    policy: 'article.delete',
    deletedView: false,
    confirm: (n) => t('bulk.delete.confirm', { n }),
    run: (s) => deleteArticle(s.id),
  },
  restore: {
    label: t('bulk.restore'),
    done: t('bulk.restored'),
    policy: 'article.restore',
    deletedView: true,
    run: (s) => restoreArticle(s.id),
  },
};

interface Outcome {
  label: string;
  done: string;
  ok: number;
  failed: { headline: string; message: string }[];
}

/** The actions the role allows on the selected stories, run one story at a time with every failure named. */
export function BulkActions({
  user,
  selected,
  deletedView,
  onDone,
}: {
  user: User;
  selected: ArticleSummary[];
  deletedView: boolean;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const articlesChanged = useArticlesChanged();
  const actions = (Object.keys(SPECS) as BulkAction[]).filter(
    (a) => SPECS[a].deletedView === deletedView && mayEver(user, SPECS[a].policy),
  );

  async function run(a: BulkAction) {
    const spec = SPECS[a];
    if (spec.confirm && !window.confirm(spec.confirm(selected.length))) return;
    const result: Outcome = { label: spec.label, done: spec.done, ok: 0, failed: [] };
    // One at a time: a newsroom selects tens of stories, and each write is its own transaction.
    for (const [i, s] of selected.entries()) {
      setBusy(t('bulk.progress', { label: spec.label, i: i + 1, n: selected.length }));
      try {
        await spec.run(s);
        result.ok++;
      } catch (err) {
        result.failed.push({
          headline: s.headline || t('bulk.story', { id: String(s.id) }),
          message: (err as Error).message,
        });
      }
    }
    // Every list showing stories is asked again once, after the whole batch (api/articles.ts).
    await articlesChanged();
    setBusy('');
    setOutcome(result);
    onDone();
  }

  return (
    <>
      {selected.length > 0 && actions.length > 0 && (
        <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')}>
          <span>{t('bulk.selected', { n: selected.length })}</span>
          {actions.map((a) => (
            <button key={a} type="button" disabled={busy !== ''} onClick={() => void run(a)}>
              {SPECS[a].label}
            </button>
          ))}
          {busy && <span className="muted">{busy}</span>}
        </div>
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <div className={outcome.failed.length ? 'bulk-result has-failures' : 'bulk-result'}>
            <p>
              {t('bulk.result', { label: outcome.label, ok: outcome.ok, done: outcome.done })}
              {outcome.failed.length > 0 && t('bulk.failed', { n: outcome.failed.length })}.
            </p>
            {outcome.failed.length > 0 && (
              <ul>
                {outcome.failed.map((f) => (
                  <li key={f.headline + f.message}>
                    <strong>{f.headline}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            )}
            <button type="button" onClick={() => setOutcome(null)}>
              {t('common.dismiss')}
            </button>
          </div>
        )}
      </div>
    </>
  );
}

import { useState } from 'react';
import { type Article, STATUS_LABEL, type Transition } from '../api/articles.js';
import { formatNewsroomTime, isoToZoned, newsroomZone, zonedToIso } from '../time.js';
import { TransitionNote } from './notes.js';
import './workflow.css';
import { t } from '../i18n/index.js';

const LABEL: Record<Transition, string> = {
  submit: t('bulk.submit'),
  return: t('workflow.return'),
  publish: t('workflow.publish'),
  schedule: t('workflow.schedule'),
  unschedule: t('workflow.unschedule'),
  unpublish: t('bulk.unpublish'),
  archive: t('workflow.archive'),
};

/** The moves the server says this user may make now (`allowed.transitions`), and nothing else. */
export function Workflow({
  meta,
  move,
}: {
  meta: Article;
  move: (action: Transition, publishAt?: string, note?: string) => Promise<void>;
}) {
  const [scheduling, setScheduling] = useState(false);
  // Submit and return ask for a note (the reason, for return) before they move the story.
  const [noting, setNoting] = useState<'submit' | 'return' | null>(null);
  const [when, setWhen] = useState(() =>
    isoToZoned(meta.publishAt ?? new Date(Date.now() + 3_600_000).toISOString()),
  );
  const [busy, setBusy] = useState(false);
  const zone = newsroomZone();

  async function run(action: Transition, publishAt?: string, note?: string) {
    if (action === 'unpublish' && !window.confirm(t('workflow.unpublish.confirm'))) return;
    setBusy(true);
    try {
      await move(action, publishAt, note);
      setScheduling(false);
      setNoting(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="workflow" aria-label={t('workflow.label')} id="story-workflow" tabIndex={-1}>
      <p>
        <span className={`status status-${meta.status}`}>{STATUS_LABEL[meta.status]}</span>
        {meta.status === 'scheduled' && meta.publishAt && (
          <> {t('workflow.goesLive', { time: formatNewsroomTime(meta.publishAt) })}</>
        )}
        {meta.url && meta.status === 'published' && (
          <>
            {' '}
            <a href={meta.url} target="_blank" rel="noreferrer">
              {t('workflow.view')}
            </a>
          </>
        )}
      </p>
      <div className="buttons">
        {meta.allowed.transitions.map((move) => (
          <button
            key={move}
            type="button"
            className={move === 'publish' ? 'primary' : undefined}
            disabled={busy}
            onClick={() =>
              move === 'schedule'
                ? setScheduling((s) => !s)
                : move === 'submit' || move === 'return'
                  ? setNoting((n) => (n === move ? null : move))
                  : void run(move)
            }
          >
            {LABEL[move]}
          </button>
        ))}
      </div>
      {noting && meta.allowed.transitions.includes(noting) && (
        <TransitionNote
          key={noting}
          action={noting}
          busy={busy}
          send={(note) => void run(noting, undefined, note || undefined)}
          cancel={() => setNoting(null)}
        />
      )}
      {scheduling && (
        <form
          className="schedule"
          onSubmit={(e) => {
            e.preventDefault();
            const iso = zonedToIso(when, zone);
            if (iso) void run('schedule', iso);
          }}
        >
          <label>
            {t('workflow.publishAt', { zone })}
            <input type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('workflow.scheduleButton')}
          </button>
        </form>
      )}
    </section>
  );
}

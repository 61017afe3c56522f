import { useState } from 'react';
import { type Article, STATUS_LABEL, type Transition } from '../api/articles.js';
import { formatNewsroomTime, isoToZoned, newsroomZone, zonedToIso } from '../time.js';
import { TransitionNote } from './notes.js';
import './workflow.css';

const LABEL: Record<Transition, string> = {
  submit: 'Submit for review',
  return: 'Return to draft',
  publish: 'Publish now',
  schedule: 'Schedule…',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  archive: 'Archive',
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
    if (
      action === 'unpublish' &&
      !window.confirm('Take this story off the site? Its address will answer "gone".')
    )
      return;
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
    <section className="workflow" aria-label="Workflow" id="story-workflow" tabIndex={-1}>
      <p>
        <span className={`status status-${meta.status}`}>{STATUS_LABEL[meta.status]}</span>
        {meta.status === 'scheduled' && meta.publishAt && (
          <> — goes live {formatNewsroomTime(meta.publishAt)}</>
        )}
        {meta.url && meta.status === 'published' && (
          <>
            {' '}
            <a href={meta.url} target="_blank" rel="noreferrer">
              View on the site
            </a>
          </>
        )}
      </p>
      <div className="buttons">
        {meta.allowed.transitions.map((t) => (
          <button
            key={t}
            type="button"
            className={t === 'publish' ? 'primary' : undefined}
            disabled={busy}
            onClick={() =>
              t === 'schedule'
                ? setScheduling((s) => !s)
                : t === 'submit' || t === 'return'
                  ? setNoting((n) => (n === t ? null : t))
                  : void run(t)
            }
          >
            {LABEL[t]}
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
            Publish at ({zone})
            <input type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            Schedule
          </button>
        </form>
      )}
    </section>
  );
}

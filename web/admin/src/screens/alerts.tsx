import { useState } from 'react';
import { type Alert, type AlertLevel, useAlerts, useRaiseAlert, useWithdrawAlert } from '../api/alerts.js';
import { messageOf } from '../api/query.js';
import { Notices, useAction } from '../components/manage.js';
import { formatNewsroomTime } from '../time.js';
import { ALERT_LEVELS, ALERT_MAX_LENGTH } from '@shared/inputs.js';

const LABELS: Record<AlertLevel, string> = { breaking: 'Breaking', developing: 'Developing', live: 'Live' };
/** How long an alert stays up: it always ends, at most 48 hours after it was raised. */
const DURATIONS = [1, 2, 3, 6, 12, 24, 48];

function status(a: Alert): string {
  if (a.withdrawnAt) return `Withdrawn ${formatNewsroomTime(a.withdrawnAt)}`;
  if (a.current) return `Showing until ${formatNewsroomTime(a.expiresAt)}`;
  return `Ended ${formatNewsroomTime(a.expiresAt)}`;
}

/** Raise a breaking-news alert (a banner on every public page) and withdraw it. */
export function Alerts() {
  const query = useAlerts();
  const alerts = query.data?.alerts ?? null;
  const mayRaise = query.data?.allowed.raise ?? false;
  const action = useAction();
  const raise = useRaiseAlert();
  const withdraw = useWithdrawAlert();
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [level, setLevel] = useState<AlertLevel>('breaking');
  const [hours, setHours] = useState(2);

  return (
    <main className="manage">
      <h1>Breaking news</h1>
      <Notices error={action.error || messageOf(query.error)} notice={action.notice} />
      {mayRaise && (
        <form
          aria-label="Raise an alert"
          onSubmit={async (e) => {
            e.preventDefault();
            const expiresAt = new Date(Date.now() + hours * 3_600_000).toISOString();
            const done = await action.run(
              () => raise.mutateAsync({ text, link: link.trim() || null, level, expiresAt }),
              'The alert is on every page now.',
            );
            if (done) {
              setText('');
              setLink('');
            }
          }}
        >
          <label>
            Alert text
            <input
              value={text}
              required
              maxLength={ALERT_MAX_LENGTH}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <label>
            Link (a path on this site or an https address; optional)
            <input value={link} placeholder="/news/…" onChange={(e) => setLink(e.target.value)} />
          </label>
          <div className="row">
            <label>
              Level
              <select value={level} onChange={(e) => setLevel(e.target.value as AlertLevel)}>
                {ALERT_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LABELS[l]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Ends after
              <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {DURATIONS.map((h) => (
                  <option key={h} value={h}>
                    {h} {h === 1 ? 'hour' : 'hours'}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={action.busy}>
              Raise alert
            </button>
          </div>
        </form>
      )}
      {alerts && alerts.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">Alerts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Level</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.text} {a.link && <small className="muted">{a.link}</small>}
                </th>
                <td>{LABELS[a.level]}</td>
                <td>{status(a)}</td>
                <td>
                  {mayRaise && a.current && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(() => withdraw.mutateAsync(a.id), `Withdrew “${a.text}”.`)
                      }
                    >
                      Withdraw
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {alerts?.length === 0 && <p className="muted">No alerts yet.</p>}
    </main>
  );
}

import { ALERT_LEVELS, ALERT_MAX_LENGTH } from '@shared/inputs.js';
import { useState } from 'react';
import { type Alert, type AlertLevel, useAlerts, useRaiseAlert, useWithdrawAlert } from '../api/alerts.js';
import { type Edition, editionLabel, useEditions } from '../api/editions.js';
import { messageOf } from '../api/query.js';
import { Notices, useAction } from '../components/manage.js';
import { type MessageKey, t } from '../i18n/index.js';
import { formatNewsroomTime } from '../time.js';

const LABELS: Record<AlertLevel, MessageKey> = {
  breaking: 'alerts.level.breaking',
  developing: 'alerts.level.developing',
  live: 'alerts.level.live',
};
/** How long an alert stays up: it always ends, at most 48 hours after it was raised. */
const DURATIONS = [1, 2, 3, 6, 12, 24, 48];

function status(a: Alert): string {
  if (a.withdrawnAt) return t('alerts.withdrawn', { time: formatNewsroomTime(a.withdrawnAt) });
  if (a.current) return t('alerts.showing', { time: formatNewsroomTime(a.expiresAt) });
  return t('alerts.ended', { time: formatNewsroomTime(a.expiresAt) });
}

/** Whose pages an alert is on, as the list and the notice name it. */
function editionOf(editions: Edition[], id: number | null): string {
  const edition = editions.find((e) => e.id === id);
  return edition ? edition.name : t('alerts.edition.every');
}

/**
 * Raise a breaking-news alert (a banner on the public pages: every edition's, or one edition's when
 * the newsroom has several) and withdraw it.
 */
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
  const [editionId, setEditionId] = useState<number | null>(null);
  const editions = useEditions().data?.editions ?? [];
  const several = editions.length > 1;

  return (
    <main className="manage">
      <h1>{t('nav.alerts')}</h1>
      <Notices error={action.error || messageOf(query.error)} notice={action.notice} />
      {mayRaise && (
        <form
          aria-label={t('alerts.form')}
          onSubmit={async (e) => {
            e.preventDefault();
            const expiresAt = new Date(Date.now() + hours * 3_600_000).toISOString();
            const done = await action.run(
              () => raise.mutateAsync({ text, link: link.trim() || null, level, expiresAt, editionId }),
              editionId === null
                ? t('alerts.raised')
                : t('alerts.raised.edition', { edition: editionOf(editions, editionId) }),
            );
            if (done) {
              setText('');
              setLink('');
            }
          }}
        >
          <label>
            {t('alerts.text')}
            <input
              value={text}
              required
              maxLength={ALERT_MAX_LENGTH}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <label>
            {t('alerts.link')}
            <input value={link} placeholder="/news/…" onChange={(e) => setLink(e.target.value)} />
          </label>
          <div className="row">
            <label>
              {t('alerts.level')}
              <select value={level} onChange={(e) => setLevel(e.target.value as AlertLevel)}>
                {ALERT_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(LABELS[l])}
                  </option>
                ))}
              </select>
            </label>
            {several && (
              <label>
                {t('alerts.edition')}
                <select
                  value={editionId ?? ''}
                  onChange={(e) => setEditionId(e.target.value ? Number(e.target.value) : null)}
                >
                  <option value="">{t('alerts.edition.every')}</option>
                  {editions.map((e) => (
                    <option key={e.id} value={e.id} lang={e.language} dir={e.direction}>
                      {editionLabel(e)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('alerts.ends')}
              <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {DURATIONS.map((h) => (
                  <option key={h} value={h}>
                    {t('alerts.hours', { h })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={action.busy}>
              {t('alerts.raise')}
            </button>
          </div>
        </form>
      )}
      {alerts && alerts.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">{t('alerts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.col.alert')}</th>
              <th scope="col">{t('alerts.level')}</th>
              {several && <th scope="col">{t('alerts.edition')}</th>}
              <th scope="col">{t('alerts.col.status')}</th>
              <th scope="col">{t('alerts.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.text} {a.link && <small className="muted">{a.link}</small>}
                </th>
                <td>{t(LABELS[a.level])}</td>
                {several && (
                  <td
                    lang={editions.find((e) => e.id === a.editionId)?.language}
                    dir={editions.find((e) => e.id === a.editionId)?.direction}
                  >
                    {editionOf(editions, a.editionId)}
                  </td>
                )}
                <td>{status(a)}</td>
                <td>
                  {mayRaise && a.current && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(
                          () => withdraw.mutateAsync(a.id),
                          t('alerts.withdrew', { text: a.text }),
                        )
                      }
                    >
                      {t('alerts.withdraw')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {alerts?.length === 0 && <p className="muted">{t('alerts.none')}</p>}
    </main>
  );
}

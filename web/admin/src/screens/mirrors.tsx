import { useEffect, useRef, useState } from 'react';
import { type Health, type MirrorRow, useCheckMirrors, useMirrors } from '../api/mirrors.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { formatNewsroomTime } from '../time.js';
import { AddressForm } from './addresses.js';
import './mirrors.css';
import { type MessageKey, t } from '../i18n/index.js';

const ORDER: Health[] = ['reachable', 'stale', 'unreachable', 'skipped', 'unknown'];

/** A shape beside the word, so the status never rests on the badge's colour alone. */
const MARK: Record<Health, string> = {
  reachable: '✓',
  stale: '!',
  unreachable: '✕',
  skipped: '–',
  unknown: '?',
};

/** The health words, as the status column and the summary say them. */
const WORD: Record<Health, MessageKey> = {
  reachable: 'mirrors.health.reachable',
  stale: 'mirrors.health.stale',
  unreachable: 'mirrors.health.unreachable',
  skipped: 'mirrors.health.skipped',
  unknown: 'mirrors.health.unknown',
};

/** "Checked 3 addresses: 2 reachable, 1 unreachable." */
function summary(rows: MirrorRow[]): string {
  const counts = ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => t('mirrors.count', { n, health: t(WORD[s]) }));
  const what = t('mirrors.checked', { n: rows.length });
  return counts.length ? t('mirrors.summary', { what, counts: counts.join(', ') }) : `${what}.`;
}

function When({ iso, none }: { iso: string | null; none: string }) {
  return iso ? <time dateTime={iso}>{formatNewsroomTime(iso)}</time> : <span className="muted">{none}</span>;
}

/**
 * The alternate addresses and their health (the last recorded check, and a check on demand),
 * and the list of addresses and apps itself.
 */
export function Mirrors() {
  // The rows: the last recorded check, replaced by a check's answer, asked again when the
  // address list below is saved (api/mirrors.ts).
  const status = useMirrors();
  const rows = status.data?.mirrors ?? null;
  const every = status.data?.checkEveryMinutes ?? null;
  const check = useCheckMirrors();
  const checking = check.isPending;
  const [checkError, setCheckError] = useState('');
  const error = checkError || messageOf(status.error);
  const [notice, setNotice] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  // Disabling the button while it runs drops keyboard focus to the page; once it is enabled
  // again, give focus back to it, unless the user has moved on meanwhile.
  useEffect(() => {
    if (checking || !hadFocus.current) return;
    hadFocus.current = false;
    if (document.activeElement === document.body) button.current?.focus();
  }, [checking]);

  async function checkNow() {
    hadFocus.current = document.activeElement === button.current;
    setCheckError('');
    setNotice('');
    try {
      setNotice(summary(await check.mutateAsync()));
    } catch (err) {
      setCheckError((err as Error).message);
    }
  }

  return (
    <main className="manage">
      <h1>{t('nav.mirrors')}</h1>
      <p className="hint">
        {t('mirrors.hint')}{' '}
        {every === 0 ? t('mirrors.noChecks') : every !== null && t('mirrors.every', { n: every })}
      </p>
      <Notices error={error} notice={notice} />
      <button
        ref={button}
        type="button"
        className="primary"
        disabled={checking}
        aria-busy={checking}
        onClick={() => void checkNow()}
      >
        {checking ? t('mirrors.checking') : t('mirrors.checkNow')}
      </button>
      {rows === null && !error && <p className="muted">{t('common.loading')}</p>}
      {rows && (
        <section
          className="mirror-scroll"
          aria-label={t('mirrors.scroll')}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take focus, or keyboard users cannot scroll it
          tabIndex={0}
        >
          <table className="mirror-table" aria-busy={checking}>
            <caption className="visually-hidden">{t('mirrors.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mirrors.col.address')}</th>
                <th scope="col">{t('alerts.col.status')}</th>
                <th scope="col">{t('mirrors.col.latency')}</th>
                <th scope="col">{t('mirrors.col.lastSuccess')}</th>
                <th scope="col">{t('mirrors.col.checked')}</th>
                <th scope="col">{t('mirrors.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.url}>
                  <th scope="row">
                    {m.url}
                    {m.primary && <span className="muted"> {t('mirrors.primary')}</span>}
                  </th>
                  <td>
                    <span className={`status mirror-${m.status}`}>
                      <span aria-hidden="true">{MARK[m.status]} </span>
                      {t(WORD[m.status])}
                    </span>
                  </td>
                  <td>{m.latencyMs === null ? '—' : t('mirrors.ms', { ms: m.latencyMs })}</td>
                  <td>
                    <When iso={m.lastSuccessAt} none={t('tokens.never')} />
                  </td>
                  <td>
                    <When iso={m.checkedAt} none={t('mirrors.neverChecked')} />
                  </td>
                  <td>{m.detail || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {/* A saved list changes which addresses the table shows: saving asks for the rows again. */}
      <AddressForm />
    </main>
  );
}

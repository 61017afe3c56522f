import { useEffect, useRef, useState } from 'react';
import { type Health, type MirrorRow, useCheckMirrors, useMirrors } from '../api/mirrors.js';
import { messageOf } from '../api/query.js';
import { Notices } from '../components/manage.js';
import { formatNewsroomTime } from '../time.js';
import { AddressForm } from './addresses.js';
import './mirrors.css';

const ORDER: Health[] = ['reachable', 'stale', 'unreachable', 'skipped', 'unknown'];

/** A shape beside the word, so the status never rests on the badge's colour alone. */
const MARK: Record<Health, string> = {
  reachable: '✓',
  stale: '!',
  unreachable: '✕',
  skipped: '–',
  unknown: '?',
};

/** "Checked 3 addresses: 2 reachable, 1 unreachable." */
function summary(rows: MirrorRow[]): string {
  const counts = ORDER.map((s) => [s, rows.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const what = `Checked ${rows.length} ${rows.length === 1 ? 'address' : 'addresses'}`;
  return counts.length ? `${what}: ${counts.join(', ')}.` : `${what}.`;
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
      <h1>Mirrors</h1>
      <p className="hint">
        Alternate addresses readers can use when the main one is blocked, and what the last check found.{' '}
        {every === 0
          ? 'The servers do not check on their own (MIRROR_CHECK_MINUTES is 0).'
          : every !== null && `The servers check every ${every === 1 ? 'minute' : `${every} minutes`}.`}
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
        {checking ? 'Checking…' : 'Check now'}
      </button>
      {rows === null && !error && <p className="muted">Loading…</p>}
      {rows && (
        <section
          className="mirror-scroll"
          aria-label="Mirror status (scrolls sideways)"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take focus, or keyboard users cannot scroll it
          tabIndex={0}
        >
          <table className="mirror-table" aria-busy={checking}>
            <caption className="visually-hidden">
              Addresses of the site and the result of their last check
            </caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Status</th>
                <th scope="col">Latency</th>
                <th scope="col">Last success</th>
                <th scope="col">Checked</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.url}>
                  <th scope="row">
                    {m.url}
                    {m.primary && <span className="muted"> (primary)</span>}
                  </th>
                  <td>
                    <span className={`status mirror-${m.status}`}>
                      <span aria-hidden="true">{MARK[m.status]} </span>
                      {m.status}
                    </span>
                  </td>
                  <td>{m.latencyMs === null ? '—' : `${m.latencyMs} ms`}</td>
                  <td>
                    <When iso={m.lastSuccessAt} none="never" />
                  </td>
                  <td>
                    <When iso={m.checkedAt} none="never checked" />
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

import { useState } from 'react';
import { messageOf } from '../api/query.js';
import { type Token, useAddToken, useRevokeToken, useTokens } from '../api/tokens.js';
import { Notices, useAction } from '../components/manage.js';
import { formatNewsroomDate } from '../time.js';

const EXPIRY_CHOICES: { days: number | null; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: 'a year' },
  { days: null, label: 'never' },
];

const day = (iso: string) => formatNewsroomDate(iso);

const expired = (t: Token) => t.expiresAt !== null && new Date(t.expiresAt) <= new Date();
const isLive = (t: Token) => !t.revokedAt && !expired(t);

function state(t: Token): string {
  if (t.revokedAt) return `revoked ${day(t.revokedAt)}`;
  if (t.expiresAt) return `${expired(t) ? 'expired' : 'expires'} ${day(t.expiresAt)}`;
  return 'never expires';
}

/**
 * Personal API tokens for scripts: made with the current password, shown once, revoked here or
 * all together by a password change, a reset or "sign out everywhere" (the server does that).
 */
export function ApiTokens() {
  const query = useTokens();
  const tokens = query.data;
  const [secret, setSecret] = useState('');
  const add = useAddToken();
  const revoke = useRevokeToken();
  const action = useAction();

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const expiry = String(form.get('expiresInDays') ?? '');
    setSecret('');
    await action.run(async () => {
      const made = await add.mutateAsync({
        name: String(form.get('name') ?? ''),
        currentPassword: String(form.get('currentPassword') ?? ''),
        expiresInDays: expiry === '' ? null : Number(expiry),
      });
      setSecret(made.token);
      formEl.reset();
    }, 'Token created. Copy it now: it is not shown again.');
  }

  return (
    <section aria-labelledby="api-tokens">
      <h2 id="api-tokens">API tokens</h2>
      <p className="hint">
        For scripts: send <code>Authorization: Bearer mh_…</code>. A token acts with your role. Changing your
        password, a password reset and “Sign out everywhere” revoke all your tokens.
      </p>
      <Notices
        error={(action.error || messageOf(query.error)).replace(/^body\.\w+: /, '')}
        notice={action.notice}
      />
      {secret && (
        <p>
          <label>
            Your new token
            <input readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
          </label>
        </p>
      )}
      <form aria-label="Create an API token" onSubmit={(e) => void create(e)}>
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="ingest script" />
        </label>
        <label>
          Expires after
          <select name="expiresInDays" defaultValue="90">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.label} value={c.days ?? ''}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Your password, to confirm
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={action.busy}>
          Create token
        </button>
      </form>
      {tokens && tokens.length > 0 && (
        <table className="manage-table">
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Last used</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className={isLive(t) ? undefined : 'inactive'}>
                <th scope="row">
                  {t.name} <small className="muted">{t.prefix}…</small>
                </th>
                <td>{state(t)}</td>
                <td>{t.lastUsedAt ? day(t.lastUsedAt) : 'never'}</td>
                <td>
                  {isLive(t) && (
                    <button
                      type="button"
                      aria-label={`Revoke ${t.name}`}
                      disabled={action.busy}
                      onClick={() => void action.run(() => revoke.mutateAsync(t.id), `Revoked ${t.name}.`)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

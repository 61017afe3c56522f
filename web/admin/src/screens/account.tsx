import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { changePassword, signOutEverywhere as endAllSessions, type User } from '../api/session.js';
import { t } from '../i18n/index.js';
import { ApiTokens } from './api-tokens.js';

/**
 * One's own account: change the password (at least 12 characters; every session ends and every
 * API token is revoked, so sign in again), sign out everywhere, and personal API tokens.
 */
export function Account({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('repeat') ?? '')) {
      setError(t('account.differ'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await changePassword(String(form.get('currentPassword') ?? ''), newPassword);
      window.alert(t('account.changed'));
      onSignedOut();
    } catch (err) {
      setError(err instanceof ApiError ? err.message.replace(/^body\.\w+: /, '') : t('common.unreachable'));
      setBusy(false);
    }
  }

  async function signOutEverywhere() {
    if (!window.confirm(t('account.everywhere.confirm'))) return;
    try {
      await endAllSessions();
      onSignedOut();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.unreachable'));
    }
  }

  return (
    <main className="narrow">
      <h1>{t('account.title')}</h1>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      <h2>{t('account.password')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('account.current')}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t('account.new')}
          <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <label>
          {t('account.repeat')}
          <input name="repeat" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('account.password')}
        </button>
        <p className="hint">{t('account.password.hint')}</p>
      </form>
      <h2>{t('account.sessions')}</h2>
      <p className="hint">{t('account.sessions.hint')}</p>
      <button type="button" onClick={() => void signOutEverywhere()}>
        {t('account.everywhere')}
      </button>
      <ApiTokens />
    </main>
  );
}

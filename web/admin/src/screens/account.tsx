import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { changePassword, signOutEverywhere as endAllSessions, type User } from '../api/session.js';
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
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await changePassword(String(form.get('currentPassword') ?? ''), newPassword);
      window.alert('Password changed. Sign in again with the new one.');
      onSignedOut();
    } catch (err) {
      setError(
        err instanceof ApiError ? err.message.replace(/^body\.\w+: /, '') : 'Could not reach the server.',
      );
      setBusy(false);
    }
  }

  async function signOutEverywhere() {
    if (!window.confirm('Sign out everywhere? Every session ends and all your API tokens are revoked.'))
      return;
    try {
      await endAllSessions();
      onSignedOut();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not reach the server.');
    }
  }

  return (
    <main className="narrow">
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      <h2>Change password</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password (at least 12 characters)
          <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <label>
          New password again
          <input name="repeat" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>
        <p className="hint">
          Changing it signs you out everywhere, this browser included, and revokes your API tokens.
        </p>
      </form>
      <h2>Sessions</h2>
      <p className="hint">
        Lost a device? Signing out everywhere ends every session, this one included, and revokes all your API
        tokens.
      </p>
      <button type="button" onClick={() => void signOutEverywhere()}>
        Sign out everywhere
      </button>
      <ApiTokens />
    </main>
  );
}

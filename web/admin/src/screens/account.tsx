import { useState } from 'react';
import { ApiError, api, type User } from '../api.js';

/** Change one's own password (at least 12 characters); every session ends, so sign in again. */
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
      await api('POST', '/password', {
        currentPassword: String(form.get('currentPassword') ?? ''),
        newPassword,
      });
      window.alert('Password changed. Sign in again with the new one.');
      onSignedOut();
    } catch (err) {
      setError(
        err instanceof ApiError ? err.message.replace(/^body\.\w+: /, '') : 'Could not reach the server.',
      );
      setBusy(false);
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
        <p className="hint">Changing it signs you out everywhere, this browser included.</p>
      </form>
    </main>
  );
}

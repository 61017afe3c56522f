import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { signIn, type User } from '../api/session.js';
import { t } from '../i18n/index.js';
import './sign-in.css';

export function SignIn({ onSignedIn }: { onSignedIn: (user: User, csrf: string) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const email = useRef<HTMLInputElement>(null);
  // The page has one thing to do: start in the email field (a ref, not autoFocus, which
  // React applies only on first mount and lint flags everywhere else).
  useEffect(() => email.current?.focus(), []);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      const s = await signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      onSignedIn(s.user, s.csrfToken);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err.status === 401
            ? t('signIn.wrong')
            : err.message
          : t('signIn.unreachable'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="narrow sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('signIn.email')}
          <input ref={email} name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}

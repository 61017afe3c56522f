import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, setCsrfToken, siteSetting } from './api/client.js';
import { signOut as endSession, getSession, type User } from './api/session.js';
import { BASE, navigate, onLinkClick, useLocation } from './router.js';
import { navRoutes, screenFor } from './routes.js';
import { SignIn } from './screens/sign-in.js';

type Auth = { state: 'loading' } | { state: 'out' } | { state: 'in'; user: User } | { state: 'down' };

/**
 * The shell: who is signed in, the navigation, and the screen for the address (routes.tsx).
 * The session is asked here with an effect, not a query: it decides whether there is a signed-in
 * app at all, sign-in and sign-out set it directly, and without a server it is asked again on a
 * timer and when the browser comes back online.
 */
export function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });
  const { path } = useLocation();
  const queries = useQueryClient();
  /** Signed out: nothing one user's screens read may show to the next one signing in here. */
  const out = useCallback(() => {
    setCsrfToken(null);
    queries.clear();
    setAuth({ state: 'out' });
  }, [queries]);

  const check = useCallback(async () => {
    try {
      const s = await getSession();
      setCsrfToken(s.csrfToken);
      setAuth({ state: 'in', user: s.user });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) out();
      else setAuth({ state: 'down' });
    }
  }, [out]);

  useEffect(() => {
    void check();
  }, [check]);

  // Without a server there is nothing to show yet: ask again until it answers.
  useEffect(() => {
    if (auth.state !== 'down') return;
    const timer = setInterval(() => void check(), 3000);
    window.addEventListener('online', check);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', check);
    };
  }, [auth.state, check]);

  async function signOut() {
    try {
      await endSession();
    } catch {
      // Signed out here either way; the cookie ends when the server next sees it.
    }
    out();
    navigate('/');
  }

  if (auth.state === 'loading') return <p className="loading">Loading the newsroom…</p>;
  if (auth.state === 'down') {
    return (
      <main className="narrow">
        <h1>The newsroom server does not answer</h1>
        <p>
          Check your connection; this page tries again by itself. Anything you wrote is kept on this device.
        </p>
        <button type="button" onClick={() => void check()}>
          Try again
        </button>
      </main>
    );
  }
  if (auth.state === 'out') {
    return (
      <SignIn
        onSignedIn={(user, csrf) => {
          setCsrfToken(csrf);
          setAuth({ state: 'in', user });
        }}
      />
    );
  }

  const user = auth.user;
  const screen = screenFor(path, {
    user,
    signedOut: () => {
      out();
      navigate('/');
    },
  }) ?? (
    <main className="narrow">
      <h1>Not found</h1>
      <p>
        <a href={`${BASE}/`} onClick={onLinkClick}>
          Back to the desk
        </a>
      </p>
    </main>
  );

  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={`${BASE}/`} onClick={onLinkClick}>
          {siteSetting('site-name') || 'Masthead'} · Newsroom
        </a>
        <nav aria-label="Main">
          {navRoutes(user).map((r) => (
            <a
              key={r.path}
              href={`${BASE}${r.path}`}
              onClick={onLinkClick}
              aria-current={path === r.path ? 'page' : undefined}
            >
              {r.nav}
            </a>
          ))}
          <a className="button primary" href={`${BASE}/stories/new`} onClick={onLinkClick}>
            New story
          </a>
        </nav>
        <div className="who">
          <a
            href={`${BASE}/account`}
            onClick={onLinkClick}
            title={`${user.email}: your account and password`}
          >
            {user.name} <small>({user.role})</small>
          </a>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {/* The skip link's target: focusable from script only, so Tab continues in the screen. */}
      <div id="content" tabIndex={-1}>
        {screen}
      </div>
    </>
  );
}

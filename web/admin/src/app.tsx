import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, setCsrfToken, siteSetting } from './api/client.js';
import { signOut as endSession, getSession, type User } from './api/session.js';
import { ShortcutSheet } from './components/shortcut-sheet.js';
import { t } from './i18n/index.js';
import { BASE, go, navigate, onLinkClick, useLocation } from './router.js';
import { navRoutes, screenFor } from './routes.js';
import { SignIn } from './screens/sign-in.js';
import { isTyping, SEQUENCE_MS, type ShortcutAction, shortcutMatcher } from './shortcuts.js';

/** The stories list's search field, once the screen has drawn it (it may be on its way). */
function focusStorySearch(triesLeft = 30) {
  const field = document.getElementById('story-search');
  if (field) field.focus();
  else if (triesLeft > 0) requestAnimationFrame(() => focusStorySearch(triesLeft - 1));
}

/**
 * The tab's title names the screen (WCAG 2.4.2): the screen's heading, which the screens already
 * draw (a story's headline in the editor), followed as it loads or changes.
 */
function useScreenTitle(state: Auth['state']) {
  useEffect(() => {
    const app = t('app.name', { site: siteSetting('site-name') || 'Masthead' });
    if (state !== 'in') {
      document.title = `${t(state === 'down' ? 'app.down.tab' : 'signIn.tab')} · ${app}`;
      return;
    }
    const content = document.getElementById('content');
    if (!content) return;
    const update = () => {
      const heading = content.querySelector('h1')?.textContent?.trim();
      const title = heading ? `${heading} · ${app}` : app;
      if (document.title !== title) document.title = title;
    };
    update();
    const watch = new MutationObserver(update);
    watch.observe(content, { subtree: true, childList: true, characterData: true });
    return () => watch.disconnect();
  }, [state]);
}

/**
 * A link in the header took the user to another screen: the focus follows to the screen (as a
 * page load would start there), instead of staying on the link of a page that is gone.
 */
function useFocusOnNavigation(path: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const from = document.activeElement;
    if (from && from !== document.body && !from.closest('header.top')) return;
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [path]);
}

/**
 * The shell's keyboard shortcuts (shortcuts.ts), while signed in: keys typed outside text fields
 * and without Ctrl, ⌘ or Alt (those belong to the browser and the editor).
 */
function useShortcuts(enabled: boolean, openHelp: () => void) {
  useEffect(() => {
    if (!enabled) return;
    const matcher = shortcutMatcher();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (action: ShortcutAction) => {
      if (action === 'help') openHelp();
      else if (action === 'new-story') go('/stories/new');
      else if (action === 'desk') go('/');
      else if (action === 'stories') go('/stories');
      else if (action === 'search') {
        if (location.pathname.replace(/\/+$/, '') !== `${BASE}/stories`) go('/stories');
        focusStorySearch();
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      // A modal dialog (the picker, this sheet) has the keyboard to itself.
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      clearTimeout(timer);
      const { action, waiting } = matcher.key(e.key);
      if (waiting) timer = setTimeout(() => matcher.reset(), SEQUENCE_MS);
      if (!action) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [enabled, openHelp]);
}

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
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useShortcuts(auth.state === 'in', openHelp);
  useScreenTitle(auth.state);
  useFocusOnNavigation(path);
  // On a phone the navigation folds behind "Menu"; going somewhere folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger, not an input
  useEffect(() => setMenuOpen(false), [path]);
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

  if (auth.state === 'loading') return <p className="loading">{t('app.loading')}</p>;
  if (auth.state === 'down') {
    return (
      <main className="narrow">
        <h1>{t('app.down.title')}</h1>
        <p>{t('app.down.text')}</p>
        <button type="button" onClick={() => void check()}>
          {t('app.down.retry')}
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
      <h1>{t('app.notFound.title')}</h1>
      <p>
        <a href={`${BASE}/`} onClick={onLinkClick}>
          {t('app.notFound.back')}
        </a>
      </p>
    </main>
  );

  return (
    <>
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <header className="top">
        <a className="brand" href={`${BASE}/`} onClick={onLinkClick}>
          {t('app.brand', { site: siteSetting('site-name') || 'Masthead' })}
        </a>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('app.menu')}
        </button>
        <nav id="main-nav" aria-label={t('app.nav.label')} className={menuOpen ? 'open' : undefined}>
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
            {t('app.newStory')}
          </a>
        </nav>
        <div className="who">
          <a
            href={`${BASE}/account`}
            onClick={onLinkClick}
            title={t('app.account.title', { email: user.email })}
          >
            {user.name} <small>({user.role})</small>
          </a>
          <button type="button" onClick={openHelp} aria-keyshortcuts="?">
            {t('app.shortcuts')}
          </button>
          <button type="button" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      {help && <ShortcutSheet onClose={() => setHelp(false)} />}
      {/* The skip link's target: focusable from script only, so Tab continues in the screen. */}
      <div id="content" tabIndex={-1}>
        {screen}
      </div>
    </>
  );
}

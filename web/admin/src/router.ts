/** A small history-API router: the app's addresses live under /admin. */
import { useEffect, useState } from 'react';

export const BASE = '/admin';

const listeners = new Set<() => void>();

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const l of listeners) l();
}

/** The path below /admin ("/", "/stories/12") and the query string. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((t) => t + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  const path = location.pathname.slice(BASE.length).replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(location.search) };
}

/** Same-app links navigate without a page load; modified clicks open tabs as usual. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = e.currentTarget.getAttribute('href');
  if (!href?.startsWith(BASE)) return;
  e.preventDefault();
  if (mayLeave()) navigate(href);
}

/** Navigates like a link in the app does: asking first when a screen has unsaved work. */
export function go(to: string): void {
  if (mayLeave()) navigate(to);
}

/** What each screen with unsaved work would lose, while it has some. */
const leaveGuards = new Set<{ message: string }>();

/** Asks before a link in the app takes the user away from unsaved work; true when they may go. */
function mayLeave(): boolean {
  for (const g of leaveGuards) if (!confirm(g.message)) return false;
  return true;
}

/**
 * While `message` is set, following a link in the app asks first (with the message), and so do
 * closing the tab and reloading (with the browser's own words). For forms that are not saved as
 * one types (the story editor keeps every keystroke on the device and needs no guard).
 */
export function useLeaveGuard(message: string | null): void {
  useEffect(() => {
    if (!message) return;
    const guard = { message };
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    leaveGuards.add(guard);
    window.addEventListener('beforeunload', warn);
    return () => {
      leaveGuards.delete(guard);
      window.removeEventListener('beforeunload', warn);
    };
  }, [message]);
}

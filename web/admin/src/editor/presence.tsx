/**
 * Who is editing (POST/DELETE /api/admin/articles/{id}/presence): this tab says it has the story
 * open every few seconds while it is visible, and leaves when hidden or closed. The answer names
 * who else is here, says when an editor took the story over from us, and carries the story's
 * version, so someone else's save shows here within a heartbeat instead of at our next save.
 * Nothing is locked: the version check on save (409, the conflict view) stays the safety net.
 *
 * The heartbeat stays an effect, not a query: it is a write (POST, this tab's presence) on the
 * server's own pace (`heartbeatSeconds`), paused while the tab is hidden, with a keepalive leave
 * when it closes; a cached read with refetching would say "here" from tabs that are not.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type Article, getArticle } from '../api/articles.js';
import { ApiError } from '../api/client.js';
import {
  heartbeat,
  leave as leaveStory,
  type Person,
  type PresenceState,
  takeOver as takeStoryOver,
} from '../api/presence.js';
import type { User } from '../api/session.js';
import { mayEver } from '../permissions.js';
import type { Autosaver } from './autosave.js';
import './presence.css';
import { t } from '../i18n/index.js';

/** A random id for this tab's stay on the story (works without a secure context too). */
function newTabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words.length > 1 ? `${words[0]?.[0]}${words.at(-1)?.[0]}` : (words[0]?.slice(0, 2) ?? '?')
  ).toUpperCase();
}

function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return t('presence.ago.s', { n: s });
  const m = Math.round(s / 60);
  return m < 60 ? t('presence.ago.min', { n: m }) : t('presence.ago.h', { n: Math.round(m / 60) });
}

function names(people: Person[]): string {
  const n = people.map((p) => p.name);
  return n.length <= 1
    ? (n[0] ?? '')
    : t('presence.and', { first: n.slice(0, -1).join(', '), last: n.at(-1) ?? '' });
}

export function WhoIsEditing({
  articleId,
  user,
  saver,
  onReload,
}: {
  articleId: number;
  user: User;
  saver: Autosaver;
  /** Show a story fetched from the server (the editor's own `show`). */
  onReload: (article: Article) => void;
}) {
  const [tabId] = useState(newTabId);
  const [state, setState] = useState<PresenceState | null>(null);
  const [now, setNow] = useState(Date.now());
  const [note, setNote] = useState('');
  const save = useSyncExternalStore(saver.subscribe, () => saver.snapshot);
  const saverRef = useRef(saver);
  saverRef.current = saver;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const beat = async () => {
      clearTimeout(timer);
      if (stopped || document.visibilityState === 'hidden') return;
      let every = 5;
      try {
        const s = await heartbeat(articleId, tabId, saverRef.current.currentVersion);
        if (!stopped) {
          setState(s);
          setNow(Date.now());
        }
        every = s.heartbeatSeconds;
      } catch (err) {
        // Offline or a server hiccup: keep trying at the same pace; a 404 (story gone) stops.
        if (err instanceof ApiError && err.status === 404) return;
      }
      if (!stopped) timer = setTimeout(beat, every * 1000);
    };
    /** Leave without waiting: keepalive lets the request outlive the page. */
    const leave = () => {
      clearTimeout(timer);
      leaveStory(articleId, tabId);
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? leave() : void beat());
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    void beat();
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [articleId, tabId]);

  if (!state) return null;
  const people = state.others.filter((o) => !o.you);
  const earlier = people.filter((o) => o.since <= state.since && !o.takenOver);
  const held = saver.currentVersion;
  // Our own save in flight can be seen by a heartbeat before its answer arrives: not "newer".
  const newer =
    state.article.version > held && save.status !== 'saving' && save.status !== 'conflict'
      ? state.article
      : null;

  async function takeOver() {
    try {
      const s = await takeStoryOver(articleId, tabId);
      setState(s);
      setNote(
        s.tookOver
          ? t('presence.tookOverFrom', { names: names(people.map((p) => p.user)) })
          : t('presence.nobody'),
      );
    } catch (err) {
      setNote((err as Error).message);
    }
  }

  async function reload() {
    if (saver.dirty && !window.confirm(t('presence.reload.confirm'))) return;
    try {
      const a = await getArticle(articleId);
      saver.reset(a);
      onReload(a);
    } catch (err) {
      setNote((err as Error).message);
    }
  }

  return (
    <section className="presence" aria-label={t('presence.label')} data-testid="presence">
      {people.length > 0 && (
        <div className="presence-people">
          <span className="muted">{t('presence.also')}</span>
          <ul>
            {people.map((p) => (
              <li
                key={p.user.id}
                title={p.takenOver ? t('presence.takenOver', { name: p.user.name }) : p.user.name}
              >
                <span className="avatar" aria-hidden="true">
                  {initials(p.user.name)}
                </span>
                <span className="presence-name">{p.user.name}</span>
              </li>
            ))}
          </ul>
          {mayEver(user, 'article.takeover') && !state.takenOver && (
            <button type="button" onClick={() => void takeOver()}>
              {t('presence.takeOver')}
            </button>
          )}
        </div>
      )}
      {note && (
        <p className="presence-note" role="status">
          {note}
        </p>
      )}
      {state.takenOver ? (
        <p className="banner banner-bad" role="alert" data-testid="taken-over">
          <strong>{t('presence.tookOver', { name: state.takenOver.by.name })}</strong>{' '}
          {ago(state.takenOver.at, now)}
          {t('presence.tookOver.rest')}
        </p>
      ) : (
        earlier.length > 0 && (
          <p className="banner banner-warn" role="status" data-testid="someone-editing">
            <strong>
              {t('presence.editing', { names: names(earlier.map((p) => p.user)), n: earlier.length })}
            </strong>{' '}
            {t('presence.editing.rest')}
          </p>
        )
      )}
      {newer && (
        <p className="banner banner-warn" role="alert" data-testid="newer-version">
          {newer.updatedBy?.id === user.id
            ? t('presence.newer.you', { ago: ago(newer.updatedAt, now) })
            : t('presence.newer', {
                name: newer.updatedBy?.name ?? t('presence.someone'),
                ago: ago(newer.updatedAt, now),
              })}{' '}
          <button type="button" onClick={() => void reload()}>
            {t('presence.reload')}
          </button>
          {saver.dirty && (
            <button type="button" onClick={() => void saver.flush()} title={t('presence.compare.title')}>
              {t('presence.compare')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

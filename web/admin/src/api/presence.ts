/** Who is editing a story: this tab's heartbeat, taking a story over, and leaving it. */
import { api, currentCsrfToken } from './client.js';

export interface Person {
  id: number;
  name: string;
}

export interface PresenceState {
  since: string;
  others: { user: Person; you: boolean; tabs: number; since: string; takenOver: boolean }[];
  takenOver: { by: Person; at: string } | null;
  article: { version: number; status: string; updatedAt: string; updatedBy: Person | null };
  heartbeatSeconds: number;
}

/** "This tab has the story open, based on this version"; the answer is who else has it. */
export const heartbeat = (articleId: number, tabId: string, version: number) =>
  api<PresenceState>('POST', `/articles/${articleId}/presence`, { tabId, version });

export const takeOver = (articleId: number, tabId: string) =>
  api<PresenceState & { tookOver: number }>('POST', `/articles/${articleId}/presence/take-over`, { tabId });

/**
 * Leave without waiting: keepalive lets the request outlive the page (api() cannot ask for it),
 * so this one write sends the CSRF token itself.
 */
export function leave(articleId: number, tabId: string): void {
  const token = currentCsrfToken();
  void fetch(`/api/admin/articles/${articleId}/presence?tabId=${tabId}`, {
    method: 'DELETE',
    keepalive: true,
    credentials: 'same-origin',
    headers: token ? { 'x-csrf-token': token } : {},
  }).catch(() => {});
}

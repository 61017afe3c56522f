/**
 * The transport under every resource module in api/ (articles.ts, sections.ts …): the newsroom
 * API as the app uses it: same-origin fetch with the session cookie, and the CSRF
 * token (kept in memory and sessionStorage, never in localStorage) on every write.
 */
import { t } from '../i18n/index.js';

const CSRF_KEY = 'masthead:csrf';
let csrfToken: string | null = sessionStorage.getItem(CSRF_KEY);

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

/** The token for requests made outside api() (uploads with progress use XMLHttpRequest). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer other than 2xx (`status` > 0) or no answer at all (`status` 0: offline, server down). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/admin${url}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'offline', t('api.offline'));
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    // A proxy's error page, or an empty answer: described below by the status alone.
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? t('api.status', { status: String(res.status) }),
      err?.details,
    );
  }
  return data as T;
}

/** Settings the server writes into index.html as <meta> tags. */
export function siteSetting(name: 'site-name' | 'site-url' | 'time-zone'): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="masthead:${name}"]`)?.content ?? '';
}

/**
 * The few browser globals the app's logic touches (storage, window events, navigator.onLine,
 * <meta> settings, fetch), stubbed for tests that run in Node and need no real DOM. Install
 * before importing app modules (api.ts reads sessionStorage when it loads). Tests that render
 * hooks use happy-dom instead (`// @vitest-environment happy-dom`, test/render-hook.tsx).
 */
import { vi } from 'vitest';

export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  /** Set to make setItem throw, as a full or disabled storage does. */
  refuse = false;
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

export interface BrowserGlobals {
  localStorage: MemoryStorage;
  sessionStorage: MemoryStorage;
  window: EventTarget;
  navigator: { onLine: boolean };
  fetch: ReturnType<typeof vi.fn>;
}

export function installBrowserGlobals(): BrowserGlobals {
  const g: BrowserGlobals = {
    localStorage: new MemoryStorage(),
    sessionStorage: new MemoryStorage(),
    window: new EventTarget(),
    navigator: { onLine: true },
    fetch: vi.fn(),
  };
  vi.stubGlobal('localStorage', g.localStorage);
  vi.stubGlobal('sessionStorage', g.sessionStorage);
  vi.stubGlobal('window', g.window);
  vi.stubGlobal('navigator', g.navigator);
  vi.stubGlobal('fetch', g.fetch);
  // prosemirror-view reads documentElement.style when it loads (the editor's schema imports it).
  vi.stubGlobal('document', { querySelector: () => null, documentElement: { style: {} } });
  return g;
}

/** A JSON answer as fetch gives it. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

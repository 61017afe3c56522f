/**
 * Unsaved work kept on this device (localStorage, keyed by story id) from the first keystroke
 * until the server has acknowledged it, so a crash, reload or lost connection costs nothing.
 */
import type { ArticleFields } from '../api/articles.js';

export interface LocalDraft {
  articleId: number;
  /** The server version these edits were based on. */
  baseVersion: number;
  fields: ArticleFields;
  /** When the edit was made (ms since the epoch). */
  editedAt: number;
}

const key = (id: number) => `masthead:draft:${id}`;
const keptKey = (id: number, at: number) => `masthead:kept:${id}:${at}`;

export function loadDraft(id: number): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(id));
    if (!raw) return null;
    const d = JSON.parse(raw) as LocalDraft;
    return d && d.articleId === id && d.fields ? d : null;
  } catch {
    return null;
  }
}

/** Returns false when the browser refused (storage full or disabled): the UI says so. */
export function storeDraft(d: LocalDraft): boolean {
  try {
    localStorage.setItem(key(d.articleId), JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(id: number): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // Nothing to clear when storage is disabled.
  }
}

/** A version the user chose not to keep in a conflict: parked, never thrown away. */
export function keepCopy(d: LocalDraft): string {
  const k = keptKey(d.articleId, Date.now());
  try {
    localStorage.setItem(k, JSON.stringify(d));
  } catch {
    // Storage full: the copy is still in the server's revision history if it was ever saved.
  }
  return k;
}

/** Same content? Key order differs between the server's JSON and ours, so compare canonically. */
export function sameFields(a: ArticleFields, b: ArticleFields): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

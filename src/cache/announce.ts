import { type Db, onCommit } from '../db/index.js';

type ChangeListener = (tags: string[]) => void;
const listeners = new Set<ChangeListener>();

/**
 * Tells caches what a write made stale, once the write has committed (at once when `db` is not
 * a transaction). Sections, authors, tags and media announce their own changes through this too.
 */
export function announceChange(db: Db, tags: readonly string[]): void {
  if (tags.length === 0) return;
  const copy = [...tags];
  onCommit(db, () => {
    for (const listener of listeners) listener(copy);
  });
}

/**
 * Subscribes to committed changes in this process; returns the unsubscribe. Listeners are per
 * process, not per database: two contexts in one process (tests) hear each other's changes,
 * which can only make a cache drop more than it had to.
 */
export function onContentChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

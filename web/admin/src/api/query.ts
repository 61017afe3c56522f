/**
 * The app's query cache (TanStack Query): what every `useXxx` hook in api/ reads through and
 * every mutation there invalidates by key. One client per page load (main.tsx), a fresh one per
 * unit test.
 *
 * The defaults keep what the screens did before the cache: a failed read says why at once (no
 * silent retries; api() already tells "offline" from a refusal), and requests go out whatever
 * navigator.onLine says, so an offline read fails with "No connection …" instead of waiting
 * unseen. Reads are stale at once, so a screen opened again shows what it had and asks afresh;
 * reference data (sections, bylines) is kept until a write here invalidates it.
 *
 * The story editor's saves never go through here: editor/autosave.ts owns them (its own retries,
 * the copy on the device, 409 handling), and the editor reads its story once (screens/editor.tsx).
 */
import { QueryClient } from '@tanstack/react-query';

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, networkMode: 'always', staleTime: 0 },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/** An error as the screens show it. */
export function messageOf(err: unknown): string {
  if (!err) return '';
  return err instanceof Error ? err.message : String(err);
}

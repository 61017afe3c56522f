/** A story's notes between writer and editor (never public): read the thread, add to it; keys and hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { articleKeys } from './articles.js';
import { api } from './client.js';

/** A note between writer and editor (never public). */
export interface Note {
  id: number;
  articleId: number;
  text: string;
  transition: 'submit' | 'return' | null;
  createdAt: string;
  author: { id: number | null; name: string };
}

export async function listNotes(articleId: number): Promise<Note[]> {
  return (await api<{ notes: Note[] }>('GET', `/articles/${articleId}/notes`)).notes;
}

export const addNote = (articleId: number, text: string) =>
  api<Note>('POST', `/articles/${articleId}/notes`, { text });

export const noteKeys = {
  all: ['notes'] as const,
  thread: (articleId: number) => [...noteKeys.all, articleId] as const,
};

/**
 * A story's thread. `version` is the story's: a transition with a note moves it on, and the
 * thread is asked again then (the note came with the move, not through useAddNote).
 */
export function useNotes(articleId: number, version: number) {
  return useQuery({
    queryKey: [...noteKeys.thread(articleId), version] as const,
    queryFn: () => listNotes(articleId),
    placeholderData: (previous) => previous,
  });
}

/**
 * Adds a note: the story's thread is asked again, and so are the story lists (the desk shows
 * each story's latest note).
 */
export function useAddNote(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => addNote(articleId, text),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: noteKeys.thread(articleId) }),
        qc.invalidateQueries({ queryKey: articleKeys.lists() }),
      ]),
  });
}

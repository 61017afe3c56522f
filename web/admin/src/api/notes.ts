/** A story's notes between writer and editor (never public): read the thread, add to it. */
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

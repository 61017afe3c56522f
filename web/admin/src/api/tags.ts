/** Tags: their shape and the calls that read and change them. */
import { api } from './client.js';

export interface Tag {
  id: number;
  slug: string;
  name: string;
}

/** A tag with how many stories use it (the tags screen). */
export interface CountedTag extends Tag {
  stories: number;
}

/** Tags whose name starts with the query (autocomplete, the stories filter). */
export async function searchTags(q: string, limit: number): Promise<Tag[]> {
  return (await api<{ tags: Tag[] }>('GET', `/tags?q=${encodeURIComponent(q)}&limit=${limit}`)).tags;
}

/** Tags with their story counts, optionally filtered by name. */
export async function browseCountedTags(filter: string, limit: number): Promise<CountedTag[]> {
  const q = filter ? `&q=${encodeURIComponent(filter)}` : '';
  return (await api<{ tags: CountedTag[] }>('GET', `/tags?counts=true&limit=${limit}${q}`)).tags;
}

export const renameTag = (id: number, name: string) => api('PATCH', `/tags/${id}`, { name });
/** Moves every story of one tag to another and removes the first. */
export const mergeTag = (id: number, into: number) => api('POST', `/tags/${id}/merge`, { into });
export const deleteTag = (id: number) => api('DELETE', `/tags/${id}`);

/** Tags: their shape, the calls that read and change them, their query keys and hooks. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { articlesChanged } from './articles.js';
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

export const tagKeys = {
  all: ['tags'] as const,
  counted: (filter: string, limit: number) => [...tagKeys.all, 'counted', filter, limit] as const,
  search: (q: string, limit: number) => [...tagKeys.all, 'search', q, limit] as const,
};

/** The tags screen's table; the rows shown stay while a new filter's rows load. */
export function useCountedTags(filter: string, limit: number) {
  return useQuery({
    queryKey: tagKeys.counted(filter, limit),
    queryFn: () => browseCountedTags(filter, limit),
    placeholderData: keepPreviousData,
  });
}

/** Suggestions for a tag being typed (nothing asked for an empty query). */
export function useTagSuggestions(q: string, limit: number) {
  return useQuery({
    queryKey: tagKeys.search(q, limit),
    queryFn: () => searchTags(q, limit),
    enabled: q !== '',
    staleTime: 30_000,
  });
}

/**
 * A write to tags changes every tag list and search, and the stories that carry the tag: lists
 * filtered by its name and single stories (which hold tag names) are refreshed or marked stale
 * (articlesChanged). Succeeded or not, the lists are asked again.
 */
function useTagWrite<V>(write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: tagKeys.all }), articlesChanged(qc)]),
  });
}

export const useRenameTag = () => useTagWrite((v: { id: number; name: string }) => renameTag(v.id, v.name));
export const useMergeTag = () => useTagWrite((v: { id: number; into: number }) => mergeTag(v.id, v.into));
export const useDeleteTag = () => useTagWrite((id: number) => deleteTag(id));

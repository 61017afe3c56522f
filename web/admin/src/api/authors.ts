/**
 * Bylines (author profiles): their shape, the calls that read and change them, their query key
 * and hooks. Pickers share one cached list (kept until a write here invalidates it); the authors
 * screen asks afresh each time it opens, and pickers opened afterwards see that copy.
 */
import type { AuthorInputBody } from '@shared/inputs.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export interface Author {
  id: number;
  slug: string;
  name: string;
}

/** A byline as its management screen shows it. */
export interface Byline extends Author {
  bio: string;
}

/** What the bylines screen sends (the server's own schema). */
export type AuthorWrite = AuthorInputBody;

export const fetchAuthors = () => api<{ authors: Byline[] }>('GET', '/authors').then((r) => r.authors);
export const addAuthor = (v: AuthorWrite) => api('POST', '/authors', v);
export const editAuthor = (id: number, v: AuthorWrite) => api('PATCH', `/authors/${id}`, v);

export const authorKeys = {
  all: ['authors'] as const,
  list: () => [...authorKeys.all, 'list'] as const,
};

/** Every byline. `fresh`: ask the server on opening even when a copy is cached (the authors screen). */
export function useAuthorList(opts: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: authorKeys.list(),
    queryFn: fetchAuthors,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: opts.fresh ? 'always' : true,
  });
}

const NONE: Author[] = [];

/** The bylines for a picker (empty until loaded, or when they cannot be). */
export function useAuthors(): Author[] {
  return useAuthorList().data ?? NONE;
}

/**
 * A write to the bylines: the list is fetched again, succeeded or not. Stories keep author ids,
 * and every screen names them from this list, so no story needs fetching again.
 */
function useAuthorWrite<V>(write: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => qc.invalidateQueries({ queryKey: authorKeys.all }),
  });
}

export const useAddAuthor = () => useAuthorWrite((v: AuthorWrite) => addAuthor(v));
export const useEditAuthor = () =>
  useAuthorWrite((v: { id: number; values: AuthorWrite }) => editAuthor(v.id, v.values));

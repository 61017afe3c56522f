/**
 * Bylines (author profiles): their shape, the calls that read and change them, and the list the
 * pickers share (fetched once per page load; every write here forgets it). A query cache
 * (TanStack Query) would do this bookkeeping; until it is installed, it is here.
 */
import { useEffect, useState } from 'react';
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

export interface AuthorWrite {
  name: string;
  slug: string;
  bio: string;
}

let cached: Promise<Byline[]> | null = null;

/** The bylines for pickers: one fetch per page load until a write here changes them. */
export function loadAuthors(): Promise<Byline[]> {
  cached ??= api<{ authors: Byline[] }>('GET', '/authors').then((r) => r.authors);
  cached.catch(() => {
    cached = null;
  });
  return cached;
}

/** After a change, the next reader fetches the list afresh. */
export function forgetAuthors(): void {
  cached = null;
}

/** Every byline fetched afresh (the authors screen): pickers opened afterwards see the same. */
export function browseAuthors(): Promise<Byline[]> {
  forgetAuthors();
  return loadAuthors();
}

function changed<T>(p: Promise<T>): Promise<T> {
  return p.finally(forgetAuthors);
}

export const addAuthor = (v: AuthorWrite) => changed(api('POST', '/authors', v));
export const editAuthor = (id: number, v: AuthorWrite) => changed(api('PATCH', `/authors/${id}`, v));

/** The bylines for a picker (empty until loaded, or when they cannot be). */
export function useAuthors(): Author[] {
  const [list, setList] = useState<Author[]>([]);
  useEffect(() => {
    loadAuthors()
      .then(setList)
      .catch(() => setList([]));
  }, []);
  return list;
}

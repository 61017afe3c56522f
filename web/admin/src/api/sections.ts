/**
 * The section tree: its shape, the calls that read and change it, their query key and hooks.
 * Pickers share one cached tree (kept until a write here invalidates it); the sections screen
 * asks afresh each time it opens, and pickers opened afterwards see that copy.
 */
import type { SectionInput } from '@shared/inputs.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { articlesChanged } from './articles.js';
import { api } from './client.js';

export interface Section {
  id: number;
  slug: string;
  name: string;
  path: string;
  parentId: number | null;
  children: Section[];
}

/** What the sections screen sends to add or change a section (the server's own schema). */
export type SectionWrite = SectionInput;

export interface SectionOption {
  id: number;
  name: string;
  path: string;
  depth: number;
}

/** The section tree in reading order, with depth for indentation. */
export function flattenSections(tree: Section[], depth = 0): SectionOption[] {
  return tree.flatMap((s) => [
    { id: s.id, name: s.name, path: s.path, depth },
    ...flattenSections(s.children ?? [], depth + 1),
  ]);
}

/** "— Politics" style labels for a <select>. */
export function sectionLabel(s: SectionOption): string {
  return `${'\u2014 '.repeat(s.depth)}${s.name}`;
}

export const addSection = (v: SectionWrite) => api('POST', '/sections', v);
export const editSection = (id: number, v: SectionWrite) => api('PATCH', `/sections/${id}`, v);
export const deleteSection = (id: number) => api('DELETE', `/sections/${id}`);
export const reorderSections = (parentId: number | null, ids: number[]) =>
  api('POST', '/sections/reorder', { parentId, ids });

export const fetchSections = () => api<{ sections: Section[] }>('GET', '/sections').then((r) => r.sections);

export const sectionKeys = {
  all: ['sections'] as const,
  tree: () => [...sectionKeys.all, 'tree'] as const,
};

/** The tree. `fresh`: ask the server on opening even when a copy is cached (the sections screen). */
export function useSectionTree(opts: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: sectionKeys.tree(),
    queryFn: fetchSections,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: opts.fresh ? 'always' : true,
  });
}

/** The sections for a picker, in reading order (empty until loaded, or when they cannot be). */
export function useSections(): SectionOption[] {
  const { data } = useSectionTree();
  return useMemo(() => (data ? flattenSections(data) : []), [data]);
}

/**
 * A write to the tree: the tree is fetched again, succeeded or not (a refusal may come from a
 * change made elsewhere). Renaming or moving a section changes its stories' addresses, so those
 * are refreshed too; adding, deleting (empty sections only) and reordering change no story.
 */
function useSectionWrite<V>(write: (v: V) => Promise<unknown>, movesStories = false) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: sectionKeys.all }),
        movesStories ? articlesChanged(qc) : undefined,
      ]),
  });
}

export const useAddSection = () => useSectionWrite((v: SectionWrite) => addSection(v));
export const useEditSection = () =>
  useSectionWrite((v: { id: number; values: SectionWrite }) => editSection(v.id, v.values), true);
export const useDeleteSection = () => useSectionWrite((id: number) => deleteSection(id));
export const useReorderSections = () =>
  useSectionWrite((v: { parentId: number | null; ids: number[] }) => reorderSections(v.parentId, v.ids));
